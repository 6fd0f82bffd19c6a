import { Token } from 'aws-cdk-lib';
import { PiiEntityType, ToxicityLabel } from './comprehend';
import { LANGUAGE_CODE_PATTERN } from '../core/conditions';
import { ConditionDocument } from '../core/document';
import { SENDER_ARN_PATTERN } from '../core/limits';
import { scoreOption } from '../private/comprehend-score';
import { invalidInput } from '../private/errors';
import { patternDocument } from '../private/pattern-document';

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

/** Which toxicity counts, and from what score. */
export interface ToxicContentOptions {
  /**
   * Hold when any of these labels scores at or above the threshold.
   *
   * @default - the overall toxicity score counts
   */
  readonly labels?: ToxicityLabel[];

  /**
   * The score, from 0 to 1, at or above which a message counts as toxic.
   *
   * @default 0.5
   */
  readonly threshold?: number;
}

/** Which personal information counts, and from what confidence. */
export interface PiiOptions {
  /**
   * The entity types that count.
   *
   * @default - every type DetectPiiEntities reports
   */
  readonly types?: PiiEntityType[];

  /**
   * The confidence, from 0 to 1, at or above which an entity counts.
   *
   * @default 0.5
   */
  readonly minScore?: number;
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

  /** The sender is an AppInstanceBot (`arn:aws:chime:REGION:ACCOUNT:app-instance/ID/bot/ID`), such as one that answers with Amazon Lex. */
  public static senderIsBot(): Condition {
    return new Condition({ type: 'senderIsBot' });
  }

  /**
   * The message's ContentType is one of these, for example `application/amz-chime-lex-msgs`
   * for a bot's answer. A message that arrived without one matches none.
   */
  public static contentTypeIn(contentTypes: string[]): Condition {
    if (contentTypes.length === 0 || contentTypes.some((type) => type.length === 0)) {
      invalidInput('contentType', 'Condition.contentTypeIn', 'needs at least one content type, and no empty one');
    }
    return new Condition({ type: 'contentTypeIn', types: [...contentTypes] });
  }

  /** The message is targeted at one member of the channel (it arrived with a `Target`): only that member receives it. */
  public static isTargeted(): Condition {
    return new Condition({ type: 'targeted' });
  }

  /**
   * Amazon Comprehend's DetectToxicContent scores the content as it arrived at or above the
   * threshold: its overall toxicity, or with `labels`, any of those labels. Long content is
   * analyzed in segments (sentences where it can), and any segment can make it hold. English
   * only (see `ComprehendOptions`); one call per 10 KB of content.
   */
  public static toxicContent(options: ToxicContentOptions = {}): Condition {
    return new Condition({
      type: 'toxicContent',
      ...(options.labels ? { labels: [...options.labels] } : {}),
      threshold: scoreOption(options.threshold, 'Condition.toxicContent threshold'),
    });
  }

  /**
   * Amazon Comprehend's DetectPiiEntities finds an entity of the given types (any type by
   * default) in the content as it arrived, scoring at least `minScore`. English and Spanish.
   */
  public static containsPii(options: PiiOptions = {}): Condition {
    return new Condition({
      type: 'containsPii',
      ...(options.types ? { types: [...options.types] } : {}),
      minScore: scoreOption(options.minScore, 'Condition.containsPii minScore'),
    });
  }

  /**
   * Amazon Comprehend's DetectDominantLanguage scores one of these languages highest for the
   * content as it arrived. Codes as Comprehend writes them (RFC 5646: `en`, `de`, `zh-TW`).
   * A message without content has no language.
   */
  public static languageIn(languageCodes: string[]): Condition {
    const bad = languageCodes.length === 0 ? '(none)' : languageCodes.find((code) => !LANGUAGE_CODE_PATTERN.test(code));
    if (bad !== undefined) invalidInput('languageCode', 'Condition.languageIn', `expected RFC 5646 language codes such as en or zh-TW, got ${JSON.stringify(bad)}`);
    return new Condition({ type: 'languageIn', codes: [...languageCodes] });
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
