import { describe, expect, it } from 'vitest';
import { clockElapsed, formatClock, pauseClock, readClock, readTimer, startClock } from '@renderer/stores/liveSession/timer';

const MIN = 60_000;

describe('step timer', () => {
  it('gives no signal without a time box or before the step started', () => {
    expect(readTimer(undefined, 10, 0).state).toBe('none');
    expect(readTimer(0, null, 5 * MIN).state).toBe('none');
  });

  it('runs, warns in the last 20% (at least a minute, at most five) and goes over', () => {
    expect(readTimer(0, 10, 7 * MIN)).toMatchObject({ state: 'running', remainingMs: 3 * MIN });
    expect(readTimer(0, 10, 8 * MIN).state).toBe('warning'); // 2 of 10 minutes left
    expect(readTimer(0, 3, 2 * MIN + 1).state).toBe('warning'); // short box: one full minute of warning
    expect(readTimer(0, 60, 54 * MIN).state).toBe('running'); // long box: warning capped at five minutes
    expect(readTimer(0, 60, 55 * MIN).state).toBe('warning');
    expect(readTimer(0, 10, 10 * MIN).state).toBe('over');
  });

  it('formats remaining and overrun time as a clock', () => {
    expect(formatClock(3 * MIN + 5_000)).toBe('3:05');
    expect(formatClock(-65_000)).toBe('-1:05');
    expect(formatClock(0)).toBe('0:00');
  });
});

describe('agenda item clock', () => {
  it('starts only when started, pauses and resumes without losing the time run', () => {
    expect(readClock(undefined, 10, 5 * MIN)).toMatchObject({ state: 'none', running: false });
    let clock = startClock(undefined, 1 * MIN);
    expect(readClock(clock, 10, 4 * MIN)).toMatchObject({ state: 'running', remainingMs: 7 * MIN, running: true });
    clock = pauseClock(clock, 4 * MIN);
    // A twenty-minute fire drill: the item's clock stands still.
    expect(readClock(clock, 10, 24 * MIN)).toMatchObject({ remainingMs: 7 * MIN, running: false });
    expect(startClock(startClock(clock, 24 * MIN), 30 * MIN)).toEqual({ runningSince: 24 * MIN, elapsedMs: 3 * MIN });
    clock = startClock(clock, 24 * MIN);
    expect(readClock(clock, 10, 31 * MIN)).toMatchObject({ state: 'over', remainingMs: 0, running: true });
    expect(clockElapsed(clock, 31 * MIN)).toBe(10 * MIN);
  });
});
