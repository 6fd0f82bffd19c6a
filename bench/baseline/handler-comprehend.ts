/**
 * The baseline of the Comprehend benchmark: what a user writes by hand for a processor that
 * moderates with Amazon Comprehend, the two AWS SDK clients, PII and toxicity detection in
 * parallel, and one ChannelFlowCallback.
 */
import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { ComprehendClient, DetectPiiEntitiesCommand, DetectToxicContentCommand } from '@aws-sdk/client-comprehend';

const messaging = new ChimeSDKMessagingClient({});
const comprehend = new ComprehendClient({});

export const handler = async (event: any): Promise<void> => {
  const message = event.ChannelMessage;
  const [pii, toxicity] = await Promise.all([
    comprehend.send(new DetectPiiEntitiesCommand({ Text: message.Content, LanguageCode: 'en' })),
    comprehend.send(new DetectToxicContentCommand({ TextSegments: [{ Text: message.Content }], LanguageCode: 'en' })),
  ]);
  const toxic = (toxicity.ResultList ?? []).some((result) => (result.Toxicity ?? 0) >= 0.5);
  let content: string = message.Content;
  for (const entity of [...(pii.Entities ?? [])].reverse()) {
    content = content.slice(0, entity.BeginOffset) + `[${entity.Type}]` + content.slice(entity.EndOffset);
  }
  await messaging.send(new ChannelFlowCallbackCommand({
    CallbackId: event.CallbackId,
    ChannelArn: message.ChannelArn,
    ...(toxic ? { DeleteResource: true } : {}),
    ChannelMessage: { MessageId: message.MessageId, Content: content, Metadata: message.Metadata },
  }));
};
