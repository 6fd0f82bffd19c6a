/**
 * The policy document: the one plain-JSON format that the construct renders at synth time and
 * the processor reads at run time. It is versioned so that a processor can refuse a document
 * written for a format it does not know rather than misread it.
 */
import { ComprehendApi } from './comprehend';
import { DetectorName } from './detectors';
import { PatternSyntax } from './pattern/syntax';

export const POLICY_DOCUMENT_VERSION = 3;

/** Where an attribute value can be read from the message's sender. */
export type SenderFieldName = 'name' | 'arn';
export type PersistenceName = 'PERSISTENT' | 'NON_PERSISTENT';
export type PushNotificationTypeName = 'DEFAULT' | 'VOIP';

/** A pattern: its source as the user wrote it, and the syntax tree the processor runs (pattern/syntax.ts). */
export interface PatternDocument {
  readonly pattern: string;
  readonly ignoreCase: boolean;
  readonly syntax: PatternSyntax;
}

export type ConditionDocument =
  | ({ readonly type: 'contentMatches' } & PatternDocument)
  /** Any of the words or phrases appears in the content as a whole word, ignoring case. */
  | { readonly type: 'contentContainsAny'; readonly words: readonly string[] }
  | { readonly type: 'metadataEquals'; readonly key: string; readonly value: string }
  | { readonly type: 'attributeEquals'; readonly name: string; readonly value: string }
  | { readonly type: 'senderIn'; readonly arns: readonly string[] }
  | { readonly type: 'persistence'; readonly value: PersistenceName }
  | { readonly type: 'edited'; readonly value: boolean }
  /** The sender is an AppInstanceBot. */
  | { readonly type: 'senderIsBot' }
  /** The message's ContentType is one of these. */
  | { readonly type: 'contentTypeIn'; readonly types: readonly string[] }
  /** The message is targeted at one member (it carries `Target`). */
  | { readonly type: 'targeted' }
  /** DetectToxicContent: the toxicity of any segment, or with `labels` any of those labels' score, is at least `threshold`. */
  | { readonly type: 'toxicContent'; readonly labels?: readonly string[]; readonly threshold: number }
  /** DetectPiiEntities: an entity of `types` (any type when absent) scores at least `minScore`. */
  | { readonly type: 'containsPii'; readonly types?: readonly string[]; readonly minScore: number }
  /** DetectDominantLanguage: the language it scores highest is one of `codes`. */
  | { readonly type: 'languageIn'; readonly codes: readonly string[] }
  | { readonly type: 'allOf' | 'anyOf' | 'noneOf'; readonly conditions: readonly ConditionDocument[] };

/** When present, the rule applies only to messages for which the condition holds. */
interface Conditional {
  readonly when?: ConditionDocument;
  /** The rule writes or removes an attribute the service reads (`CHIME.`), and the user said they mean it. */
  readonly serviceAttribute?: true;
}

export type AttributeRuleDocument = Conditional & (
  /** Replace the attribute's values with fixed ones. */
  | { readonly op: 'set'; readonly name: string; readonly values: readonly string[] }
  /** Take the values of a top-level key of the message's JSON metadata. */
  | { readonly op: 'fromMetadata'; readonly name: string; readonly key: string }
  /** Take a field of the message's sender. */
  | { readonly op: 'fromSender'; readonly name: string; readonly field: SenderFieldName }
  /** Take what a pattern finds in the content: its first group, or the whole match, each distinct value once. */
  | ({ readonly op: 'fromContent'; readonly name: string } & PatternDocument)
  /** Remove the attribute, whether it arrived with the message or an earlier rule set it. */
  | { readonly op: 'remove'; readonly name: string }
  /** Take the language DetectDominantLanguage scores highest. */
  | { readonly op: 'fromDominantLanguage'; readonly name: string });

export type PushRuleDocument = Conditional & (
  /** Send a push notification rendered from the templates. */
  | { readonly action: 'send'; readonly title: string; readonly body: string; readonly type: PushNotificationTypeName }
  /** Send no push notification. */
  | { readonly action: 'suppress' });

export type RedactionDocument =
  | ({ readonly kind: 'pattern'; readonly replacement: string } & PatternDocument)
  | { readonly kind: DetectorName; readonly replacement: string }
  /** DetectPiiEntities: entities of `types` (any when absent) scoring at least `minScore`; each replaced by `replacement`, else `[TYPE]`. */
  | { readonly kind: 'piiEntities'; readonly types?: readonly string[]; readonly minScore: number; readonly replacement?: string };

/** The language Comprehend analyzes text in: a fixed one, or the one DetectDominantLanguage finds. */
export type ComprehendLanguageCode = 'en' | 'es' | 'detect';

/** How the policy's Comprehend rules run; absent from a document without them. */
export interface ComprehendDocument {
  readonly languageCode: ComprehendLanguageCode;
  /**
   * A message in a language an API does not analyze: its rules find nothing (`notDetected`),
   * or the message is answered by the policy's onError (`onError`).
   */
  readonly unsupportedLanguage: 'notDetected' | 'onError';
}

export interface ModerationDocument {
  /** A message for which any of these holds is denied. */
  readonly deny: readonly ConditionDocument[];
  /** What is found by any of these is replaced in the content. */
  readonly redact: readonly RedactionDocument[];
}

export interface PolicyDocument {
  readonly version: number;
  /** Checked first, on the message as it arrived; then content is redacted for everything after. */
  readonly moderation: ModerationDocument;
  /** Applied in order on top of the attributes the message arrived with. */
  readonly messageAttributes: readonly AttributeRuleDocument[];
  /** The first rule that applies decides the message's push notification; none applies: no push notification. */
  readonly pushNotification: readonly PushRuleDocument[];
  /** What the processor answers when it cannot evaluate the policy for a message. */
  readonly onError: 'deliver' | 'deny';
  /** How Comprehend rules run: present when the policy has any. */
  readonly comprehend?: ComprehendDocument;
}

/** Every Comprehend API a part of a document uses, wherever its rules stand (in `when`, nested, in deny, redact or attributes). */
export function comprehendApisOf(value: unknown): Set<ComprehendApi> {
  const apis = new Set<ComprehendApi>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return undefined;
    const { type, kind, op } = node as { type?: unknown; kind?: unknown; op?: unknown };
    if (type === 'toxicContent') apis.add('DetectToxicContent');
    if (type === 'containsPii' || kind === 'piiEntities') apis.add('DetectPiiEntities');
    if (type === 'languageIn' || op === 'fromDominantLanguage') apis.add('DetectDominantLanguage');
    return Object.values(node).forEach(visit);
  };
  visit(value);
  return apis;
}
