/**
 * One message as the decision's steps see it: its facts, its content as the steps leave it,
 * its attributes as the rules leave them, and Comprehend's answers about it. The metadata is
 * parsed at most once, and only when a rule asks.
 */
import { parse as parseLosslessJson } from 'lossless-json';
import {
  ComprehendAnswers, ComprehendApi, COMPREHEND_LANGUAGES, dominantLanguage, LanguageBoundApi, PiiFind, piiEntities, ToxicityResult, toxicityResults,
} from './comprehend';
import { MessageFacts } from './conditions';
import { ComprehendDocument } from './document';
import { ChannelMessageEvent } from './event';
import { MESSAGE_STEP_BUDGET, StepBudget } from './pattern/vm';
import { TemplateSource, TemplateValues } from './template';
import { isWellFormed } from './text';

/** A JSON number as its text in the metadata: its value is what was written, never a rounded double printed again. */
class NumberAsWritten {
  constructor(public readonly text: string) {}
}

/** The values of one key, and whether any was left out for not being well-formed text. */
export interface MetadataValues {
  readonly values: string[];
  readonly malformed: boolean;
}

/**
 * The values of a top-level key of JSON metadata: a string as it is, a number as written, a
 * boolean as text, a list of those as several values. Metadata that is not a JSON object, a
 * missing key, null, or a nested object yields no value; a string that is not well-formed text
 * (an escaped lone surrogate) is left out, since no callback field can carry it.
 */
export function metadataValues(metadata: Readonly<Record<string, unknown>> | undefined, key: string): MetadataValues {
  if (!metadata || !Object.prototype.hasOwnProperty.call(metadata, key)) return { values: [], malformed: false };
  const value = metadata[key];
  let malformed = false;
  const scalar = (v: unknown): string[] => {
    if (typeof v === 'string') {
      if (isWellFormed(v)) return [v];
      malformed = true;
      return [];
    }
    if (v instanceof NumberAsWritten) return [v.text];
    return typeof v === 'boolean' ? [String(v)] : [];
  };
  return { values: Array.isArray(value) ? value.flatMap(scalar) : scalar(value), malformed };
}

/**
 * The metadata as a JSON object, numbers kept as written (lossless-json). Metadata that is not
 * a JSON object yields none, and so does one that gives a key twice with different values,
 * where which was meant cannot be told.
 */
export function parseMetadata(metadata: string | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!metadata) return undefined;
  try {
    const parsed: unknown = parseLosslessJson(metadata, null, (text) => new NumberAsWritten(text));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/** One message as the steps see it; the metadata is parsed at most once, and only when asked. */
export class MessageView implements MessageFacts, TemplateValues {
  private parsedMetadata?: { value?: Readonly<Record<string, unknown>> };
  private currentContent: string;
  /** The attributes as the rules leave them; `written` names those a rule set. */
  public readonly attributes: Map<string, readonly string[]>;
  public readonly written = new Set<string>();
  public readonly senderArn?: string;
  public readonly persistence?: string;
  public readonly edited: boolean;
  public readonly contentType?: string;
  public readonly targetMemberArn?: string;
  public readonly budget = new StepBudget(MESSAGE_STEP_BUDGET);
  /** Whether a value read from the metadata was left out for not being well-formed text. */
  public metadataLeftOut = false;

  private readonly found: { language?: { code?: string }; pii?: readonly PiiFind[]; toxicity?: readonly ToxicityResult[] } = {};

  /**
   * @param answers Comprehend's answers; `pending` before they are asked for, when every read
   * of one throws AnswerPending (see comprehend-plan.ts).
   * @param comprehend how the policy's Comprehend rules run
   */
  constructor(private readonly event: ChannelMessageEvent, private readonly answers: ComprehendAnswers | 'pending' = {},
    private readonly comprehend?: ComprehendDocument) {
    this.attributes = new Map(event.message.attributes);
    this.currentContent = event.message.content ?? '';
    this.senderArn = event.message.senderArn;
    this.persistence = event.message.persistence;
    this.edited = event.message.edited;
    this.contentType = event.message.contentType;
    this.targetMemberArn = event.message.targetMemberArn;
  }

  public content(): string {
    return this.currentContent;
  }

  public replaceContent(content: string): void {
    this.currentContent = content;
  }

  public metadata(key: string): string[] {
    this.parsedMetadata ??= { value: parseMetadata(this.event.message.metadata) };
    const { values, malformed } = metadataValues(this.parsedMetadata.value, key);
    if (malformed) this.metadataLeftOut = true;
    return values;
  }

  public attribute(name: string): readonly string[] {
    return this.attributes.get(name) ?? [];
  }

  public single(source: TemplateSource): string | undefined {
    const message = this.event.message;
    switch (source) {
      case 'content': return this.currentContent;
      case 'sender.name': return message.senderName;
      case 'sender.arn': return message.senderArn;
      case 'channel.arn': return message.channelArn;
      case 'message.id': return message.messageId;
    }
  }

  public keyed(source: 'metadata' | 'attributes', key: string): readonly string[] {
    return source === 'metadata' ? this.metadata(key) : this.attribute(key);
  }

  public dominantLanguage(): string | undefined {
    if (!this.event.message.content) return undefined;
    this.found.language ??= { code: dominantLanguage(this.answersFor('DetectDominantLanguage')) };
    return this.found.language.code;
  }

  public piiEntities(): readonly PiiFind[] {
    const content = this.event.message.content;
    if (!content || !this.analyzes('DetectPiiEntities')) return [];
    this.found.pii ??= piiEntities(this.answersFor('DetectPiiEntities'), content);
    return this.found.pii;
  }

  public toxicity(): readonly ToxicityResult[] {
    if (!this.event.message.content || !this.analyzes('DetectToxicContent')) return [];
    this.found.toxicity ??= toxicityResults(this.answersFor('DetectToxicContent'));
    return this.found.toxicity;
  }

  /** The language `api` is asked in, when it analyzes it. */
  public analysisLanguage(api: LanguageBoundApi): string | undefined {
    const fixed = this.comprehend?.languageCode ?? 'en';
    const code = fixed === 'detect' ? this.dominantLanguage() : fixed;
    return code !== undefined && COMPREHEND_LANGUAGES[api].includes(code) ? code : undefined;
  }

  /** Whether `api` analyzes the message's language; when it does not, the policy says whether its rules find nothing or fail. */
  private analyzes(api: LanguageBoundApi): boolean {
    if (this.analysisLanguage(api) !== undefined) return true;
    if (this.comprehend?.unsupportedLanguage === 'notDetected') return false;
    throw new UnsupportedLanguageError(api);
  }

  private answersFor(api: ComprehendApi): ComprehendAnswers {
    if (this.answers === 'pending') throw new AnswerPending(api);
    return this.answers;
  }
}

/** An answer was read before it was asked for: the planning step learns from it which call a rule needs. */
export class AnswerPending extends Error {
  public readonly name = 'AnswerPending';
  constructor(public readonly api: ComprehendApi) {
    super(`${api} has not been asked yet`);
  }
}

/** The message's language is one `api` does not analyze, and the policy says such a message is answered by onError. */
export class UnsupportedLanguageError extends Error {
  public readonly name = 'UnsupportedLanguageError';
  constructor(public readonly api: LanguageBoundApi) {
    super(`${api} does not analyze the message's language`);
  }
}
