/**
 * The policy document: the one plain-JSON format that the construct renders at synth time and
 * the processor reads at run time. It is versioned so that a processor can refuse a document
 * written for a format it does not know rather than misread it.
 */

export const POLICY_DOCUMENT_VERSION = 1;

/** Where an attribute value can be read from the message's sender. */
export type SenderFieldName = 'name' | 'arn';

export type AttributeRuleDocument =
  /** Replace the attribute's values with fixed ones. */
  | { readonly op: 'set'; readonly name: string; readonly values: readonly string[] }
  /** Take the values of a top-level key of the message's JSON metadata. */
  | { readonly op: 'fromMetadata'; readonly name: string; readonly key: string }
  /** Take a field of the message's sender. */
  | { readonly op: 'fromSender'; readonly name: string; readonly field: SenderFieldName }
  /** Remove the attribute, whether it arrived with the message or an earlier rule set it. */
  | { readonly op: 'remove'; readonly name: string };

export type PushNotificationTypeName = 'DEFAULT' | 'VOIP';

export type PushRuleDocument =
  /** Send a push notification rendered from the templates. */
  | { readonly action: 'send'; readonly title: string; readonly body: string; readonly type: PushNotificationTypeName }
  /** Send no push notification. */
  | { readonly action: 'suppress' };

export interface PolicyDocument {
  readonly version: number;
  /** Applied in order on top of the attributes the message arrived with. */
  readonly attributes: readonly AttributeRuleDocument[];
  /** The first rule that applies decides the message's push notification; none applies: no push notification. */
  readonly push: readonly PushRuleDocument[];
}

/** The document of a flow with no policies: every message is delivered as it arrived. */
export const EMPTY_POLICY_DOCUMENT: PolicyDocument = { version: POLICY_DOCUMENT_VERSION, attributes: [], push: [] };
