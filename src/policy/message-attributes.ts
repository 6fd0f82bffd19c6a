import { Condition, PatternOptions } from './condition';
import { AttributeRuleDocument } from '../core/document';
import { isServiceAttribute } from '../core/fit';
import { patternDocument } from '../private/pattern-document';

/** A field of the message's sender. */
export enum SenderField {
  /** The sender's display name. */
  NAME = 'name',
  /** The sender's AppInstanceUser or AppInstanceBot ARN. */
  ARN = 'arn',
}

/**
 * One step that changes a message's attributes.
 *
 * Attributes are what members' push notification filter rules match, by exact string value.
 */
export class MessageAttributeRule {
  /**
   * Set the attribute to fixed values, replacing any it had.
   *
   * @param name the attribute name, 1-64 characters
   * @param values one or more values, 1-512 characters each
   */
  public static set(name: string, values: string[]): MessageAttributeRule {
    return new MessageAttributeRule({ op: 'set', name, values: [...values] });
  }

  /**
   * Set the attribute from a top-level key of the message's JSON metadata.
   *
   * A string value is taken as it is, a number or boolean as text, a list of those as several
   * values. When the metadata is not a JSON object or has no usable value under `key`, the
   * attribute is left as it was.
   *
   * @param name the attribute name, 1-64 characters
   * @param key the top-level key of the metadata
   */
  public static fromMetadata(name: string, key: string): MessageAttributeRule {
    return new MessageAttributeRule({ op: 'fromMetadata', name, key });
  }

  /**
   * Set the attribute from a field of the message's sender. When the event carries no such
   * field, the attribute is left as it was.
   *
   * @param name the attribute name, 1-64 characters
   * @param field which field of the sender
   */
  public static fromSender(name: string, field: SenderField): MessageAttributeRule {
    return new MessageAttributeRule({ op: 'fromSender', name, field });
  }

  /**
   * Set the attribute to what a pattern finds in the content: the text of its first group
   * where that group took part in the match, else the whole match; empty values are skipped,
   * and each distinct value is taken once, in order.
   * For example `fromContent('mentions', '<@(\\w+)>')` turns "hi <@bob> and <@ann>" into
   * `["bob", "ann"]`. When nothing is found, the attribute is left as it was.
   *
   * @param name the attribute name, 1-64 characters
   * @param pattern a JavaScript regular expression the linear-time engine runs (see `Condition`)
   */
  public static fromContent(name: string, pattern: string, options: PatternOptions = {}): MessageAttributeRule {
    return new MessageAttributeRule({ op: 'fromContent', name, ...patternDocument('MessageAttributeRule.fromContent', pattern, options.ignoreCase ?? false) });
  }

  /**
   * Set the attribute to the language Amazon Comprehend's DetectDominantLanguage scores highest
   * for the content as it arrived (`en`, `de`, `zh-TW`), so members can filter push
   * notifications by language. Without content, the attribute is left as it was.
   *
   * @param name the attribute name, 1-64 characters
   */
  public static fromDominantLanguage(name: string): MessageAttributeRule {
    return new MessageAttributeRule({ op: 'fromDominantLanguage', name });
  }

  /**
   * Remove the attribute, whether the message arrived with it or an earlier rule set it.
   * Use it before `fromMetadata` or `fromSender` so that a client cannot supply the value itself.
   *
   * @param name the attribute name
   */
  public static remove(name: string): MessageAttributeRule {
    return new MessageAttributeRule({ op: 'remove', name });
  }

  /** @internal */
  public readonly _document: AttributeRuleDocument;

  private constructor(document: AttributeRuleDocument) {
    this._document = document;
  }

  /** This rule, applied only to messages for which `condition` holds. */
  public when(condition: Condition): MessageAttributeRule {
    return new MessageAttributeRule({ ...this._document, when: condition._document });
  }
}

/** Options of a message attribute policy. */
export interface MessageAttributePolicyOptions {
  /**
   * Let the rules write or remove attributes the service itself reads (named `CHIME.`, such as
   * `CHIME.mentions`, which invokes a bot set to MENTIONS, and `CHIME.LEX.sessionState.*`). A rule
   * naming one fails synth without this, so no policy changes a bot's invocation by accident.
   *
   * @default false
   */
  readonly allowServiceAttributes?: boolean;
}

/**
 * What happens to the attributes of every message: rules applied in order on top of the
 * attributes the message arrived with.
 *
 * At run time, values that do not fit the API are made to: a value a rule wrote is cut to 512
 * characters, and values that would take the total of all names and values over 1 KB are left
 * out. The service's own attributes that arrived (`CHIME.`, which invoke bots) come first; then
 * what the rules write, in rule order; the other attributes the message arrived with keep what
 * room is left, so a client cannot crowd out what the policy sets.
 */
export class MessageAttributePolicy {
  /** The rules, applied in order. */
  public static of(rules: MessageAttributeRule[], options: MessageAttributePolicyOptions = {}): MessageAttributePolicy {
    return new MessageAttributePolicy(rules.map((rule) => (options.allowServiceAttributes && isServiceAttribute(rule._document.name)
      ? { ...rule._document, serviceAttribute: true as const } : rule._document)));
  }

  private readonly rules: readonly AttributeRuleDocument[];

  private constructor(rules: AttributeRuleDocument[]) {
    this.rules = rules;
  }

  /** @internal This policy's part of the policy document. */
  public _render(): AttributeRuleDocument[] {
    return [...this.rules];
  }
}
