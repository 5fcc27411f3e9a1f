import { format as formatDateFns, parseISO, type Locale as DateFnsLocale } from 'date-fns';
import { enUS, es } from 'date-fns/locale';
import type { Locale } from './locales';

// The one way dates and numbers are printed, on screen and in every export: locale-aware, from
// Intl and date-fns' locales, never a pattern written inline. Calendar dates (yyyy-MM-dd) and
// local meeting times (yyyy-MM-ddTHH:mm) are parsed as local time, never shifted through UTC.

const DATE_FNS: Record<Locale, DateFnsLocale> = { en: enUS, es };

/** Patterns per kind: date-fns' localized tokens (P = date, p = time) follow each locale's order. */
const PATTERNS = {
  /** Dec 8, 2026 / 8 dic 2026 */
  date: 'PP',
  /** Tuesday, December 8, 2026 / martes, 8 de diciembre de 2026 (see LONG_DATE) */
  longDate: 'PPPP',
  /** Dec 8, 2026, 9:00 AM / 8 dic 2026, 9:00 */
  dateTime: 'PP, p',
  /** 9:00 AM / 9:00 */
  time: 'p',
  /** Tue, Dec 8 / mar, 8 dic */
  shortDay: 'EEE, PP',
  /** Tuesday / martes */
  weekday: 'EEEE',
} as const;
export type DateKind = keyof typeof PATTERNS;

/**
 * date-fns' English full date says "December 8th"; meetings and minutes have always printed
 * "December 8" (and approved minutes are of an exact text), so English keeps its own pattern.
 */
const LONG_DATE: Partial<Record<Locale, string>> = { en: 'EEEE, MMMM d, yyyy' };

const asDate = (value: string | number | Date): Date => (value instanceof Date ? value : typeof value === 'number' ? new Date(value) : parseISO(value));

/** A date (or instant) in the locale's words. Bad input prints as given rather than throwing. */
export function formatDate(value: string | number | Date, locale: Locale, kind: DateKind = 'date'): string {
  const date = asDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pattern = kind === 'longDate' ? (LONG_DATE[locale] ?? PATTERNS.longDate) : PATTERNS[kind];
  return formatDateFns(date, pattern, { locale: DATE_FNS[locale] });
}

/** A meeting's start, and its end when the duration is known: "Tuesday, November 24, 2026, 9:00 AM to 10:30 AM". */
export function formatMeetingWhen(meeting: { startsAt: string; durationMinutes?: number }, locale: Locale, to: string): string {
  const start = asDate(meeting.startsAt);
  if (Number.isNaN(start.getTime())) return meeting.startsAt;
  const day = formatDate(start, locale, 'longDate');
  const from = formatDate(start, locale, 'time');
  if (!meeting.durationMinutes) return `${day}, ${from}`;
  return `${day}, ${from} ${to} ${formatDate(new Date(start.getTime() + meeting.durationMinutes * 60_000), locale, 'time')}`;
}

/** A number in the locale's digits and separators. */
export function formatNumber(value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

/** The locale's decimal and thousands marks, for number inputs that parse what is typed ("2,5" in Spanish). */
export function numberSeparators(locale: Locale): { decimalSeparator: string; thousandSeparator: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    decimalSeparator: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    thousandSeparator: parts.find((p) => p.type === 'group')?.value ?? ',',
  };
}
