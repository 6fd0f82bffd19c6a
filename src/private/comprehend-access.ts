import { Annotations, Stack, Token, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeNagFindings } from './nag';
import { NAG_REASONS } from './nag-reasons';
import { COMPREHEND_API_REGIONS } from '../core/comprehend';
import { policyComprehendApis } from '../core/comprehend-plan';
import { PolicyDocument } from '../core/document';

/**
 * The Amazon Comprehend actions the policy's rules use, and no other, for the processor's role;
 * and a warning when the stack's region is known and not among those that offer one of them.
 */
export function grantComprehend(scope: Construct, role: iam.IRole, policy: PolicyDocument): void {
  const apis = [...policyComprehendApis(policy)].sort();
  if (apis.length === 0) return;
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: apis.map((api) => `comprehend:${api}`), resources: ['*'] }));
  if (Construct.isConstruct(role)) {
    acknowledgeNagFindings(role, [{ rule: 'AwsSolutions-IAM5', finding: 'Resource::*', reason: NAG_REASONS.comprehendWildcard }]);
  }
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region)) return;
  const missing = apis.filter((api) => !COMPREHEND_API_REGIONS[api].includes(region));
  if (missing.length > 0) {
    Annotations.of(scope).addWarningV2('cdk-chime-channel-flow:comprehendRegion', `Amazon Comprehend's ${missing.join(', ')} `
      + `is not known to be offered in ${region} (it is in ${COMPREHEND_API_REGIONS[missing[0]].join(', ')}): every message would be `
      + 'answered by the policy\'s error action. Check the Comprehend endpoints of your region.');
  }
}
