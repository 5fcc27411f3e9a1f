import { describe, expect, it } from 'vitest';
import { nextOccurrence, nthWeekdayOfMonth, occurrencesAfter, Recurrence } from '@shared/meetings/recurrence';

const TUESDAY = 2;
const MONDAY = 1;

describe('recurring meeting dates', () => {
  it('"second Tuesday monthly" lands on the second Tuesday of each following month', () => {
    const rule = { freq: 'monthly', nth: 2, weekday: TUESDAY, time: '09:00' } as const;
    expect(occurrencesAfter(rule, '2026-11-25T10:00', 4)).toEqual(['2026-12-08T09:00', '2027-01-12T09:00', '2027-02-09T09:00', '2027-03-09T09:00']);
  });

  it('a meeting later the same day is still next; one earlier that day is not', () => {
    const rule = { freq: 'monthly', nth: 1, weekday: MONDAY, time: '14:00' } as const;
    // 2026-12-07 is the first Monday of December.
    expect(nextOccurrence(rule, '2026-12-07T09:00')).toBe('2026-12-07T14:00');
    expect(nextOccurrence(rule, '2026-12-07T14:00')).toBe('2027-01-04T14:00');
    expect(nextOccurrence(rule, '2026-12-07')).toBe('2027-01-04T14:00');
  });

  it('crosses month and year ends, including a first weekday on the 1st', () => {
    const rule = { freq: 'monthly', nth: 1, weekday: MONDAY, time: '08:30' } as const;
    // February 2027 starts on a Monday; March 1, 2027 is a Monday too.
    expect(occurrencesAfter(rule, '2027-01-31T23:59', 2)).toEqual(['2027-02-01T08:30', '2027-03-01T08:30']);
    expect(nextOccurrence(rule, '2026-12-31T12:00')).toBe('2027-01-04T08:30');
  });

  it('a fifth weekday skips the months that have none', () => {
    // Fifth Tuesdays from December 2026: Dec 29, Mar 30, Jun 29, Aug 31.
    const rule = { freq: 'monthly', nth: 5, weekday: TUESDAY, time: '10:00' } as const;
    expect(occurrencesAfter(rule, '2026-12-01T00:00', 4)).toEqual(['2026-12-29T10:00', '2027-03-30T10:00', '2027-06-29T10:00', '2027-08-31T10:00']);
    expect(nthWeekdayOfMonth(2027, 1, 5, TUESDAY)).toBeNull();
  });

  it('the last weekday of the month, in a leap February and a 31-day month', () => {
    const rule = { freq: 'monthly', nth: -1, weekday: 4, time: '12:00' } as const;
    expect(occurrencesAfter(rule, '2028-01-31T00:00', 3)).toEqual(['2028-02-24T12:00', '2028-03-30T12:00', '2028-04-27T12:00']);
    expect(nthWeekdayOfMonth(2028, 1, -1, 2)).toBe(29);
  });

  it('keeps the wall-clock time across daylight-saving changes', () => {
    // US DST starts Mar 14, 2027 and ends Nov 7, 2027; EU on Mar 28 and Oct 31: the time never moves.
    const rule = { freq: 'weekly', interval: 1, anchor: '2027-03-07', time: '09:00' } as const;
    expect(occurrencesAfter(rule, '2027-03-07T09:00', 4)).toEqual(['2027-03-14T09:00', '2027-03-21T09:00', '2027-03-28T09:00', '2027-04-04T09:00']);
    const fall = { freq: 'monthly', nth: 1, weekday: 0, time: '01:30' } as const;
    expect(nextOccurrence(fall, '2027-10-15T00:00')).toBe('2027-11-07T01:30');
  });

  it('every two weeks counts from the anchor, never before it', () => {
    const rule = { freq: 'weekly', interval: 2, anchor: '2027-01-05', time: '15:00' } as const;
    expect(occurrencesAfter(rule, '2026-12-01T00:00', 2)).toEqual(['2027-01-05T15:00', '2027-01-19T15:00']);
    expect(occurrencesAfter(rule, '2027-01-06T00:00', 2)).toEqual(['2027-01-19T15:00', '2027-02-02T15:00']);
    expect(nextOccurrence(rule, '2027-01-19T15:00')).toBe('2027-02-02T15:00');
  });

  it('refuses a rule that is not one', () => {
    expect(Recurrence.safeParse({ freq: 'monthly', nth: 6, weekday: 2, time: '09:00' }).success).toBe(false);
    expect(Recurrence.safeParse({ freq: 'monthly', nth: 2, weekday: 2, time: '25:00' }).success).toBe(false);
    expect(() => occurrencesAfter({ freq: 'weekly', interval: 0, anchor: '2027-01-05', time: '09:00' }, '2027-01-01', 1)).toThrow();
  });
});
