import { Aws, CustomResource, Duration, Lazy, aws_chime as chime, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkNodeRuntime } from './check-props';
import { createCustomResourceFunction } from './custom-resource-function';
import { acknowledgeWildcards } from './nag';
import { NAG_REASONS } from './nag-reasons';
import { newestNodeRuntime } from './node-runtime';
import {
  DISASSOCIATION_CONCURRENCY, DISASSOCIATION_RESOURCE_TYPE, DISASSOCIATION_TIMING, DisassociationProperties,
} from '../core/contract';

/**
 * A custom resource whose delete disassociates every channel from the flow, as the admin
 * bearer, before CloudFormation deletes the flow: it depends on the flow (it reads its ARN), so
 * CloudFormation deletes it first, on `cdk destroy`, on the flow's removal, and for the old flow
 * after a replacement (the flow's ARN is its physical id, which a replacement changes). Its
 * properties carry the flow's logical id and policies as synthesized, after every override and
 * aspect, so that the handler can tell from them and the stack whether the flow really goes.
 */
export function createDisassociation(scope: Construct, flow: chime.CfnChannelFlow, appInstanceArn: string, adminBearerArn: string,
  runtime: lambda.Runtime = newestNodeRuntime()): CustomResource {
  checkNodeRuntime(scope, 'disassociationRuntime', runtime);
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

  const fn = createCustomResourceFunction(scope, 'DisassociationHandler', {
    handler: 'disassociate',
    description: 'Disassociates the channels of a channel flow before it is deleted (cdk-chime-channel-flow)',
    runtime,
    memorySize: 256,
    // A flow with more channels than one invocation can take is carried on by the next.
    timeout: Duration.seconds(DISASSOCIATION_TIMING.functionTimeoutSeconds),
    role,
  });

  // The handler hands an unfinished delete to a new invocation of itself. A policy of its own,
  // attached after the function exists: on the role's default policy it would be a cycle.
  const carryOn = new iam.Policy(scope, 'DisassociationCarryOnPolicy', {
    statements: [new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] })],
  });
  carryOn.attachToRole(role);

  const properties = {
    ChannelFlowArn: flow.attrArn,
    ChimeBearer: adminBearerArn,
    // The logical id as the template has it: an override included, which Stack.getLogicalId does not see.
    FlowLogicalId: flow.logicalId,
    // Read when the template is written, after aspects such as RemovalPolicies.of(scope).retain().
    FlowDeletionPolicy: Lazy.string({ produce: () => flow.cfnOptions.deletionPolicy ?? 'Delete' }),
    FlowUpdateReplacePolicy: Lazy.string({ produce: () => flow.cfnOptions.updateReplacePolicy ?? 'Delete' }),
    Concurrency: String(DISASSOCIATION_CONCURRENCY.default),
  } satisfies Record<keyof DisassociationProperties, string>;
  const resource = new CustomResource(scope, 'Disassociation', {
    serviceToken: fn.functionArn,
    resourceType: DISASSOCIATION_RESOURCE_TYPE,
    properties,
    // Should the handler never answer, CloudFormation gives up after this.
    serviceTimeout: Duration.seconds(DISASSOCIATION_TIMING.serviceTimeoutSeconds),
  });
  resource.node.addDependency(carryOn);
  return resource;
}
