import type { i18n, Resource } from 'i18next';
import { useEffect, useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { formatDate, formatNumber, type DateKind } from '@shared/i18n/format';
import { createI18n } from '@shared/i18n/translator';
import { afterFirstScreen } from '../app/firstScreen';
import { localeOf, useLanguage, type UiLanguage } from '../stores/language/store';

// Screens' words live in locales/<language>/<namespace>.json, one namespace per feature, in ICU
// message syntax. A screen reads them with useT('<namespace>'); dates and numbers go through
// useFormat, the one locale-aware format module (src/shared/i18n/format.ts).
//
// Only the shell's words (`common`) ship with the first screen. Every other namespace is its own
// small chunk, loaded the first time a screen asks for it (useT suspends until then, inside the
// screen's Suspense boundary) or, once the first screen is up and the laptop idle, in the
// background, so the first screen does not wait for the words of every other screen.

type Messages = Record<string, unknown>;
const eager = import.meta.glob<{ default: Messages }>('./locales/*/common.json', { eager: true });
const lazyFiles = import.meta.glob<{ default: Messages }>(['./locales/*/*.json', '!./locales/*/common.json']);

const parse = (path: string) => /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];

/** Every bundle loaded so far, by language and namespace: a new instance (a language switch) starts with them. */
export const RESOURCES: Resource = {};
for (const [path, module] of Object.entries(eager)) {
  const [, language, namespace] = parse(path);
  if (!language || !namespace) continue;
  RESOURCES[language] ??= {};
  RESOURCES[language][namespace] = module.default;
}

const loading = new Map<string, Promise<void>>();

/** Fetches one namespace of one language into the cache (once; a failed fetch is tried again next time). */
function fetchWords(language: string, namespace: string): Promise<void> {
  const key = `${language}/${namespace}`;
  let promise = loading.get(key);
  if (!promise) {
    const loader = lazyFiles[`./locales/${language}/${namespace}.json`];
    promise = (loader ? loader() : Promise.reject(new Error(`No words for ${key}`))).then((module) => {
      RESOURCES[language] ??= {};
      RESOURCES[language][namespace] = module.default;
    });
    // A failed load (a chunk missing after an update, the network gone in web mode) is not cached.
    promise.catch(() => loading.delete(key));
    loading.set(key, promise);
  }
  return promise;
}

/** Loads one namespace of one language into the cache and the live instance. */
function load(instance: i18n, language: string, namespace: string): Promise<void> {
  return fetchWords(language, namespace).then(() => {
    if (!instance.hasResourceBundle(language, namespace)) instance.addResourceBundle(language, namespace, RESOURCES[language]![namespace]!);
  });
}

/** Every namespace of a language into the cache, without a live instance (see useWarmUp). */
function preloadAll(language: string): void {
  for (const path of Object.keys(lazyFiles)) {
    const [, lng, namespace] = parse(path);
    if (lng === language && namespace && !RESOURCES[language]?.[namespace]) fetchWords(language, namespace).catch(() => undefined);
  }
}

/**
 * The words of every screen already opened, fetched in `language` before the switch to it: the
 * screen on view changes language in place instead of blanking while its words load.
 */
export async function wordsReadyIn(language: UiLanguage): Promise<void> {
  const locale = localeOf(language);
  const opened = new Set(Object.values(RESOURCES).flatMap((bundles) => Object.keys(bundles ?? {})));
  await Promise.allSettled([...opened].filter((ns) => lazyFiles[`./locales/${locale}/${ns}.json`]).map((ns) => fetchWords(locale, ns)));
}

/**
 * Once the first screen is up and the laptop idle, fetch the words of every other screen: a
 * facilitator who loses the network (web mode) can still open any screen in their language.
 */
function useWarmUp(language: string) {
  useEffect(() => afterFirstScreen(() => preloadAll(language)), [language]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const language = useLanguage((s) => s.language);
  const instance = useMemo(() => createI18n(language, RESOURCES), [language]);
  useEffect(() => {
    document.documentElement.lang = localeOf(language);
  }, [language]);
  useWarmUp(localeOf(language));
  return <I18nextProvider i18n={instance}>{children}</I18nextProvider>;
}

/** Suspends until every namespace is in the live instance, fetching the missing ones together. */
function useLoaded(namespaces: readonly string[]): void {
  const { i18n: instance } = useTranslation();
  // The pseudo-locale is English words, accented after translation.
  const language = localeOf(useLanguage((s) => s.language));
  const missing: Promise<void>[] = [];
  for (const namespace of namespaces) {
    if (instance.hasResourceBundle(language, namespace)) continue;
    const cached = RESOURCES[language]?.[namespace];
    if (cached) instance.addResourceBundle(language, namespace, cached);
    else missing.push(load(instance, language, namespace));
  }
  if (missing.length) throw Promise.all(missing);
}

/** The translator of one feature's namespace; suspends the first time until its words are loaded. */
export function useT(namespace: string) {
  useLoaded([namespace]);
  // The same hooks run on every completed render (a thrown load discards the render).
  return useTranslation(namespace).t;
}

/**
 * For a screen that reads several namespaces: asks for all of them at once, so its first render
 * waits for one round of fetches instead of one per namespace.
 */
export function useWords(namespaces: readonly string[]): void {
  useLoaded(namespaces);
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
