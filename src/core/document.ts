/**
 * The policy document: the one plain-JSON format that the construct renders at synth time and
 * the processor reads at run time. It is versioned so that a processor can refuse a document
 * written for a format it does not know rather than misread it.
 */
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
  | { readonly type: 'allOf' | 'anyOf' | 'noneOf'; readonly conditions: readonly ConditionDocument[] };

/** When present, the rule applies only to messages for which the condition holds. */
interface Conditional {
  readonly when?: ConditionDocument;
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
  | { readonly op: 'remove'; readonly name: string });

export type PushRuleDocument = Conditional & (
  /** Send a push notification rendered from the templates. */
  | { readonly action: 'send'; readonly title: string; readonly body: string; readonly type: PushNotificationTypeName }
  /** Send no push notification. */
  | { readonly action: 'suppress' });

export type RedactionDocument =
  | ({ readonly kind: 'pattern'; readonly replacement: string } & PatternDocument)
  | { readonly kind: DetectorName; readonly replacement: string };

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
}
