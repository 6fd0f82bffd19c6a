export * from './channel-flow';
export * from './policy/condition';
export * from './policy/message-attributes';
export * from './policy/moderation';
export * from './policy/push-notification';
export * from './policy/push-notification-filter';
export * from './policy/policies';
export * from './simulator';
