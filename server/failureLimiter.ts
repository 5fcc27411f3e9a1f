/**
 * Failed sign-ins (unknown or revoked device tokens, wrong enrollment codes) counted per client
 * address. A limiter keyed by the presented token gives every invented token a fresh budget: an
 * address could make unlimited token lookups by never sending the same one twice. Counting
 * failures per address puts one budget on all of them, and the lookup is refused before it is
 * made once the budget is spent. In memory, per process (like @fastify/rate-limit), and bounded:
 * at most `maxAddresses` addresses are tracked, the oldest forgotten first.
 */
export interface FailureLimit {
  max: number;
  timeWindowMs: number;
}

interface Window {
  failures: number;
  resetAt: number;
}

export class FailureLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: FailureLimit,
    private readonly now: () => number,
    private readonly maxAddresses = 10_000,
  ) {}

  /** Milliseconds until `address` may try again, or 0 when it may try now. */
  retryInMs(address: string): number {
    const w = this.windows.get(address);
    if (!w) return 0;
    const t = this.now();
    if (t >= w.resetAt) {
      this.windows.delete(address);
      return 0;
    }
    return w.failures >= this.limit.max ? w.resetAt - t : 0;
  }

  fail(address: string): void {
    const t = this.now();
    const w = this.windows.get(address);
    if (w && t < w.resetAt) {
      w.failures++;
      return;
    }
    this.windows.delete(address);
    this.windows.set(address, { failures: 1, resetAt: t + this.limit.timeWindowMs });
    if (this.windows.size > this.maxAddresses) this.prune(t);
  }

  private prune(t: number): void {
    for (const [address, w] of this.windows) if (t >= w.resetAt) this.windows.delete(address);
    // Still full of live windows: forget the oldest (Map order is insertion order).
    for (const address of this.windows.keys()) {
      if (this.windows.size <= this.maxAddresses) break;
      this.windows.delete(address);
    }
  }
}
