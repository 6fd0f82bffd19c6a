/**
 * The Lambda entry point of the disassociation custom resource (disassociate.ts): the AWS SDK
 * clients, made once per container and making one attempt per call (the handler retries
 * within its deadline, see ../shared/retry-until.ts), and the answer to CloudFormation.
 */
import {
  ChimeSDKMessagingClient, DisassociateChannelFlowCommand, ListChannelsAssociatedWithChannelFlowCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { CloudFormationClient, DescribeStackResourceCommand, DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { CustomResourceEvent, handleEvent } from './disassociate';
import { LIST_PAGE_SIZE, Messaging } from './disassociate-all';
import { StackFacts, TemplateFlow } from './flow-fate';
import { DISASSOCIATION_TIMING } from '../../src/core/contract';
import { errorFacts, isThrottle, isTransient } from '../shared/aws-errors';
import { sendResponse } from '../shared/cfn-response';
import { retryUntil } from '../shared/retry-until';

/** A connection not made by then fails the attempt early, leaving time to retry. */
const CONNECTION_TIMEOUT_MS = 2000;

export function messagingOf(client: ChimeSDKMessagingClient): Messaging {
  return {
    listChannels: async (channelFlowArn, nextToken, signal) => {
      const list = new ListChannelsAssociatedWithChannelFlowCommand({
        ChannelFlowArn: channelFlowArn, MaxResults: LIST_PAGE_SIZE, NextToken: nextToken,
      });
      const out = await client.send(list, { abortSignal: signal });
      return { channelArns: (out.Channels ?? []).flatMap((c) => (c.ChannelArn ? [c.ChannelArn] : [])), nextToken: out.NextToken };
    },
    disassociate: async (channelArn, channelFlowArn, chimeBearer, signal) => {
      const command = new DisassociateChannelFlowCommand({ ChannelArn: channelArn, ChannelFlowArn: channelFlowArn, ChimeBearer: chimeBearer });
      await client.send(command, { abortSignal: signal });
    },
  };
}

/** The flow's policies in a template, when it has a resource of that logical id. */
function templateFlowOf(templateBody: string, logicalId: string): TemplateFlow | undefined {
  const resources = JSON.parse(templateBody).Resources ?? {};
  if (!Object.prototype.hasOwnProperty.call(resources, logicalId)) return undefined;
  const resource = resources[logicalId] ?? {};
  return { deletionPolicy: resource.DeletionPolicy, updateReplacePolicy: resource.UpdateReplacePolicy };
}

/** The stack's status and settings, the flow in its template, and the flow's physical id, read in parallel. */
export function stackFactsOf(client: CloudFormationClient) {
  return async (stackId: string, flowLogicalId: string, deadline: number): Promise<StackFacts> => {
    const call = <T>(send: (signal: AbortSignal) => Promise<T>) => retryUntil(send, { deadline, isRetryable: isTransient });
    const [stacks, template, physicalId] = await Promise.all([
      call((signal) => client.send(new DescribeStacksCommand({ StackName: stackId }), { abortSignal: signal })),
      // The template the stack has now: during an update's cleanup, the new one.
      call((signal) => client.send(new GetTemplateCommand({ StackName: stackId }), { abortSignal: signal })),
      call(async (signal) => {
        try {
          const describe = new DescribeStackResourceCommand({ StackName: stackId, LogicalResourceId: flowLogicalId });
          return (await client.send(describe, { abortSignal: signal })).StackResourceDetail?.PhysicalResourceId;
        } catch (error) {
          // CloudFormation answers a logical id the stack does not have with a ValidationError.
          if (errorFacts(error).name === 'ValidationError') return undefined;
          throw error;
        }
      }),
    ]);
    const stack = stacks.Stacks?.[0];
    if (!stack?.StackStatus) throw new Error(`DescribeStacks did not describe ${stackId}`);
    return {
      status: stack.StackStatus,
      retainExceptOnCreate: stack.RetainExceptOnCreate === true,
      templateFlow: templateFlowOf(template.TemplateBody ?? '{}', flowLogicalId),
      physicalId,
    };
  };
}

let messagingClient: ChimeSDKMessagingClient | undefined;
let cloudFormationClient: CloudFormationClient | undefined;

export interface LambdaContext {
  readonly invokedFunctionArn: string;
  getRemainingTimeInMillis(): number;
}

function invokeNotTaken(error: unknown): boolean {
  const { code } = errorFacts(error);
  return isThrottle(error) || code === 'ECONNREFUSED';
}

/** Invokes this function again, asynchronously, with the unfinished event. The Lambda client loads only then. */
async function invokeAgain(functionArn: string, event: CustomResourceEvent, deadline: number): Promise<void> {
  const { LambdaClient, InvokeCommand } = await import('@aws-sdk/client-lambda');
  const client = new LambdaClient({ maxAttempts: 1, requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS } });
  try {
    const invoke = new InvokeCommand({ FunctionName: functionArn, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(event)) });
    // Retried only on answers that prove Lambda did not take the event (a throttle, a refused
    // connection): after a timeout or a fault it may have, and a second chain would answer twice.
    await retryUntil((signal) => client.send(invoke, { abortSignal: signal }), { deadline, isRetryable: invokeNotTaken });
  } finally {
    client.destroy();
  }
}

export async function handler(event: CustomResourceEvent, context: LambdaContext): Promise<void> {
  const clientConfig = { maxAttempts: 1, requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS } };
  messagingClient ??= new ChimeSDKMessagingClient(clientConfig);
  cloudFormationClient ??= new CloudFormationClient(clientConfig);
  const invocationDeadline = Date.now() + context.getRemainingTimeInMillis() - DISASSOCIATION_TIMING.reserveMs;
  let result;
  try {
    result = await handleEvent(event, {
      messaging: messagingOf(messagingClient),
      stackFacts: stackFactsOf(cloudFormationClient),
      continueWith: (next, deadline) => invokeAgain(context.invokedFunctionArn, next, deadline),
      now: () => Date.now(),
      invocationDeadline,
    });
  } catch (error) {
    // Whatever went wrong, CloudFormation gets an answer rather than waiting out its timeout.
    result = {
      kind: 'answer' as const,
      response: {
        Status: 'FAILED' as const,
        Reason: `the disassociation handler failed: ${errorFacts(error).name ?? 'Error'}`,
        PhysicalResourceId: event.PhysicalResourceId ?? event.ResourceProperties.ChannelFlowArn,
        StackId: event.StackId,
        RequestId: event.RequestId,
        LogicalResourceId: event.LogicalResourceId,
      },
    };
  }
  if (result.kind === 'continued') {
    console.log(JSON.stringify({ requestType: event.RequestType, continued: result.continuation }));
    return;
  }
  if (result.kind === 'stopped') {
    console.log(JSON.stringify({ requestType: event.RequestType, stopped: result.why }));
    return;
  }
  // What CloudFormation is told: the request type and the outcome, which names only ARNs.
  console.log(JSON.stringify({ requestType: event.RequestType, status: result.response.Status, reason: result.response.Reason }));
  await sendResponse(event.ResponseURL, result.response);
}
