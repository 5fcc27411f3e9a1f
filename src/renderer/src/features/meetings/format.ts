import { parseISO } from 'date-fns';
import { formatDate } from '@shared/i18n/format';
import type { Locale } from '@shared/i18n/locales';
import { useFormat } from '../../i18n';

/**
 * A meeting's start in a list, from the stored local "2026-03-14T09:30": the day with its
 * weekday, then the time, in the app's date and time kinds ("Sat, Mar 14, 2026, 9:30 AM",
 * "sáb, 14 mar 2026, 9:30"), so a list reads the same way as every other date on screen.
 */
export const formatMeetingTime = (startsAt: string, locale: Locale = 'en'): string =>
  Number.isNaN(parseISO(startsAt).getTime()) ? startsAt : `${formatDate(startsAt, locale, 'shortDay')}, ${formatDate(startsAt, locale, 'time')}`;

/** formatMeetingTime in the screens' language. */
export function useMeetingTime(): (startsAt: string) => string {
  const { locale } = useFormat();
  return (startsAt) => formatMeetingTime(startsAt, locale);
}
