import { formatNumber } from '@shared/i18n/format';
import type { Locale } from '@shared/i18n/locales';

/** A stored number as typed into a data cell in the locale: every digit kept, no thousands marks. */
export const cellNumber = (v: number | null, locale: Locale): string =>
  v === null ? '' : formatNumber(v, locale, { useGrouping: false, maximumFractionDigits: 20 });
