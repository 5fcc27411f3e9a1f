/**
 * Failed sign-ins (unknown or revoked device tokens, wrong enrollment codes) counted per client
 * address. A limiter keyed by the presented token gives every invented token a fresh budget: an
 * address could make unlimited token lookups by never sending the same one twice. Counting
 * failures per address puts one budget on all of them, and the lookup is refused before it is
 * made once the budget is spent. Counted in a WindowCounter: in memory for one process, in the
 * database when several server processes share a PostgreSQL (one budget across all of them).
 */
import type { WindowCounter } from './windowCounter';

export interface FailureLimit {
  max: number;
  timeWindowMs: number;
}

export class FailureLimiter {
  constructor(
    private readonly limit: FailureLimit,
    private readonly counter: WindowCounter,
    private readonly now: () => number,
  ) {}

  /** Milliseconds until `address` may try again, or 0 when it may try now. */
  async retryInMs(address: string): Promise<number> {
    const t = this.now();
    const w = await this.counter.peek(key(address), t);
    return w.count >= this.limit.max ? Math.max(1, w.resetAt - t) : 0;
  }

  async fail(address: string): Promise<void> {
    await this.counter.hit(key(address), this.limit.timeWindowMs, this.now());
  }
}

const key = (address: string) => `fail:${address}`;
