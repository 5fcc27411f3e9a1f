/**
 * Fixed-window request counters: how many hits a key had in its current window, and when the
 * window ends. The rate limits (per device, enrollments per address) and the failed sign-in
 * budget (per address) count through one of these. In memory they are per process; with several
 * server processes behind a proxy each would grant the full budget, so a PostgreSQL store
 * provides a counter in the database that every process shares (PostgresStore.counters).
 */
export interface WindowCount {
  /** Hits in the current window (0 when none is open). */
  count: number;
  /** When the current window ends (ms); 0 when none is open. */
  resetAt: number;
}

export interface WindowCounter {
  /** One more hit for `key`; opens a window of `windowMs` when none is open at `now`. */
  hit(key: string, windowMs: number, now: number): Promise<WindowCount>;
  /** The key's window at `now`, without counting a hit. */
  peek(key: string, now: number): Promise<WindowCount>;
  /** Forget windows that ended before `now` (bounded memory, a small table). */
  prune(now: number): Promise<void>;
  /** True when every server process sharing the database sees the same counts. */
  readonly shared: boolean;
}

/**
 * In memory, bounded: at most `maxKeys` windows are kept; past that the ended ones are forgotten,
 * then the oldest (an attacker cycling addresses cannot grow the process without bound).
 */
export class MemoryWindowCounter implements WindowCounter {
  readonly shared = false;
  private readonly windows = new Map<string, WindowCount>();

  constructor(private readonly maxKeys = 10_000) {}

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const w = this.windows.get(key);
    if (w && now < w.resetAt) {
      w.count++;
      return { ...w };
    }
    this.windows.delete(key);
    const fresh = { count: 1, resetAt: now + windowMs };
    this.windows.set(key, fresh);
    if (this.windows.size > this.maxKeys) this.trim(now);
    return { ...fresh };
  }

  async peek(key: string, now: number): Promise<WindowCount> {
    const w = this.windows.get(key);
    if (!w || now >= w.resetAt) return { count: 0, resetAt: 0 };
    return { ...w };
  }

  async prune(now: number): Promise<void> {
    for (const [key, w] of this.windows) if (now >= w.resetAt) this.windows.delete(key);
  }

  private trim(now: number): void {
    for (const [key, w] of this.windows) if (now >= w.resetAt) this.windows.delete(key);
    // Still full of live windows: forget the oldest (Map order is insertion order).
    for (const key of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}
