import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { invalidProp } from './errors';
import { checkPolicyDocument, describeProblems } from '../core/check-policy';
import { PolicyDocument } from '../core/document';
import { ChannelFlowPolicies } from '../policy/policies';
import { renderPolicyDocument } from '../policy/render';

/**
 * The policies' one policy document, checked: any problem fails synth, naming the prop and
 * the rule. (Rendering is `renderPolicyDocument`'s, and checking `checkPolicyDocument`'s.)
 */
export function checkedPolicyDocument(scope: Construct, policies: ChannelFlowPolicies): PolicyDocument {
  const document = renderPolicyDocument(policies);
  if (Token.isUnresolved(JSON.stringify(document))) {
    invalidProp(scope, 'policyToken', 'messageAttributes/pushNotification/moderation', 'policies must be plain strings known at synth time; a token was found');
  }
  const checked = checkPolicyDocument(document);
  if (!checked.ok) {
    const [first, ...more] = checked.problems;
    invalidProp(scope, 'policy', first.path, `${first.message}${more.length > 0 ? ` (and ${more.length} more: ${describeProblems(more)})` : ''}`);
  }
  return document;
}
