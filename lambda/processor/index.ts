/**
 * The channel flow processor: the Lambda entry point. Everything that does not depend on the
 * message (the policy, the SDK client) is prepared once per container, at module load.
 */
import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { loadPolicy } from './policy-file';
import { createProcessor } from './processor';

const client = new ChimeSDKMessagingClient({});

export const handler = createProcessor({
  policy: loadPolicy(),
  sendCallback: (request) => client.send(new ChannelFlowCallbackCommand(request)),
});
