import { PushRuleDocument } from '../core/document';

/** How the member's device presents a push notification. */
export enum PushNotificationType {
  /** A standard notification. */
  DEFAULT = 'DEFAULT',
  /** A VoIP notification, for calls. */
  VOIP = 'VOIP',
}

/** The push notification to send for a message. */
export interface PushNotificationOptions {
  /**
   * The title template. The rendered title is cut to 50 characters (ending in an ellipsis);
   * its fixed text alone must fit. Placeholders: `{{sender.name}}`, `{{sender.arn}}`,
   * `{{content}}`, `{{channel.arn}}`, `{{message.id}}`, `{{metadata.KEY}}`, `{{attributes.NAME}}`.
   */
  readonly title: string;

  /**
   * The body template, with the same placeholders as `title`. The rendered body is cut to
   * 150 characters (ending in an ellipsis); its fixed text alone must fit.
   */
  readonly body: string;

  /**
   * The notification type.
   *
   * @default PushNotificationType.DEFAULT
   */
  readonly type?: PushNotificationType;
}

/**
 * Which push notification every message triggers. Members receive it according to their
 * channel membership's push notification preferences (their filter rules match the message's
 * attributes). A title or body that renders empty sends no notification.
 */
export class PushNotificationPolicy {
  /** Send this push notification for every message. */
  public static of(options: PushNotificationOptions): PushNotificationPolicy {
    return new PushNotificationPolicy([{
      action: 'send',
      title: options.title,
      body: options.body,
      type: options.type ?? PushNotificationType.DEFAULT,
    }]);
  }

  /**
   * Add no push notification to any message. (Whether the service keeps a push notification
   * the sender asked for when the callback names none is not documented.)
   */
  public static none(): PushNotificationPolicy {
    return new PushNotificationPolicy([{ action: 'suppress' }]);
  }

  /** @internal */
  public readonly _rules: PushRuleDocument[];

  private constructor(rules: PushRuleDocument[]) {
    this._rules = rules;
  }
}
