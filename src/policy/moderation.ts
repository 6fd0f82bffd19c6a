import { Condition, PatternOptions, PiiOptions } from './condition';
import { DEFAULT_REPLACEMENTS } from '../core/detectors';
import { ConditionDocument, ModerationDocument, RedactionDocument } from '../core/document';
import { scoreOption } from '../private/comprehend-score';
import { patternDocument } from '../private/pattern-document';

/** How found text is replaced. */
export interface RedactionOptions {
  /**
   * The text that replaces what is found, 1-100 characters.
   *
   * @default - `[email]`, `[phone]`, `[card]`, `[ssn]`, or `[redacted]` for a pattern
   */
  readonly replacement?: string;
}

/** Options of a PII redaction. */
export interface PiiRedactionOptions extends PiiOptions {
  /**
   * The text that replaces every entity found, 1-100 characters.
   *
   * @default - the entity's type in brackets: `[NAME]`, `[ADDRESS]`, `[PHONE]`, ...
   */
  readonly replacement?: string;
}

/** Options of a pattern redaction. */
export interface PatternRedactionOptions extends PatternOptions, RedactionOptions {}

/**
 * Something to find and replace in message content. The built-in detectors are linear-time
 * scanners, not patterns; overlapping finds are merged and take the replacement of the
 * redaction listed first.
 */
export class Redaction {
  /** What a pattern matches: a JavaScript regular expression the linear-time engine runs (see `Condition`). */
  public static pattern(pattern: string, options: PatternRedactionOptions = {}): Redaction {
    return new Redaction({
      kind: 'pattern',
      ...patternDocument('Redaction.pattern', pattern, options.ignoreCase ?? false),
      replacement: options.replacement ?? DEFAULT_REPLACEMENTS.pattern,
    });
  }

  /** Email addresses (`local@domain.tld`). */
  public static emailAddresses(options: RedactionOptions = {}): Redaction {
    return new Redaction({ kind: 'email', replacement: options.replacement ?? DEFAULT_REPLACEMENTS.email });
  }

  /** Phone numbers: 7 to 15 digits, optionally after `+`, with single spaces, dots, dashes or parentheses between groups. */
  public static phoneNumbers(options: RedactionOptions = {}): Redaction {
    return new Redaction({ kind: 'phone', replacement: options.replacement ?? DEFAULT_REPLACEMENTS.phone });
  }

  /** Payment card numbers: 13 to 19 digits, optionally grouped by spaces or dashes, that pass the Luhn check. */
  public static paymentCardNumbers(options: RedactionOptions = {}): Redaction {
    return new Redaction({ kind: 'paymentCard', replacement: options.replacement ?? DEFAULT_REPLACEMENTS.paymentCard });
  }

  /** US social security numbers written `AAA-GG-SSSS`, with a valid area, group and serial. */
  public static usSocialSecurityNumbers(options: RedactionOptions = {}): Redaction {
    return new Redaction({ kind: 'usSsn', replacement: options.replacement ?? DEFAULT_REPLACEMENTS.usSsn });
  }

  /**
   * Personal information Amazon Comprehend's DetectPiiEntities finds in the content: names,
   * addresses and the other `PiiEntityType`s no pattern finds. Each entity is replaced whole,
   * widened to whole characters as users see them. English and Spanish (see `ComprehendOptions`).
   */
  public static piiEntities(options: PiiRedactionOptions = {}): Redaction {
    return new Redaction({
      kind: 'piiEntities',
      ...(options.types ? { types: [...options.types] } : {}),
      minScore: scoreOption(options.minScore, 'Redaction.piiEntities minScore'),
      ...(options.replacement !== undefined ? { replacement: options.replacement } : {}),
    });
  }

  /** @internal */
  public readonly _document: RedactionDocument;

  private constructor(document: RedactionDocument) {
    this._document = document;
  }
}

/** What moderation does to every message. */
export interface ModerationOptions {
  /**
   * Deny a message for which any of these holds: it is delivered to nobody (the callback
   * answers with `DeleteResource`). Checked on the message as it arrived.
   *
   * @default - no message is denied
   */
  readonly deny?: Condition[];

  /**
   * Replace what these find in the content. Every later rule (attributes, push notification
   * templates) sees the redacted content.
   *
   * @default - content is not rewritten
   */
  readonly redact?: Redaction[];
}

/**
 * Moderation: which messages are denied, and what is redacted from the content. A flow whose
 * moderation denies or redacts anything fails closed: its fallback action defaults to ABORT, and a message whose policy
 * cannot be evaluated is denied.
 */
export class ModerationPolicy {
  /** Moderation that denies the messages for which a `deny` condition holds, and redacts the rest with `redact`. */
  public static of(options: ModerationOptions): ModerationPolicy {
    return new ModerationPolicy(options);
  }

  private readonly deny: readonly ConditionDocument[];
  private readonly redact: readonly RedactionDocument[];

  private constructor(options: ModerationOptions) {
    this.deny = (options.deny ?? []).map((condition) => condition._document);
    this.redact = (options.redact ?? []).map((redaction) => redaction._document);
  }

  /** @internal This policy's part of the policy document. */
  public _render(): ModerationDocument {
    return { deny: [...this.deny], redact: [...this.redact] };
  }
}
