import type { Resource } from 'i18next';
import type { Locale } from '../i18n/locales';
import { PSEUDO } from '../i18n/pseudo';
import { createI18n, translatorOf, type Translate } from '../i18n/translator';
import en from './locales/en.json';
import es from './locales/es.json';

// The Rapid Improvement Model's words that shared code writes: the signals of run and control
// charts, chart choice reasons, SMART and staffing checks on an aim, data-import problems, PDSA
// stage rules, the PDSA worksheet, the exported chart picture and the RIM vocabulary (stages,
// decisions, kinds of measure, Value Compass points). The screens and the minutes call the same
// functions with the words of the language they write in, so a Spanish-speaking team's minutes
// and a Spanish screen read the same sentences. Pure: no React, usable from any process.

/** The i18next namespace of these messages, for a provider that registers them beside its own. */
export const RIM_WORDS_NAMESPACE = 'rimWords';

/** Every language's messages under RIM_WORDS_NAMESPACE, in the shape createI18n takes. */
export const RIM_WORDS_RESOURCES: Resource = {
  en: { [RIM_WORDS_NAMESPACE]: en },
  es: { [RIM_WORDS_NAMESPACE]: es },
};

/** What shared RIM code writes with: the sentences' translator and the locale of dates and numbers. */
export interface RimWords {
  /** The locale dates and numbers are printed in (English for the pseudo-locale). */
  locale: Locale;
  t: Translate;
}

const made = new Map<Locale | typeof PSEUDO, RimWords>();

/**
 * The RIM words of a language (or of the pseudo-locale, for tests that look for English left
 * untranslated). Built once per language: charts are re-described on every edit.
 */
export function rimWords(language: Locale | typeof PSEUDO): RimWords {
  let words = made.get(language);
  if (!words) {
    words = {
      locale: language === PSEUDO ? 'en' : language,
      t: translatorOf(createI18n(language, RIM_WORDS_RESOURCES, RIM_WORDS_NAMESPACE), RIM_WORDS_NAMESPACE),
    };
    made.set(language, words);
  }
  return words;
}
