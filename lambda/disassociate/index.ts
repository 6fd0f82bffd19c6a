/**
 * The Lambda entry point of the disassociation custom resource (disassociate.ts): the AWS
 * SDK's messaging client, created once per container, and the response to CloudFormation.
 */
import {
  ChimeSDKMessagingClient, DisassociateChannelFlowCommand, ListChannelsAssociatedWithChannelFlowCommand,
} from '@aws-sdk/client-chime-sdk-messaging';
import { CustomResourceEvent, CustomResourceResponse, handleEvent, Messaging } from './disassociate';

/** Time kept back at the end of the function's own timeout, to answer CloudFormation. */
const RESERVE_MS = 20_000;

/**
 * Throttling and service faults are retried by the SDK's standard strategy (backoff with
 * jitter); this many attempts ride out a burst of throttling on a large app instance.
 */
const MAX_ATTEMPTS = 8;

export function messagingOf(client: ChimeSDKMessagingClient): Messaging {
  return {
    listChannels: async (channelFlowArn, nextToken) => {
      const list = new ListChannelsAssociatedWithChannelFlowCommand({ ChannelFlowArn: channelFlowArn, MaxResults: 50, NextToken: nextToken });
      const out = await client.send(list);
      return { channelArns: (out.Channels ?? []).flatMap((c) => (c.ChannelArn ? [c.ChannelArn] : [])), nextToken: out.NextToken };
    },
    disassociate: async (channelArn, channelFlowArn, chimeBearer) => {
      await client.send(new DisassociateChannelFlowCommand({ ChannelArn: channelArn, ChannelFlowArn: channelFlowArn, ChimeBearer: chimeBearer }));
    },
  };
}

/** Sends the response to CloudFormation's pre-signed URL, retrying a failed connection. */
export async function sendResponse(url: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  for (let attempt = 1; ; attempt++) {
    try {
      // An empty content type: the URL is signed without one.
      const answer = await fetch(url, { method: 'PUT', body, headers: { 'content-type': '' } });
      if (answer.ok || attempt >= 3) return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
  }
}

let client: ChimeSDKMessagingClient | undefined;

export async function handler(event: CustomResourceEvent, context: { getRemainingTimeInMillis(): number }): Promise<void> {
  client ??= new ChimeSDKMessagingClient({ maxAttempts: MAX_ATTEMPTS });
  const response = await handleEvent(event, { messaging: messagingOf(client), hasTime: () => context.getRemainingTimeInMillis() > RESERVE_MS });
  // What CloudFormation is told, and nothing of the messages: ids and the outcome.
  console.log(JSON.stringify({ requestType: event.RequestType, status: response.Status, reason: response.Reason }));
  await sendResponse(event.ResponseURL, response);
}
