/**
 * A bound on calls in flight that halves when the service throttles and grows back by one per
 * round of successes (additive increase, multiplicative decrease), never above its maximum.
 */
export class AdaptiveConcurrency {
  private limit: number;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  /** The most calls that were ever in flight at once. */
  public peak = 0;

  constructor(private readonly max: number) {
    this.limit = max;
  }

  /** The bound now. */
  public get current(): number {
    return Math.floor(this.limit);
  }

  /** Resolves when a call may start; pair it with `release`. */
  public async acquire(): Promise<void> {
    while (this.inFlight >= this.current) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
  }

  public release(): void {
    this.inFlight--;
    this.wake();
  }

  /** The service throttled a call: halve the bound (at least one). */
  public throttled(): void {
    this.limit = Math.max(1, this.limit / 2);
  }

  /** A call succeeded: about one more in flight after a whole bound's worth of successes. */
  public succeeded(): void {
    this.limit = Math.min(this.max, this.limit + 1 / this.limit);
    this.wake();
  }

  private wake(): void {
    for (let free = this.current - this.inFlight; free > 0 && this.waiting.length > 0; free--) this.waiting.shift()!();
  }
}

/** Runs `work` on each item with at most `concurrency.current` in flight; stops taking items once `stop()` says so. */
export async function forEachBounded<T>(items: readonly T[], concurrency: AdaptiveConcurrency, maxWorkers: number,
  work: (item: T) => Promise<void>, stop: () => boolean): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      await concurrency.acquire();
      if (stop() || next >= items.length) {
        concurrency.release();
        return;
      }
      const item = items[next++];
      try {
        await work(item);
      } finally {
        concurrency.release();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(maxWorkers, items.length) }, worker));
}
