import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient, ChimeSDKMessagingClientConfig } from '@aws-sdk/client-chime-sdk-messaging';
import { Send } from './callback';

/** A callback that has not answered by then is abandoned and retried (callback.ts). */
export const CALLBACK_TIMEOUTS = { connectionTimeout: 1000, requestTimeout: 3000, throwOnRequestTimeout: true };

/**
 * The SDK client the processor calls back with, made once per container: its keep-alive
 * connections are reused across invocations. Retries are the processor's own, bounded by the
 * invocation's deadline, so the SDK makes one attempt per call.
 */
export function createCallbackSender(overrides: ChimeSDKMessagingClientConfig = {}): Send {
  const client = new ChimeSDKMessagingClient({ maxAttempts: 1, requestHandler: CALLBACK_TIMEOUTS, ...overrides });
  return (request) => client.send(new ChannelFlowCallbackCommand(request));
}
