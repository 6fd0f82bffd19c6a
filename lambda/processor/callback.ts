/**
 * Sends one ChannelFlowCallback with bounded, jittered retries, and says what came of it.
 */
import { ChannelFlowCallbackRequest } from '../../src/core/decide';

export type Send = (request: ChannelFlowCallbackRequest) => Promise<unknown>;

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** No attempt starts unless this much time is left after it for the answer and the log lines. */
  readonly reserveMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 2000, reserveMs: 5000 };

export interface CallbackClock {
  /** Milliseconds left before the function times out. */
  remainingMs(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export type CallbackOutcome =
  | { readonly result: 'sent' | 'alreadyResolved'; readonly attempts: number; readonly lastError?: ErrorFacts }
  | { readonly result: 'failed'; readonly attempts: number; readonly error: unknown; readonly lastError: ErrorFacts };

/** What the log may say of an error: its type and status, never the request. */
export interface ErrorFacts {
  readonly name?: string;
  readonly httpStatus?: number;
  readonly code?: string;
}

const TRANSIENT_NAMES = new Set([
  'ThrottledClientException', 'ServiceFailureException', 'ServiceUnavailableException', 'ThrottlingException',
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'InternalFailure',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH']);

export function errorFacts(error: unknown): ErrorFacts {
  const err = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  return { name: err?.name, httpStatus: err?.$metadata?.httpStatusCode, code: typeof err?.code === 'string' ? err.code : undefined };
}

/** Throttling, service faults, timeouts and dropped connections: worth another attempt. */
export function isTransient(error: unknown): boolean {
  const facts = errorFacts(error);
  const status = facts.httpStatus;
  return TRANSIENT_NAMES.has(facts.name ?? '') || (facts.code !== undefined && NETWORK_CODES.has(facts.code))
    || status === 429 || (status !== undefined && status >= 500)
    || (facts.name === 'Error' && /socket hang up|ECONNRESET/i.test(String((error as Error).message)));
}

/**
 * The service already answered this message: a ConflictException (two callbacks racing), or a
 * BadRequestException about a non-pending message.
 */
export function isAlreadyResolved(error: unknown): boolean {
  const err = error as { name?: string; message?: string };
  const status = errorFacts(error).httpStatus;
  return err?.name === 'ConflictException' || status === 409
    || ((err?.name === 'BadRequestException' || status === 400) && /non-pending/i.test(err?.message ?? ''));
}

/** Failures that happen before the request is sent: the service never saw it. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** Whether a failed attempt may still have reached the service and been applied (it was not refused before processing). */
function mayHaveApplied(error: unknown): boolean {
  const facts = errorFacts(error);
  return isTransient(error) && facts.httpStatus !== 429 && facts.name !== 'ThrottledClientException'
    && !NOT_SENT_CODES.has(facts.code ?? '') && (error as { notSent?: boolean })?.notSent !== true;
}

/**
 * Sends the callback. A transient fault is retried with full-jitter exponential backoff while
 * attempts and time remain. An answer that the message was already resolved counts as done,
 * and so does a ForbiddenException after an attempt that may have been applied (the service
 * answers a repeated callback so). Anything else fails at once: retrying would not help.
 */
export async function sendCallback(send: Send, request: ChannelFlowCallbackRequest, clock: CallbackClock,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY): Promise<CallbackOutcome> {
  let ambiguous = false;
  let lastError: ErrorFacts | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      await send(request);
      return { result: 'sent', attempts: attempt, lastError };
    } catch (error) {
      lastError = errorFacts(error);
      if (isAlreadyResolved(error) || (ambiguous && lastError.name === 'ForbiddenException')) {
        return { result: 'alreadyResolved', attempts: attempt, lastError };
      }
      ambiguous ||= mayHaveApplied(error);
      const delay = clock.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const timeLeft = clock.remainingMs() - delay > policy.reserveMs;
      if (!isTransient(error) || attempt >= policy.maxAttempts || !timeLeft) {
        return { result: 'failed', attempts: attempt, error, lastError };
      }
      await clock.sleep(delay);
    }
  }
}
