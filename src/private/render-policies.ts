import { ComprehendDocument, comprehendApisOf, ModerationDocument, POLICY_DOCUMENT_VERSION, PolicyDocument } from '../core/document';
import { ComprehendLanguage, UnsupportedLanguageAction } from '../policy/comprehend';
import { ChannelFlowPolicies } from '../policy/policies';

const NO_MODERATION: ModerationDocument = { deny: [], redact: [] };

/** Whether the flow fails closed: it has moderation that denies or redacts. */
export function failsClosed(policies: ChannelFlowPolicies): boolean {
  const moderation = policies.moderation?._render() ?? NO_MODERATION;
  return moderation.deny.length + moderation.redact.length > 0;
}

/** The one policy document of these policies, for the processor. It renders; checking is `checkPolicyDocument`'s. */
export function renderPolicyDocument(policies: ChannelFlowPolicies): PolicyDocument {
  const rules = {
    moderation: policies.moderation?._render() ?? NO_MODERATION,
    messageAttributes: policies.messageAttributes?._render() ?? [],
    pushNotification: policies.pushNotification?._render() ?? [],
  };
  // A document without Comprehend rules stays as it was before they existed.
  const comprehend: ComprehendDocument | undefined = comprehendApisOf(rules).size > 0 ? {
    languageCode: policies.comprehend?.language ?? ComprehendLanguage.ENGLISH,
    unsupportedLanguage: policies.comprehend?.unsupportedLanguage ?? UnsupportedLanguageAction.ON_ERROR,
  } : undefined;
  return {
    version: POLICY_DOCUMENT_VERSION,
    ...rules,
    onError: failsClosed(policies) ? 'deny' : 'deliver',
    ...(comprehend ? { comprehend } : {}),
  };
}
