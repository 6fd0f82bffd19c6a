import { Condition } from './condition';
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

/** One choice of push notification, for `PushNotificationPolicy.firstMatch`. */
export class PushNotificationRule {
  /** Send this push notification. */
  public static send(options: PushNotificationOptions): PushNotificationRule {
    return new PushNotificationRule({
      action: 'send',
      title: options.title,
      body: options.body,
      type: options.type ?? PushNotificationType.DEFAULT,
    });
  }

  /** Add no push notification. */
  public static suppress(): PushNotificationRule {
    return new PushNotificationRule({ action: 'suppress' });
  }

  /** @internal */
  public readonly _document: PushRuleDocument;

  private constructor(document: PushRuleDocument) {
    this._document = document;
  }

  /** This rule, applying only to messages for which `condition` holds. */
  public when(condition: Condition): PushNotificationRule {
    return new PushNotificationRule({ ...this._document, when: condition._document });
  }
}

/**
 * Which push notification each message triggers. Members receive it according to their
 * channel membership's push notification preferences (their filter rules match the message's
 * attributes). Templates see the content after moderation's redactions and the attributes
 * after the attribute rules. A title or body that renders empty sends no notification.
 */
export class PushNotificationPolicy {
  /** Send this push notification for every message. */
  public static of(options: PushNotificationOptions): PushNotificationPolicy {
    return new PushNotificationPolicy([PushNotificationRule.send(options)]);
  }

  /**
   * The first rule that applies to a message decides its push notification; when none
   * applies, the message gets none. A rule without `when` applies to every message.
   */
  public static firstMatch(rules: PushNotificationRule[]): PushNotificationPolicy {
    return new PushNotificationPolicy(rules);
  }

  /**
   * Add no push notification to any message. (Whether the service keeps a push notification
   * the sender asked for when the callback names none is not documented.)
   */
  public static none(): PushNotificationPolicy {
    return new PushNotificationPolicy([PushNotificationRule.suppress()]);
  }

  private readonly rules: readonly PushRuleDocument[];

  private constructor(rules: PushNotificationRule[]) {
    this.rules = rules.map((rule) => rule._document);
  }

  /** @internal This policy's part of the policy document. */
  public _render(): PushRuleDocument[] {
    return [...this.rules];
  }
}
