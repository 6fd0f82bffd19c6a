import { ComprehendOptions } from './comprehend';
import { MessageAttributePolicy } from './message-attributes';
import { ModerationPolicy } from './moderation';
import { PushNotificationPolicy } from './push-notification';

/** The policies of a channel flow: what happens to every message. */
export interface ChannelFlowPolicies {
  /**
   * What happens to every message's attributes.
   *
   * @default - attributes are delivered as they arrived
   */
  readonly messageAttributes?: MessageAttributePolicy;

  /**
   * Which push notification every message triggers.
   *
   * @default - the processor adds no push notification
   */
  readonly pushNotification?: PushNotificationPolicy;

  /**
   * Which messages are denied, and what is redacted from their content. When moderation denies
   * or redacts anything, the flow fails closed: `fallbackAction` defaults to ABORT, and a message whose policy cannot
   * be evaluated is denied rather than delivered.
   *
   * @default - no message is denied or rewritten
   */
  readonly moderation?: ModerationPolicy;

  /**
   * How the policies' Amazon Comprehend rules (`Condition.toxicContent`, `Condition.containsPii`,
   * `Condition.languageIn`, `Redaction.piiEntities`, `MessageAttributeRule.fromDominantLanguage`) run.
   *
   * @default - English, and ON_ERROR for a language an API does not analyze
   */
  readonly comprehend?: ComprehendOptions;
}

