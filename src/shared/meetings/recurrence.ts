import { z } from 'zod';
import { CalendarDate } from '../model/common';

// When a recurring series meets next. Meeting times are local wall-clock strings
// (yyyy-MM-ddTHH:mm) and the rule keeps its time of day apart from its dates, so all date
// arithmetic is on calendar days in UTC: a DST change can never move a 9:00 meeting to 8:00 or
// 10:00, and no answer depends on the time zone of the laptop computing it.

/** 0 = Sunday ... 6 = Saturday, as Date.getDay(). */
export const Weekday = z.number().int().min(0).max(6);
export type Weekday = z.infer<typeof Weekday>;

/** Which weekday of the month: 1st to 5th, or -1 for the last. */
export const NthOfMonth = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)]);
export type NthOfMonth = z.infer<typeof NthOfMonth>;

const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');

export const Recurrence = z.discriminatedUnion('freq', [
  /** "Second Tuesday of every month"; a 5th weekday skips the months that have none. */
  z.object({ freq: z.literal('monthly'), nth: NthOfMonth, weekday: Weekday, time: TimeOfDay }),
  /** Every `interval` weeks on the weekday of `anchor`, counted from `anchor`. */
  z.object({ freq: z.literal('weekly'), interval: z.number().int().min(1).max(8), anchor: CalendarDate, time: TimeOfDay }),
]);
export type Recurrence = z.infer<typeof Recurrence>;

const DAY_MS = 86_400_000;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

const pad = (n: number) => String(n).padStart(2, '0');
const dateOf = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

function dayMs(s: string): number {
  const m = LOCAL.exec(s);
  if (!m) throw new RangeError(`not a local date: ${s}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The day of month of the nth `weekday` in a month (0-based month), or null when it has none. */
export function nthWeekdayOfMonth(year: number, month: number, nth: NthOfMonth, weekday: Weekday): number | null {
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (nth === -1) {
    const lastWeekday = new Date(Date.UTC(year, month, days)).getUTCDay();
    return days - ((lastWeekday - weekday + 7) % 7);
  }
  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
  const day = 1 + ((weekday - firstWeekday + 7) % 7) + 7 * (nth - 1);
  return day <= days ? day : null;
}

/**
 * The series' meetings strictly after `after` (yyyy-MM-ddTHH:mm or yyyy-MM-dd), earliest first.
 * A meeting later on the same day as `after` counts: it has not happened yet.
 */
export function occurrencesAfter(rule: Recurrence, after: string, count: number): string[] {
  const parsed = Recurrence.parse(rule);
  const afterKey = after.length === 10 ? `${after}T23:59` : after;
  const start = dayMs(after);
  const out: string[] = [];
  const push = (ms: number) => {
    const at = `${dateOf(ms)}T${parsed.time}`;
    if (at > afterKey) out.push(at);
  };
  if (parsed.freq === 'monthly') {
    const from = new Date(start);
    // Every 5th weekday appears at least four times a year, so 60 months always find `count` <= 12.
    for (let i = 0; out.length < count && i < 60 + count * 3; i++) {
      const year = from.getUTCFullYear() + Math.floor((from.getUTCMonth() + i) / 12);
      const month = (from.getUTCMonth() + i) % 12;
      const day = nthWeekdayOfMonth(year, month, parsed.nth, parsed.weekday);
      if (day !== null) push(Date.UTC(year, month, day));
    }
    return out;
  }
  const anchor = dayMs(parsed.anchor);
  const step = parsed.interval * 7;
  // The first occurrence on or after the day of `after` (never before the anchor).
  const k = Math.max(0, Math.ceil((start - anchor) / DAY_MS / step));
  for (let i = k; out.length < count; i++) push(anchor + i * step * DAY_MS);
  return out;
}

/** The series' next meeting after `after`. */
export const nextOccurrence = (rule: Recurrence, after: string): string => occurrencesAfter(rule, after, 1)[0]!;

/** The weekday of a calendar date (the anchor of a weekly series). */
export const weekdayOf = (date: string): Weekday => new Date(dayMs(date)).getUTCDay() as Weekday;
