import type { Quarter } from '../model/p2p';

// Calendar quarters, as "2026-Q4". Teams are assessed once a quarter and reports compare a
// quarter with the one before, so every quarter computation lives here rather than in screens.

export interface QuarterParts {
  year: number;
  q: 1 | 2 | 3 | 4;
}

const PATTERN = /^(\d{4})-Q([1-4])$/;

export function parseQuarter(quarter: string): QuarterParts {
  const m = PATTERN.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${JSON.stringify(quarter)} (expected e.g. 2026-Q4)`);
  return { year: Number(m[1]), q: Number(m[2]) as QuarterParts['q'] };
}

export const isQuarter = (s: string): s is Quarter => PATTERN.test(s);

const make = (year: number, q: number): Quarter => `${String(year).padStart(4, '0')}-Q${q}`;

/** Quarters as a running count, so stepping and differences are integer arithmetic. */
const index = (quarter: string) => {
  const { year, q } = parseQuarter(quarter);
  return year * 4 + (q - 1);
};
const fromIndex = (i: number): Quarter => make(Math.floor(i / 4), (i % 4) + 1);

/** The quarter a calendar date (YYYY-MM-DD) falls in. */
export function quarterOf(date: string): Quarter {
  const m = /^(\d{4})-(\d{2})-\d{2}/.exec(date);
  if (!m) throw new Error(`Not a date: ${JSON.stringify(date)}`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new Error(`Not a date: ${JSON.stringify(date)}`);
  return make(Number(m[1]), Math.ceil(month / 3));
}

export const addQuarters = (quarter: string, n: number): Quarter => fromIndex(index(quarter) + n);
export const previousQuarter = (quarter: string): Quarter => addQuarters(quarter, -1);

/** How many quarters from `a` to `b` (positive when b is later). */
export const quartersBetween = (a: string, b: string): number => index(b) - index(a);

/** The `n` quarters ending with `last`, oldest first. */
export function lastQuarters(last: string, n: number): Quarter[] {
  const end = index(last);
  return Array.from({ length: Math.max(0, n) }, (_, i) => fromIndex(end - n + 1 + i));
}

/** First and last calendar day of the quarter. */
export function quarterBounds(quarter: string): { start: string; end: string } {
  const { year, q } = parseQuarter(quarter);
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = [31, 30, 30, 31][q - 1]!; // Mar 31, Jun 30, Sep 30, Dec 31
  const y = String(year).padStart(4, '0');
  return { start: `${y}-${String(startMonth).padStart(2, '0')}-01`, end: `${y}-${String(endMonth).padStart(2, '0')}-${lastDay}` };
}

/** "Q4 2026": how people say it. */
export function quarterLabel(quarter: string): string {
  const { year, q } = parseQuarter(quarter);
  return `Q${q} ${year}`;
}
