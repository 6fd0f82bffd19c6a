/**
 * The processor's Amazon Comprehend transport: the AWS SDK's ComprehendClient, one attempt per
 * send (gather.ts retries within the invocation's deadline, as callback.ts does for the
 * callback), with the same cap on an answer's size. Only the bundle of a flow with Comprehend
 * rules has this module (see scripts/bundle-handlers.ts).
 */
import {
  ComprehendClient, ComprehendClientConfig, DetectDominantLanguageCommand, DetectDominantLanguageCommandInput, DetectPiiEntitiesCommand,
  DetectPiiEntitiesCommandInput, DetectToxicContentCommand, DetectToxicContentCommandInput,
} from '@aws-sdk/client-comprehend';
import { ComprehendApi } from '../../../src/core/comprehend';
import { CONNECTION_TIMEOUT_MS } from '../client';
import { limitResponseBody } from '../response-limit';

/** An answer listing an entity per word of a 4 KB message is far below this. */
export const COMPREHEND_RESPONSE_MAX_BYTES = 1024 * 1024;

export interface ComprehendInputs {
  readonly DetectDominantLanguage: DetectDominantLanguageCommandInput;
  readonly DetectPiiEntities: DetectPiiEntitiesCommandInput;
  readonly DetectToxicContent: DetectToxicContentCommandInput;
}

/** One attempt of one call; `signal` aborts it. Resolves to the API's answer. */
export type ComprehendSend = <Api extends ComprehendApi>(api: Api, input: ComprehendInputs[Api], signal: AbortSignal) => Promise<unknown>;

/** One client per container; `config` is for tests (an endpoint on 127.0.0.1, fixed credentials). */
export function createComprehendClient(config: ComprehendClientConfig = {}): ComprehendClient {
  const client = new ComprehendClient({ maxAttempts: 1, requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS }, ...config });
  limitResponseBody(client.middlewareStack, COMPREHEND_RESPONSE_MAX_BYTES);
  return client;
}

export function createComprehendSender(client: ComprehendClient): ComprehendSend {
  const commands = {
    DetectDominantLanguage: (input: ComprehendInputs['DetectDominantLanguage']) => new DetectDominantLanguageCommand(input),
    DetectPiiEntities: (input: ComprehendInputs['DetectPiiEntities']) => new DetectPiiEntitiesCommand(input),
    DetectToxicContent: (input: ComprehendInputs['DetectToxicContent']) => new DetectToxicContentCommand(input),
  };
  return (api, input, signal) => client.send((commands[api] as (i: typeof input) => any)(input), { abortSignal: signal });
}
