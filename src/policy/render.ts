import { ChannelFlowPolicies } from './policies';
import { POLICY_DOCUMENT_VERSION, PolicyDocument } from '../core/document';

/** Whether the flow fails closed: it has moderation that denies or redacts. */
export function failsClosed(policies: ChannelFlowPolicies): boolean {
  return (policies.moderation?._deny.length ?? 0) + (policies.moderation?._redact.length ?? 0) > 0;
}

/** The one policy document of these policies, for the processor. */
export function renderPolicyDocument(policies: ChannelFlowPolicies): PolicyDocument {
  return {
    version: POLICY_DOCUMENT_VERSION,
    moderation: {
      deny: policies.moderation?._deny.map((condition) => condition._document) ?? [],
      redact: policies.moderation?._redact.map((redaction) => redaction._document) ?? [],
    },
    attributes: policies.messageAttributes?._rules ?? [],
    push: policies.pushNotification?._rules ?? [],
    onError: failsClosed(policies) ? 'deny' : 'deliver',
  };
}
