/**
 * The processing hook, invoked: the AWS SDK's LambdaClient sending a synchronous Invoke
 * (RequestResponse) with the hook's event, one attempt per send, retried here when Lambda
 * throttles the hook or fails to run it, until the hook's timeout or what the callback needs is
 * all that is left of the invocation. The hook's own error (FunctionError), or an answer that is
 * not JSON, is not retried: the hook ran and failed. Only the bundles of flows with a hook hold
 * this module (see scripts/bundle-handlers.ts).
 */
import { InvokeCommand, LambdaClient, LambdaClientConfig } from '@aws-sdk/client-lambda';
import { BEFORE_CALLBACK_RESERVE_MS, HOOK_RETRY_POLICY } from '../../../src/core/contract';
import type { ProcessingHookEvent } from '../../../src/processing-hook';
import { ErrorFacts, isTransient, loggableErrorFacts } from '../../shared/aws-errors';
import { retryUntil, RetryClock, SYSTEM_CLOCK } from '../../shared/retry-until';
import { CONNECTION_TIMEOUT_MS } from '../client';
import { limitResponseBody } from '../response-limit';

/** Lambda's own limit on a synchronous invocation's response. */
const HOOK_RESPONSE_MAX_BYTES = 6 * 1024 * 1024;

/** One attempt: the hook's answer as Lambda returns it. */
export type HookSend = (payload: string, signal: AbortSignal) => Promise<{ FunctionError?: string; Payload?: Uint8Array }>;

/** The hook ran and failed (it threw, or timed out in its own function): Lambda's FunctionError, `Unhandled` or `Handled`. */
export class HookFunctionError extends Error {
  public readonly name = 'HookFunctionError';
}

/** The hook answered something that is not JSON. */
export class HookAnswerNotJsonError extends Error {
  public readonly name = 'HookAnswerNotJsonError';
}

export type HookOutcome =
  | { readonly ok: true; readonly answer: unknown; readonly calls: number; readonly ms: number }
  | { readonly ok: false; readonly error: ErrorFacts; readonly calls: number; readonly ms: number };

export type RunHook = (event: ProcessingHookEvent, remainingMs: () => number) => Promise<HookOutcome>;

/** One client per container; `config` is for tests (an endpoint on 127.0.0.1, fixed credentials). */
export function createHookClient(config: LambdaClientConfig = {}): LambdaClient {
  const client = new LambdaClient({ maxAttempts: 1, requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS }, ...config });
  limitResponseBody(client.middlewareStack, HOOK_RESPONSE_MAX_BYTES);
  return client;
}

export function createHookSender(client: LambdaClient, functionName: string): HookSend {
  return (payload, signal) => client.send(new InvokeCommand({ FunctionName: functionName, InvocationType: 'RequestResponse', Payload: payload }),
    { abortSignal: signal });
}

const decoder = new TextDecoder();

/** Runs the hook for one message within `timeoutMs` and the invocation's deadline. */
export function createHookRunner(send: HookSend, timeoutMs: number, clock: RetryClock = SYSTEM_CLOCK): RunHook {
  return async (event, remainingMs) => {
    const started = clock.now();
    const deadline = Math.min(started + timeoutMs, started + remainingMs() - BEFORE_CALLBACK_RESERVE_MS);
    let calls = 0;
    try {
      const answer = await retryUntil(async (signal) => {
        calls++;
        return send(JSON.stringify(event), signal);
      }, { deadline, isRetryable: isTransient, clock, attemptTimeoutMs: timeoutMs, ...HOOK_RETRY_POLICY });
      if (answer.FunctionError) throw new HookFunctionError(`the hook failed: ${answer.FunctionError === 'Handled' ? 'Handled' : 'Unhandled'}`);
      const text = answer.Payload ? decoder.decode(answer.Payload) : '';
      let parsed: unknown;
      try {
        parsed = text.trim() === '' ? null : JSON.parse(text);
      } catch {
        throw new HookAnswerNotJsonError('the hook\'s answer is not JSON');
      }
      return { ok: true, answer: parsed, calls, ms: clock.now() - started };
    } catch (error) {
      const cause = (error as { lastError?: unknown }).lastError ?? error;
      return { ok: false, error: loggableErrorFacts(cause), calls, ms: clock.now() - started };
    }
  };
}
