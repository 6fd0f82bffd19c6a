/**
 * One call retried until it succeeds, fails for good, or a deadline comes: each attempt is
 * aborted at its own timeout or at the deadline, whichever is first, and waits between attempts
 * grow with full jitter. Nothing is shared between calls (no retry quota, no token bucket), so a
 * burst of faults on one call cannot starve the next, and every invocation starts afresh.
 */

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const SYSTEM_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export interface RetryUntilOptions {
  /** Epoch milliseconds: no attempt starts after it. */
  readonly deadline: number;
  /**
   * How long past the deadline an attempt already started may run before it is aborted: an
   * aborted call may still have been carried out, and the caller would not know.
   * @default 0
   */
  readonly graceMs?: number;
  /** Whether an error is worth another attempt; an attempt that timed out always is. */
  readonly isRetryable: (error: unknown) => boolean;
  /** Told of every error that will be retried, before the wait (to back off, to count). */
  readonly onRetry?: (error: unknown) => void;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly attemptTimeoutMs?: number;
  readonly clock?: RetryClock;
}

/** The deadline came before a call succeeded; `lastError` is the last attempt's failure, if any. */
export class DeadlineReachedError extends Error {
  public readonly name = 'DeadlineReachedError';
  constructor(public readonly lastError?: unknown) {
    super('the deadline came before the call succeeded');
  }
}

/** An attempt had no answer within its own timeout and was aborted. */
export class AttemptTimeoutError extends Error {
  public readonly name = 'AttemptTimeoutError';
}

export async function retryUntil<T>(call: (signal: AbortSignal) => Promise<T>, options: RetryUntilOptions): Promise<T> {
  const clock = options.clock ?? SYSTEM_CLOCK;
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 5_000;
  const attemptTimeout = options.attemptTimeoutMs ?? 20_000;
  let lastError: unknown;
  for (let attempt = 1; ; attempt++) {
    const left = options.deadline - clock.now();
    if (left <= 0) throw new DeadlineReachedError(lastError);
    const controller = new AbortController();
    const timeoutMs = Math.min(left + (options.graceMs ?? 0), attemptTimeout);
    const timer = setTimeout(() => controller.abort(new AttemptTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      return await call(controller.signal);
    } catch (error) {
      if (controller.signal.aborted) {
        if (clock.now() >= options.deadline) throw new DeadlineReachedError(lastError ?? controller.signal.reason);
        lastError = controller.signal.reason;
      } else {
        if (!options.isRetryable(error)) throw error;
        lastError = error;
      }
      options.onRetry?.(lastError);
      const delay = clock.random() * Math.min(cap, base * 2 ** (attempt - 1));
      if (clock.now() + delay >= options.deadline) throw new DeadlineReachedError(lastError);
      await clock.sleep(delay);
    } finally {
      clearTimeout(timer);
    }
  }
}
