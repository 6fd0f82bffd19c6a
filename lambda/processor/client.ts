/**
 * The processor's transport: the AWS SDK's ChimeSDKMessagingClient sending
 * ChannelFlowCallbackCommand. Endpoints (every partition, FIPS, dual-stack, configured endpoint
 * URLs), signing, error parsing and response handling are the SDK's. What this module adds:
 * - one attempt per send: the retry loop in callback.ts knows the invocation's deadline and
 *   which answers mean "already resolved", which the SDK's retry strategy cannot;
 * - a cap on how much of an answer is read (response-limit.ts), so an endless or enormous body
 *   cannot exhaust the function's memory.
 *
 * The bundle swaps the SDK's default credential chain for the environment provider, and leaves
 * out two SDK capabilities this call never uses (see lambda/shared/stand-ins/ and scripts/bundle-handlers.ts).
 */
import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient, ChimeSDKMessagingClientConfig } from '@aws-sdk/client-chime-sdk-messaging';
import { Send } from './callback';
import { limitResponseBody } from './response-limit';

/** A connection not made by then fails the attempt early, leaving time to retry within the attempt budget. */
export const CONNECTION_TIMEOUT_MS = 1000;

/**
 * One client per container: its keep-alive connections are reused by every message the
 * container answers. `config` is for tests (an endpoint on 127.0.0.1, fixed credentials).
 */
export function createCallbackClient(config: ChimeSDKMessagingClientConfig = {}): ChimeSDKMessagingClient {
  const client = new ChimeSDKMessagingClient({
    maxAttempts: 1,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS },
    ...config,
  });
  limitResponseBody(client.middlewareStack);
  return client;
}

/** One callback attempt through `client`; `signal` aborts the request in flight. */
export function createCallbackSender(client: ChimeSDKMessagingClient): Send {
  // The request built by the decision function is the command's input as it is: the compiler
  // holds core/decide.ts's ChannelFlowCallbackRequest to the SDK's ChannelFlowCallbackCommandInput.
  return (request, signal) => client.send(new ChannelFlowCallbackCommand(request), { abortSignal: signal });
}
