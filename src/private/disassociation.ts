import * as path from 'path';
import { Aws, CustomResource, Duration, Stack, aws_chime as chime, aws_iam as iam, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { acknowledgeNagFindings, acknowledgeWildcards } from './nag';
import { NAG_REASONS } from './nag-reasons';
import { prebundledHandler } from './prebundled';

/**
 * A custom resource whose delete disassociates every channel from the flow, as the admin
 * bearer, before CloudFormation deletes the flow: it depends on the flow (it reads its ARN), so
 * CloudFormation deletes it first, on `cdk destroy`, on the flow's removal, and for the old flow
 * after a replacement (the flow's ARN is its physical id, which a replacement changes). When
 * the flow stays (only this resource goes), the handler sees so in the stack and does nothing.
 */
export function createDisassociation(scope: Construct, flow: chime.CfnChannelFlow, appInstanceArn: string, adminBearerArn: string): CustomResource {
  const role = new iam.Role(scope, 'DisassociationRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Disassociates the channel flow\'s channels before the flow is deleted',
  });
  // The app instance's flows, not this flow's ARN: when the flow is replaced, this policy already
  // names the new flow by the time CloudFormation deletes this resource for the old one.
  const flows = `${appInstanceArn}/channel-flow/*`;
  const channels = `${appInstanceArn}/channel/*`;
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['chime:ListChannelsAssociatedWithChannelFlow'], resources: [flows] }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['chime:DisassociateChannelFlow'], resources: [flows, channels, adminBearerArn] }));
  // Whether the flow stays: this stack's status, template and resources.
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['cloudformation:DescribeStacks', 'cloudformation:GetTemplate', 'cloudformation:DescribeStackResource'],
    resources: [Aws.STACK_ID],
  }));
  acknowledgeWildcards(role, [flows, channels], NAG_REASONS.disassociateWildcard);

  const logGroup = new logs.LogGroup(scope, 'DisassociationLogs', { retention: logs.RetentionDays.ONE_MONTH });
  logGroup.grantWrite(role);
  const fn = new lambda.Function(scope, 'DisassociationHandler', {
    description: 'Disassociates the channels of a channel flow before it is deleted (cdk-chime-channel-flow)',
    code: lambda.Code.fromAsset(path.dirname(prebundledHandler('disassociate'))),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: 256,
    // Time for thousands of channels at the service's rate, and to answer CloudFormation.
    timeout: Duration.minutes(10),
    role,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
  });
  acknowledgeNagFindings(fn.node.defaultChild as lambda.CfnFunction, [
    { rule: 'Serverless-LambdaDLQ', reason: NAG_REASONS.customResourceNeedsNoDlq },
    { rule: 'Serverless-LambdaTracing', reason: NAG_REASONS.customResourceNeedsNoTracing },
  ]);

  return new CustomResource(scope, 'Disassociation', {
    serviceToken: fn.functionArn,
    resourceType: 'Custom::ChannelFlowDisassociation',
    properties: { ChannelFlowArn: flow.attrArn, ChimeBearer: adminBearerArn, FlowLogicalId: Stack.of(scope).getLogicalId(flow) },
    // Should the handler never answer, CloudFormation gives up after this, not after an hour.
    serviceTimeout: Duration.minutes(15),
  });
}
