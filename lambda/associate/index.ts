/**
 * The Lambda entry point of the channel association custom resource (associate.ts): the AWS SDK
 * clients, made once per container and making one attempt per call (associate.ts retries within
 * the invocation), and the answer to CloudFormation.
 */
import { AssociateChannelFlowCommand, ChimeSDKMessagingClient, DisassociateChannelFlowCommand } from '@aws-sdk/client-chime-sdk-messaging';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AssociationEvent, handleAssociation } from './associate';
import { sendResponse } from '../shared/cfn-response';

/** Kept back at the end of the invocation to answer CloudFormation. */
const RESERVE_MS = 20_000;
const CLIENT_CONFIG = { maxAttempts: 1, requestHandler: { connectionTimeout: 2000 } };

let messaging: ChimeSDKMessagingClient | undefined;
let cloudFormation: CloudFormationClient | undefined;

export async function handler(event: AssociationEvent, context: { getRemainingTimeInMillis(): number }): Promise<void> {
  messaging ??= new ChimeSDKMessagingClient(CLIENT_CONFIG);
  cloudFormation ??= new CloudFormationClient(CLIENT_CONFIG);
  const chime = messaging;
  const stacks = cloudFormation;
  const response = await handleAssociation(event, {
    associate: async (ChannelArn, ChannelFlowArn, ChimeBearer, signal) => {
      await chime.send(new AssociateChannelFlowCommand({ ChannelArn, ChannelFlowArn, ChimeBearer }), { abortSignal: signal });
    },
    disassociate: async (ChannelArn, ChannelFlowArn, ChimeBearer, signal) => {
      await chime.send(new DisassociateChannelFlowCommand({ ChannelArn, ChannelFlowArn, ChimeBearer }), { abortSignal: signal });
    },
    stackStatus: async (stackId, signal) => {
      const out = await stacks.send(new DescribeStacksCommand({ StackName: stackId }), { abortSignal: signal });
      const status = out.Stacks?.[0]?.StackStatus;
      if (!status) throw new Error(`DescribeStacks did not describe ${stackId}`);
      return status;
    },
    deadline: Date.now() + context.getRemainingTimeInMillis() - RESERVE_MS,
  });
  console.log(JSON.stringify({ requestType: event.RequestType, status: response.Status, reason: response.Reason }));
  await sendResponse(event.ResponseURL, response);
}
