/**
 * The baseline of the benchmark: what a user writes by hand for a channel flow processor,
 * the AWS SDK client and one ChannelFlowCallback that delivers the message unchanged.
 */
import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';

const client = new ChimeSDKMessagingClient({});

export const handler = async (event: any): Promise<void> => {
  const message = event.ChannelMessage;
  await client.send(new ChannelFlowCallbackCommand({
    CallbackId: event.CallbackId,
    ChannelArn: message.ChannelArn,
    ChannelMessage: { MessageId: message.MessageId, Content: message.Content, Metadata: message.Metadata },
  }));
};
