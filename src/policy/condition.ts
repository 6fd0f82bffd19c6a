import { Token } from 'aws-cdk-lib';
import { patternDocument } from './pattern';
import { ConditionDocument } from '../core/document';
import { SENDER_ARN_PATTERN } from '../core/limits';
import { invalidInput } from '../private/errors';

/** Whether a message is kept in the channel's history. */
export enum MessagePersistence {
  /** Kept in the channel's history. */
  PERSISTENT = 'PERSISTENT',
  /** Delivered to connected members only, such as typing indicators. */
  NON_PERSISTENT = 'NON_PERSISTENT',
}

/** How a pattern matches. */
export interface PatternOptions {
  /**
   * Match letters regardless of case.
   *
   * @default false
   */
  readonly ignoreCase?: boolean;
}

/**
 * A condition on a message, for moderation and for any rule's `when`.
 *
 * Patterns are JavaScript regular expressions (flag `u`, and `i` for `ignoreCase`) less what
 * a linear-time engine cannot run (see the README: no backreferences, lookaround or property
 * escapes), so no message can make matching stall. A pattern the engine cannot run throws a
 * validation error, with the reason, where it is written.
 */
export class Condition {
  /**
   * The content matches the pattern anywhere.
   *
   * @param pattern a JavaScript regular expression the linear-time engine runs (see the class doc), for example the expression `\bforbidden\b` (in a string literal, `'\\bforbidden\\b'`)
   */
  public static contentMatches(pattern: string, options: PatternOptions = {}): Condition {
    return new Condition({ type: 'contentMatches', ...patternDocument('Condition.contentMatches', pattern, options.ignoreCase ?? false) });
  }

  /**
   * The content contains any of the words or phrases as a whole word, ignoring case: no
   * letter, number, combining mark or `_` touches it on either side.
   */
  public static contentContainsAny(words: string[]): Condition {
    return new Condition({ type: 'contentContainsAny', words: [...words] });
  }

  /** A top-level key of the message's JSON metadata has this value (for a list: contains it). */
  public static metadataEquals(key: string, value: string): Condition {
    return new Condition({ type: 'metadataEquals', key, value });
  }

  /** The message attribute has this among its values (after the rules before this one, for attribute rules). */
  public static attributeEquals(name: string, value: string): Condition {
    return new Condition({ type: 'attributeEquals', name, value });
  }

  /**
   * The sender is one of these AppInstanceUser or AppInstanceBot ARNs
   * (`arn:aws:chime:REGION:ACCOUNT:app-instance/ID/user/ID`, or `.../bot/ID`). Anything else
   * could never match, so it is refused where it is written.
   */
  public static senderIn(senderArns: string[]): Condition {
    const other = senderArns.find((arn) => Token.isUnresolved(arn) || !SENDER_ARN_PATTERN.test(arn));
    if (other !== undefined) {
      invalidInput('senderArn', 'Condition.senderIn', Token.isUnresolved(other)
        ? 'the sender ARNs must be known at synth time; a token was given'
        : `expected an AppInstanceUser or AppInstanceBot ARN (arn:PARTITION:chime:REGION:ACCOUNT:app-instance/ID/user/ID or .../bot/ID), got ${JSON.stringify(other)}`);
    }
    return new Condition({ type: 'senderIn', arns: [...senderArns] });
  }

  /** The message's persistence is this. */
  public static persistence(persistence: MessagePersistence): Condition {
    return new Condition({ type: 'persistence', value: persistence });
  }

  /** The event is an update of a message sent earlier. */
  public static isEdited(): Condition {
    return new Condition({ type: 'edited', value: true });
  }

  /** The event is a new message. */
  public static isNew(): Condition {
    return new Condition({ type: 'edited', value: false });
  }

  // The combinators are named allOf/anyOf/noneOf rather than and/or/not, which are keywords
  // in Python (and `not` a reserved word in more languages): the names read the same in every
  // language jsii generates, and in the examples translated for each.

  /** All of the conditions hold. */
  public static allOf(...conditions: Condition[]): Condition {
    return new Condition({ type: 'allOf', conditions: conditions.map((c) => c._document) });
  }

  /** Any of the conditions holds. */
  public static anyOf(...conditions: Condition[]): Condition {
    return new Condition({ type: 'anyOf', conditions: conditions.map((c) => c._document) });
  }

  /** None of the conditions holds: `noneOf(c)` is "not c". */
  public static noneOf(...conditions: Condition[]): Condition {
    return new Condition({ type: 'noneOf', conditions: conditions.map((c) => c._document) });
  }

  /** @internal */
  public readonly _document: ConditionDocument;

  private constructor(document: ConditionDocument) {
    this._document = document;
  }
}
