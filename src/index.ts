// Every public module, once: the construct, its props and interface, the policy vocabulary,
// the processing hook's contract and the simulator. Everything else is private to the library.
export * from './channel-flow';
export type { IChannelFlow } from './channel-flow-base';
export * from './channel-flow-props';
export * from './errors';
export * from './policy/comprehend';
export * from './policy/condition';
export * from './policy/message-attributes';
export * from './policy/moderation';
export * from './policy/push-notification';
export * from './policy/push-notification-filter';
export * from './policy/policies';
export * from './processing-hook';
export * from './simulator';
