import { ChannelFlowPolicies } from './policies';
import { ModerationDocument, POLICY_DOCUMENT_VERSION, PolicyDocument } from '../core/document';

const NO_MODERATION: ModerationDocument = { deny: [], redact: [] };

/** Whether the flow fails closed: it has moderation that denies or redacts. */
export function failsClosed(policies: ChannelFlowPolicies): boolean {
  const moderation = policies.moderation?._render() ?? NO_MODERATION;
  return moderation.deny.length + moderation.redact.length > 0;
}

/** The one policy document of these policies, for the processor. It renders; checking is `checkPolicyDocument`'s. */
export function renderPolicyDocument(policies: ChannelFlowPolicies): PolicyDocument {
  return {
    version: POLICY_DOCUMENT_VERSION,
    moderation: policies.moderation?._render() ?? NO_MODERATION,
    messageAttributes: policies.messageAttributes?._render() ?? [],
    pushNotification: policies.pushNotification?._render() ?? [],
    onError: failsClosed(policies) ? 'deny' : 'deliver',
  };
}
