import { formatDate } from '@shared/i18n/format';
import type { Locale } from '@shared/i18n/locales';
import type { Translate } from '@shared/i18n/translator';
import { weekdayOf, type Recurrence, type Weekday } from '@shared/meetings/recurrence';

/** 2023-01-01 was a Sunday: weekday n is that date plus n days, named by the locale. */
export const weekdayName = (weekday: Weekday, locale: Locale): string => formatDate(`2023-01-0${1 + weekday}`, locale, 'weekday');

/** "Second Tuesday of every month at 9:00 AM" / "El segundo martes de cada mes a las 9:00". */
export function describeRecurrence(rule: Recurrence, t: Translate, locale: Locale): string {
  const time = formatDate(`2023-01-01T${rule.time}`, locale, 'time');
  if (rule.freq === 'monthly') return t('recurrence.monthly', { nth: String(rule.nth), weekday: weekdayName(rule.weekday, locale), time });
  return t('recurrence.weekly', { interval: rule.interval, weekday: weekdayName(weekdayOf(rule.anchor), locale), time });
}
