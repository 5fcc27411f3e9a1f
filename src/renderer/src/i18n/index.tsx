import type { Resource } from 'i18next';
import { useEffect, useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { formatDate, formatNumber, type DateKind } from '@shared/i18n/format';
import { createI18n } from '@shared/i18n/translator';
import { localeOf, useLanguage } from '../stores/language/store';

// Screens' words live in locales/<language>/<namespace>.json, one namespace per feature, in ICU
// message syntax. A screen reads them with useT('<namespace>'); dates and numbers go through
// useFormat, the one locale-aware format module (src/shared/i18n/format.ts).

const files = import.meta.glob<{ default: Record<string, string> }>('./locales/*/*.json', { eager: true });

export const RESOURCES: Resource = {};
for (const [path, module] of Object.entries(files)) {
  const [, language, namespace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  if (!language || !namespace) continue;
  RESOURCES[language] ??= {};
  RESOURCES[language][namespace] = module.default;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const language = useLanguage((s) => s.language);
  const instance = useMemo(() => createI18n(language, RESOURCES), [language]);
  useEffect(() => {
    document.documentElement.lang = localeOf(language);
  }, [language]);
  return <I18nextProvider i18n={instance}>{children}</I18nextProvider>;
}

/** The translator of one feature's namespace. */
export function useT(namespace: string) {
  return useTranslation(namespace).t;
}

/** Dates and numbers in the screens' language. */
export function useFormat() {
  const locale = localeOf(useLanguage((s) => s.language));
  return useMemo(
    () => ({
      locale,
      date: (value: string | number | Date, kind: DateKind = 'date') => formatDate(value, locale, kind),
      number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, locale, options),
    }),
    [locale],
  );
}
