export type TimerState = 'none' | 'running' | 'warning' | 'over';

export interface TimerReading {
  state: TimerState;
  elapsedMs: number;
  remainingMs: number;
}

/**
 * A time box's state: a gentle warning in its last 20% (at least one minute, at most five),
 * then over. No time box means no signal.
 */
export function readTimer(startedAt: number | undefined, timeboxMinutes: number | null, now: number): TimerReading {
  if (!timeboxMinutes || startedAt === undefined) return { state: 'none', elapsedMs: 0, remainingMs: 0 };
  const total = timeboxMinutes * 60_000;
  const elapsedMs = Math.max(0, now - startedAt);
  const remainingMs = total - elapsedMs;
  const warnAt = Math.min(5 * 60_000, Math.max(60_000, total * 0.2));
  const state: TimerState = remainingMs <= 0 ? 'over' : remainingMs <= warnAt ? 'warning' : 'running';
  return { state, elapsedMs, remainingMs };
}

export function formatClock(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
