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

/**
 * A clock the timekeeper starts and pauses (an agenda item's time box): the time run before the
 * last pause plus, while running, the time since it was started again.
 */
export interface PausableClock {
  /** When it was last started or resumed; null while paused or not yet started. */
  runningSince: number | null;
  /** Time run before runningSince. */
  elapsedMs: number;
}

export const clockElapsed = (clock: PausableClock | undefined, now: number): number =>
  clock ? clock.elapsedMs + (clock.runningSince !== null ? Math.max(0, now - clock.runningSince) : 0) : 0;

export const startClock = (clock: PausableClock | undefined, now: number): PausableClock =>
  clock?.runningSince != null ? clock : { runningSince: now, elapsedMs: clock?.elapsedMs ?? 0 };

export const pauseClock = (clock: PausableClock | undefined, now: number): PausableClock => ({ runningSince: null, elapsedMs: clockElapsed(clock, now) });

/** A pausable clock's reading against a time box: 'none' until it has been started. */
export function readClock(clock: PausableClock | undefined, timeboxMinutes: number | null, now: number): TimerReading & { running: boolean } {
  const running = clock?.runningSince != null;
  if (!clock) return { ...readTimer(undefined, timeboxMinutes, now), running };
  return { ...readTimer(now - clockElapsed(clock, now), timeboxMinutes, now), running };
}
