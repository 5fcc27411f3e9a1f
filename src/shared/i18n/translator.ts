import i18next, { type i18n, type Resource } from 'i18next';
import ICU from 'i18next-icu';
import type { Locale } from './locales';
import { pseudoPostProcessor, PSEUDO } from './pseudo';

// One i18n library for the whole app (i18next, messages in ICU syntax: plurals and selects are
// whole sentences, never concatenated). Shared code that prints words (the minutes, the run-chart
// signals) takes a Translate for the language it writes in; the renderer's screens use the same
// instance type through react-i18next.

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A standalone instance for `locale` (or the pseudo-locale) over `resources`; synchronous. */
export function createI18n(locale: Locale | typeof PSEUDO, resources: Resource, defaultNS = 'common'): i18n {
  const instance = i18next.createInstance();
  instance
    .use(ICU)
    .use(pseudoPostProcessor)
    .init({
      resources,
      lng: locale === PSEUDO ? 'en' : locale,
      fallbackLng: 'en',
      defaultNS,
      ns: Object.keys(resources.en ?? {}),
      initAsync: false,
      returnNull: false,
      interpolation: { escapeValue: false },
      postProcess: locale === PSEUDO ? ['pseudo'] : [],
      // A key with no text is a bug to see, not an English word to guess.
      saveMissing: false,
    });
  return instance;
}

/** A plain function bound to one namespace of an instance. */
export const translatorOf =
  (instance: i18n, ns: string): Translate =>
  (key, values) =>
    instance.t(key, { ...values, ns }) as string;
