export * from './channel-flow';
export * from './policy/message-attributes';
export * from './policy/push-notification';
