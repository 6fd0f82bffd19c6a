import { Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { invalidProp } from './errors';
import { renderPolicyDocument } from './render-policies';
import { checkPolicyDocument, describeProblems } from '../core/check-policy';
import { PolicyDocument } from '../core/document';
import { ChannelFlowPolicies } from '../policy/policies';

/**
 * The policies' one policy document, checked: any problem fails synth, naming the prop and
 * the rule. (Rendering is `renderPolicyDocument`'s, and checking `checkPolicyDocument`'s.)
 */
export function checkedPolicyDocument(scope: Construct, policies: ChannelFlowPolicies, appInstanceArn: string): PolicyDocument {
  const document = renderPolicyDocument(policies);
  if (Token.isUnresolved(JSON.stringify(document))) {
    invalidProp(scope, 'policyToken', 'messageAttributes/pushNotification/moderation', 'policies must be plain strings known at synth time; a token was found');
  }
  const checked = checkPolicyDocument(document);
  if (!checked.ok) {
    const [first, ...more] = checked.problems;
    invalidProp(scope, 'policy', first.path, `${first.message}${more.length > 0 ? ` (and ${more.length} more: ${describeProblems(more)})` : ''}`);
  }
  checkSendersOfAppInstance(scope, document, appInstanceArn);
  return document;
}

/** The senders every `senderIn` of the document names, wherever the condition stands (nested ones included). */
function senderArnsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(senderArnsOf);
  if (typeof value !== 'object' || value === null) return [];
  const node = value as { type?: unknown; arns?: unknown };
  const own = node.type === 'senderIn' && Array.isArray(node.arns) ? node.arns.filter((arn): arn is string => typeof arn === 'string') : [];
  return [...own, ...Object.values(value).flatMap(senderArnsOf)];
}

/** A sender of another app instance never sends to this flow's channels: `senderIn` naming one is a mistake. */
function checkSendersOfAppInstance(scope: Construct, document: PolicyDocument, appInstanceArn: string): void {
  if (Token.isUnresolved(appInstanceArn)) return;
  const stranger = senderArnsOf(document).find((arn) => !arn.startsWith(`${appInstanceArn}/`));
  if (stranger !== undefined) {
    invalidProp(scope, 'senderArn', 'Condition.senderIn', `${stranger} is not a user or bot of the flow's app instance ${appInstanceArn}: it never sends to this flow's channels`);
  }
}
