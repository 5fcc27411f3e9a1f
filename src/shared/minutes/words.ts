import type { Resource } from 'i18next';
import { formatDate } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { PSEUDO } from '../i18n/pseudo';
import { createI18n, translatorOf, type Translate } from '../i18n/translator';
import { rimWords, type RimWords } from '../rim/words';
import en from './locales/en.json';
import es from './locales/es.json';

// The words the minutes are written in: every heading, label and sentence of the document, its
// approval section, the HTML badge and footer and the action-items CSV, in the MEETING's language
// (a Spanish-speaking team's minutes are Spanish whatever the screens speak). Approvals are of an
// exact text (its hash), so the English messages reproduce the English the app always wrote:
// minutes approved before languages existed keep the same text and the same hash.

export const MINUTES_WORDS_NAMESPACE = 'minutesWords';

const RESOURCES: Resource = {
  en: { [MINUTES_WORDS_NAMESPACE]: en },
  es: { [MINUTES_WORDS_NAMESPACE]: es },
};

export type MinutesLanguage = Locale | typeof PSEUDO;

export interface MinutesWords {
  language: MinutesLanguage;
  /** The locale of dates and numbers (English for the pseudo-locale). */
  locale: Locale;
  t: Translate;
  /** The RIM vocabulary and run-chart sentences in the same language. */
  rim: RimWords;
  /** A calendar date or instant as the document prints dates ("Dec 8, 2026" / "8 dic 2026"). */
  date: (value: string) => string;
  /** A number as the document prints it: as typed in English (the text approvals were of), in the locale's marks otherwise. */
  number: (value: number) => string;
}

const made = new Map<MinutesLanguage, MinutesWords>();

export function minutesWords(language: MinutesLanguage = 'en'): MinutesWords {
  let words = made.get(language);
  if (!words) {
    const locale: Locale = language === PSEUDO ? 'en' : language;
    words = {
      language,
      locale,
      t: translatorOf(createI18n(language, RESOURCES, MINUTES_WORDS_NAMESPACE), MINUTES_WORDS_NAMESPACE),
      rim: rimWords(language),
      date: (value) => formatDate(value, locale, 'date'),
      number: (value) => (locale === 'en' ? String(value) : new Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: 10 }).format(value)),
    };
    made.set(language, words);
  }
  return words;
}
