/**
 * The Lambda entry point of the disassociation custom resource (disassociate.ts): the AWS
 * SDK's messaging and CloudFormation clients, created once per container, a deadline that
 * keeps time to answer, and the answer to CloudFormation.
 */
import {
  ChimeSDKMessagingClient, DisassociateChannelFlowCommand, ListChannelsAssociatedWithChannelFlowCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { CloudFormationClient, DescribeStackResourceCommand, DescribeStacksCommand, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { CustomResourceEvent, CustomResourceResponse, handleEvent, Messaging, StackState } from './disassociate';

/** Time kept back at the end of the function's own timeout, to answer CloudFormation. */
const RESERVE_MS = 30_000;

/**
 * Throttling and service faults are retried by the SDK's standard strategy (backoff with
 * jitter); this many attempts ride out a burst of throttling. Every call is also cut off at the
 * deadline, so retries never eat the time kept to answer.
 */
const MAX_ATTEMPTS = 8;

export function messagingOf(client: ChimeSDKMessagingClient, signal?: AbortSignal): Messaging {
  return {
    listChannels: async (channelFlowArn, nextToken) => {
      const list = new ListChannelsAssociatedWithChannelFlowCommand({ ChannelFlowArn: channelFlowArn, MaxResults: 50, NextToken: nextToken });
      const out = await client.send(list, { abortSignal: signal });
      return { channelArns: (out.Channels ?? []).flatMap((c) => (c.ChannelArn ? [c.ChannelArn] : [])), nextToken: out.NextToken };
    },
    disassociate: async (channelArn, channelFlowArn, chimeBearer) => {
      const command = new DisassociateChannelFlowCommand({ ChannelArn: channelArn, ChannelFlowArn: channelFlowArn, ChimeBearer: chimeBearer });
      await client.send(command, { abortSignal: signal });
    },
  };
}

export function stackStateOf(client: CloudFormationClient, signal?: AbortSignal): StackState {
  return {
    status: async (stackId) => {
      const out = await client.send(new DescribeStacksCommand({ StackName: stackId }), { abortSignal: signal });
      return out.Stacks?.[0]?.StackStatus ?? 'UNKNOWN';
    },
    templateHas: async (stackId, logicalId) => {
      // The template the stack has now: during an update's cleanup, the new one (and during a
      // rollback's, the one rolled back to).
      const out = await client.send(new GetTemplateCommand({ StackName: stackId }), { abortSignal: signal });
      const resources = JSON.parse(out.TemplateBody ?? '{}').Resources ?? {};
      return Object.prototype.hasOwnProperty.call(resources, logicalId);
    },
    physicalId: async (stackId, logicalId) => {
      try {
        const describe = new DescribeStackResourceCommand({ StackName: stackId, LogicalResourceId: logicalId });
        const out = await client.send(describe, { abortSignal: signal });
        return out.StackResourceDetail?.PhysicalResourceId;
      } catch (error) {
        // CloudFormation answers a logical id the stack does not have with a ValidationError.
        if ((error as { name?: string }).name === 'ValidationError') return undefined;
        throw error;
      }
    },
  };
}

/** Sends the response to CloudFormation's pre-signed URL, retrying; throws when it cannot. */
export async function sendResponse(url: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  let problem = '';
  // Three attempts of at most 8 s, 1 s and 2 s apart: within the time kept back to answer.
  for (let attempt = 1; attempt <= 3; attempt++) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 1000 * (attempt - 1)));
    try {
      // An empty content type: the URL is signed without one.
      const answer = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' }, signal: AbortSignal.timeout(8_000) });
      if (answer.ok) return;
      problem = `HTTP ${answer.status}`;
    } catch (error) {
      problem = String(error);
    }
  }
  throw new Error(`could not answer CloudFormation: ${problem}`);
}

let messagingClient: ChimeSDKMessagingClient | undefined;
let cloudFormationClient: CloudFormationClient | undefined;

export async function handler(event: CustomResourceEvent, context: { getRemainingTimeInMillis(): number }): Promise<void> {
  messagingClient ??= new ChimeSDKMessagingClient({ maxAttempts: MAX_ATTEMPTS });
  cloudFormationClient ??= new CloudFormationClient({ maxAttempts: MAX_ATTEMPTS });
  const deadline = AbortSignal.timeout(Math.max(0, context.getRemainingTimeInMillis() - RESERVE_MS));
  const response = await handleEvent(event, {
    messaging: messagingOf(messagingClient, deadline),
    stack: stackStateOf(cloudFormationClient, deadline),
    hasTime: () => !deadline.aborted,
  });
  // What CloudFormation is told: the request type and the outcome, which names only ARNs.
  console.log(JSON.stringify({ requestType: event.RequestType, status: response.Status, reason: response.Reason }));
  await sendResponse(event.ResponseURL, response);
}
