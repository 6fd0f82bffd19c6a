/**
 * The parts of a ChannelFlow, each made by one function, so the constructor reads as the list
 * of them: the processor (the user's own, or the managed one with its policy), the flow
 * resource with the permission that lets the service invoke the processor, and what deleting
 * the flow needs. Construct ids and the order of creation are the template's: changing them
 * changes users' logical ids.
 */
import { Annotations, Arn, ArnFormat, aws_chime as chime, aws_iam as iam, aws_lambda as lambda, aws_logs as logs, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { checkNoManagedOptions, checkProcessorEnvironment } from './check-props';
import { createDisassociation } from './disassociation';
import { createManagedProcessor } from './managed-processor';
import { warnOfFilterGaps } from './member-filters';
import { acknowledgeWildcards } from './nag';
import { NAG_REASONS } from './nag-reasons';
import { checkedPolicyDocument } from './policy-document';
import { failsClosed } from './render-policies';
import { ChannelFlowProps, FallbackAction } from '../channel-flow-props';

/** The service principal that invokes channel flow processors. */
const MESSAGING_PRINCIPAL = 'messaging.chime.amazonaws.com';

/** The processor a flow runs, what the flow made for it, and the callback grant the flow resource waits for. */
export interface FlowProcessor {
  readonly processor: lambda.IFunction;
  readonly managed?: { readonly fn: lambda.Function; readonly logGroup: logs.ILogGroup; readonly failureQueue?: sqs.Queue };
  readonly callbackGrant?: iam.Grant;
}

/** chime:ChannelFlowCallback on the app instance's channels: all the processor needs of the service. */
const callbackPermission = (appInstanceArn: string) => new iam.PolicyStatement({
  actions: ['chime:ChannelFlowCallback'],
  resources: [`${appInstanceArn}/channel/*`],
});

/** A processor of the user's own: granted the callback, nothing made for it. */
function ownProcessor(flow: Construct, props: ChannelFlowProps, processor: lambda.IFunction): FlowProcessor {
  checkNoManagedOptions(flow, props);
  checkProcessorEnvironment(flow, props.appInstanceArn, processor);
  const permission = callbackPermission(props.appInstanceArn);
  const callbackGrant = iam.Grant.addToPrincipal({ grantee: processor, actions: permission.actions, resourceArns: permission.resources });
  // The grant is this construct's, so its wildcard is acknowledged here, as for the managed role.
  if (processor.role && Construct.isConstruct(processor.role)) {
    acknowledgeWildcards(processor.role, permission.resources, NAG_REASONS.callbackWildcard);
  }
  if (!processor.role) {
    Annotations.of(flow).addWarningV2('cdk-chime-channel-flow:processorRole',
      'The processor has no known role: grant it chime:ChannelFlowCallback on the app instance\'s channels yourself.');
  }
  return { processor, callbackGrant };
}

/** The managed processor, with the flow's checked policy document and the callback on its role. */
function managedProcessor(flow: Construct, props: ChannelFlowProps, name: string): FlowProcessor {
  const policy = checkedPolicyDocument(flow, props, props.appInstanceArn);
  warnOfFilterGaps(flow, props.memberFilters ?? [], policy);
  const managed = createManagedProcessor(flow, props, policy, name);
  const permission = callbackPermission(props.appInstanceArn);
  managed.role.addToPrincipalPolicy(permission);
  acknowledgeWildcards(managed.role, permission.resources, NAG_REASONS.callbackWildcard);
  return { processor: managed.fn, managed };
}

export function flowProcessor(flow: Construct, props: ChannelFlowProps, name: string): FlowProcessor {
  return props.processor ? ownProcessor(flow, props, props.processor) : managedProcessor(flow, props, name);
}

/**
 * The flow resource, and the permission that lets the service invoke the processor. The service
 * may invoke the processor, and the processor call back, as soon as the flow exists: the invoke
 * permission and the callback grant come first.
 */
export function flowResource(flow: Construct, props: ChannelFlowProps, name: string, processing: FlowProcessor): chime.CfnChannelFlow {
  const invokePermission = new lambda.CfnPermission(flow, 'InvokePermission', {
    action: 'lambda:InvokeFunction',
    functionName: processing.processor.functionArn,
    principal: MESSAGING_PRINCIPAL,
    sourceAccount: Arn.split(props.appInstanceArn, ArnFormat.SLASH_RESOURCE_NAME).account,
    sourceArn: props.appInstanceArn,
  });
  const resource = new chime.CfnChannelFlow(flow, 'Resource', {
    appInstanceArn: props.appInstanceArn,
    name,
    processors: [{
      name: 'processor',
      executionOrder: 1,
      fallbackAction: props.fallbackAction ?? (failsClosed(props) ? FallbackAction.ABORT : FallbackAction.CONTINUE),
      configuration: { lambda: { resourceArn: processing.processor.functionArn, invocationType: 'ASYNC' } },
    }],
  });
  resource.addResourceDependency(invokePermission);
  processing.callbackGrant?.applyBefore(resource);
  return resource;
}

/** With adminBearerArn, the custom resource that disassociates the flow's channels before it is deleted; without, a note why one may want it. */
export function protectDeletion(flow: Construct, props: ChannelFlowProps, resource: chime.CfnChannelFlow): void {
  if (props.adminBearerArn !== undefined) {
    createDisassociation(flow, resource, props.appInstanceArn, props.adminBearerArn, props.disassociationRuntime);
    return;
  }
  Annotations.of(flow).addInfoV2('cdk-chime-channel-flow:noAdminBearer', 'Deleting or replacing this channel flow fails while a channel is associated with it '
    + '(DeleteChannelFlow requires none): give adminBearerArn, an AppInstanceAdmin user or bot, to have the flow\'s channels '
    + 'disassociated first.');
}
