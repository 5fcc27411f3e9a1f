import { describe, expect, it } from 'vitest';
import { localDate, localDateTime, now, nowIso, nowMs, resetClock, setClockFixed, setClockRunningFrom, today } from '@shared/clock';

describe('the clock seam', () => {
  it('a fixed clock answers the same instant in every form', () => {
    setClockFixed('2027-03-14T15:09:26.535Z');
    expect(nowMs()).toBe(Date.UTC(2027, 2, 14, 15, 9, 26, 535));
    expect(nowIso()).toBe('2027-03-14T15:09:26.535Z');
    expect(now().getTime()).toBe(nowMs());
    expect(today()).toBe(localDate(new Date(nowMs())));
  });

  it('a running clock starts where it is set and moves at real speed', async () => {
    setClockRunningFrom('2031-01-01T00:00:00Z');
    const first = nowMs();
    expect(first).toBeGreaterThanOrEqual(Date.UTC(2031, 0, 1));
    expect(first).toBeLessThan(Date.UTC(2031, 0, 1) + 1_000);
    await new Promise((r) => setTimeout(r, 30));
    expect(nowMs() - first).toBeGreaterThanOrEqual(25);
  });

  it('"today" is the local calendar date, not the UTC one', () => {
    // 23:30 local time on 31 December is still 31 December, whatever UTC says.
    const lateEvening = new Date(2026, 11, 31, 23, 30);
    setClockFixed(lateEvening);
    expect(today()).toBe('2026-12-31');
    expect(localDateTime(now())).toBe('2026-12-31T23:30');
  });

  it('refuses a start that is not a time', () => {
    expect(() => setClockFixed('not a date')).toThrow(/valid time/);
    expect(() => setClockRunningFrom('2026-13-45')).toThrow(/valid start/);
  });

  it('reset returns to the system clock', () => {
    setClockFixed(0);
    resetClock();
    // The one place a test compares with the system clock: that is what reset promises.
    // eslint-disable-next-line no-restricted-syntax
    expect(Math.abs(nowMs() - Date.now())).toBeLessThan(1_000);
  });
});
