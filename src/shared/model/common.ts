import { z } from 'zod';

/** Client-generated ids (UUIDv7: time-ordered, so new rows sort last and sync needs no server ids). */
export const Id = z.string().uuid({ message: 'must be a valid id' });
export type Id = z.infer<typeof Id>;

/** ISO-8601 instant, always UTC with Z, written by the app (never typed by a person). */
export const Timestamp = z.string().datetime({ message: 'must be an ISO date-time' });

/** Calendar date as YYYY-MM-DD (ratings, due dates): no time zone games. */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-03-14');

/** Local wall-clock date and time as the facilitator typed it, YYYY-MM-DDTHH:mm. */
export const LocalDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a date and time like 2026-03-14T09:30');

/** Trimmed single-line text with a clear maximum, so a paste of a whole document cannot bloat a row. */
export const line = (max = 200) => z.string().trim().max(max, `must be at most ${max} characters`);
export const requiredLine = (label: string, max = 200) =>
  z.string().trim().min(1, `${label} is required`).max(max, `${label} must be at most ${max} characters`);
export const longText = (max = 20_000) => z.string().max(max, `must be at most ${max} characters`);

export const Side = z.enum(['management', 'union', 'physician']);
export type Side = z.infer<typeof Side>;
export const SIDES: readonly Side[] = Side.options;
export const SIDE_LABELS: Record<Side, string> = {
  management: 'Management',
  union: 'Union',
  physician: 'Physician',
};

/** Fields every stored record carries. */
export const RecordMeta = z.object({
  id: Id,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
