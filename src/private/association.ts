import { Aws, CustomResource, Duration, Lazy, aws_chime as chime, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkNodeRuntime } from './check-props';
import { createCustomResourceFunction } from './custom-resource-function';
import { acknowledgeWildcards } from './nag';
import { NAG_REASONS } from './nag-reasons';
import { newestNodeRuntime } from './node-runtime';
import { ASSOCIATION_RESOURCE_TYPE, AssociationProperties } from '../core/contract';

/** The function that answers every channel association of one flow, with its role. */
export interface AssociationHandler {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
}

/**
 * The flow's association handler: made with its first association, and given the channel and
 * the bearer of each association that follows (least privilege: the channels named, the app
 * instance's flows, since a replaced flow has a new ARN).
 */
export function createAssociationHandler(scope: Construct, appInstanceArn: string,
  runtime: lambda.Runtime = newestNodeRuntime()): AssociationHandler {
  checkNodeRuntime(scope, 'disassociationRuntime', runtime);
  const role = new iam.Role(scope, 'AssociationRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'Associates channels with the channel flow, and disassociates them when the association goes',
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['cloudformation:DescribeStacks'], resources: [Aws.STACK_ID] }));
  acknowledgeWildcards(role, [`${appInstanceArn}/channel-flow/*`], NAG_REASONS.disassociateWildcard);
  const fn = createCustomResourceFunction(scope, 'AssociationHandler', {
    handler: 'associate',
    description: 'Associates channels with a channel flow (cdk-chime-channel-flow)',
    runtime,
    memorySize: 128,
    timeout: Duration.minutes(2),
    role,
  });
  return { fn, role };
}

/** One association: the channel with the flow, as `bearerArn`. */
export function createAssociation(scope: Construct, id: string, handler: AssociationHandler, flow: chime.CfnChannelFlow,
  appInstanceArn: string, channelArn: string, bearerArn: string): CustomResource {
  handler.role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['chime:AssociateChannelFlow', 'chime:DisassociateChannelFlow'],
    resources: [`${appInstanceArn}/channel-flow/*`, channelArn, bearerArn],
  }));
  const properties = {
    ChannelArn: channelArn,
    ChannelFlowArn: flow.attrArn,
    ChimeBearer: bearerArn,
    FlowDeletionPolicy: Lazy.string({ produce: () => flow.cfnOptions.deletionPolicy ?? 'Delete' }),
  } satisfies Record<keyof AssociationProperties, string>;
  return new CustomResource(scope, id, {
    serviceToken: handler.fn.functionArn,
    resourceType: ASSOCIATION_RESOURCE_TYPE,
    properties,
    serviceTimeout: Duration.minutes(5),
  });
}
