/**
 * Sends one ChannelFlowCallback with bounded, jittered, deadline-aware retries, and says what
 * came of it. The transport (the AWS SDK client, see client.ts) makes one attempt per call;
 * this loop decides whether, and when, to make another.
 */
import { CALLBACK_RETRY_POLICY, RetryPolicy } from '../../src/core/contract';
import { ChannelFlowCallbackRequest } from '../../src/core/decide';
import { ErrorFacts, errorFacts, isConflict, isTransient, loggableErrorFacts } from '../shared/aws-errors';

/**
 * One attempt: resolves when the service accepted the callback, rejects with what it answered.
 * `signal` aborts when the attempt's time is up; the transport must stop the request then.
 */
export type Send = (request: ChannelFlowCallbackRequest, signal: AbortSignal) => Promise<unknown>;


export interface CallbackClock {
  /** Milliseconds left before the function times out. */
  remainingMs(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

/** One attempt, for the debug log. */
export interface AttemptRecord {
  readonly attempt: number;
  readonly ms: number;
  readonly error?: ErrorFacts;
  /** The wait before the next attempt, when there is one. */
  readonly delayMs?: number;
}

export type CallbackOutcome =
  | { readonly result: 'sent' | 'alreadyResolved'; readonly attempts: number; readonly lastError?: ErrorFacts }
  | { readonly result: 'failed'; readonly attempts: number; readonly lastError: ErrorFacts };

/** The attempt had no answer within the policy's attempt timeout, and was aborted. */
export class AttemptTimeoutError extends Error {
  public readonly name = 'AttemptTimeoutError';
}

/** Too little of the invocation is left for an attempt and its reserve: none was started. */
export class NoTimeLeftError extends Error {
  public readonly name = 'NoTimeLeftError';
}

/** How the service words a 400 for a callback on a message no longer pending. Anchored: a 400 may quote the content. */
const NON_PENDING = /^Unable to complete processing of non-pending message/i;

/**
 * The service already answered this message: a 400 that says the message is not pending (a
 * repeated delivery, or an earlier attempt of this one that the service applied). Nothing
 * else proves it: a 409 says another callback is in flight, which may yet fail, and no
 * documentation says a repeated callback is answered 403, so a 403 is a real refusal.
 */
export function isAlreadyResolved(error: unknown): boolean {
  const { name, httpStatus } = errorFacts(error);
  const message = (error as { message?: unknown } | undefined)?.message;
  return (name === 'BadRequestException' || httpStatus === 400) && typeof message === 'string' && NON_PENDING.test(message);
}

/**
 * The answer's status said the service accepted the callback, though its body could not be
 * read (see response-limit.ts): the work is done.
 */
function isAcceptedAnswer(error: unknown): boolean {
  const { httpStatus } = errorFacts(error);
  return httpStatus !== undefined && httpStatus >= 200 && httpStatus < 300;
}

/** One attempt that ends by `timeoutMs` whatever the transport does: the signal aborts it, and the race stops waiting. */
async function attemptWithin(send: Send, request: ChannelFlowCallbackRequest, timeoutMs: number): Promise<void> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new AttemptTimeoutError(`no answer within ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    await Promise.race([send(request, controller.signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Sends the callback. A transient fault, or a 409 (another callback in flight), is retried with
 * full-jitter exponential backoff while attempts remain and the invocation has time for another
 * attempt's timeout plus the reserve; the first attempt is held to the same rule. Only a 2xx,
 * or an answer that the message is no longer pending, counts as done: a 409 that never gives
 * way fails the invocation, so the event reaches the failure destination. Any other error fails
 * at once: retrying would not help. The outcome names errors only as loggableErrorFacts does.
 */
export async function sendCallback(send: Send, request: ChannelFlowCallbackRequest, clock: CallbackClock,
  policy: RetryPolicy = CALLBACK_RETRY_POLICY, observe?: (record: AttemptRecord) => void): Promise<CallbackOutcome> {
  const needed = policy.attemptTimeoutMs + policy.reserveMs;
  let lastError: ErrorFacts | undefined;
  for (let attempt = 1; ; attempt++) {
    // Checked before every attempt, after the wait too: a timer may fire late.
    if (clock.remainingMs() < needed) {
      return { result: 'failed', attempts: attempt - 1, lastError: lastError ?? loggableErrorFacts(new NoTimeLeftError()) };
    }
    const started = Date.now();
    try {
      await attemptWithin(send, request, policy.attemptTimeoutMs);
      observe?.({ attempt, ms: Date.now() - started });
      return { result: 'sent', attempts: attempt, lastError };
    } catch (error) {
      lastError = loggableErrorFacts(error);
      const ms = Date.now() - started;
      const done = isAlreadyResolved(error) ? 'alreadyResolved' : isAcceptedAnswer(error) ? 'sent' : undefined;
      if (done) {
        observe?.({ attempt, ms, error: lastError });
        return { result: done, attempts: attempt, lastError };
      }
      const delayMs = clock.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const retry = (isTransient(error) || isConflict(error)) && attempt < policy.maxAttempts && clock.remainingMs() - delayMs >= needed;
      observe?.({ attempt, ms, error: lastError, ...(retry ? { delayMs: Math.round(delayMs) } : {}) });
      if (!retry) return { result: 'failed', attempts: attempt, lastError };
      await clock.sleep(delayMs);
    }
  }
}
