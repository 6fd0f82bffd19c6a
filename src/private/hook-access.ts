import { aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeNagFindings, nagResourceName } from './nag';
import { NAG_REASONS } from './nag-reasons';

/**
 * The processor may invoke the processing hook, nothing more: aws-cdk-lib's own grant, on the
 * function and its versions and aliases (`ARN:*`), whose wildcard is acknowledged for cdk-nag.
 */
export function grantHookInvoke(hook: lambda.IFunction, role: iam.IRole): void {
  hook.grantInvoke(role);
  const name = nagResourceName(role, hook.functionArn);
  if (name !== undefined && Construct.isConstruct(role)) {
    acknowledgeNagFindings(role, [{ rule: 'AwsSolutions-IAM5', finding: `Resource::${name}:*`, reason: NAG_REASONS.hookVersions }]);
  }
}
