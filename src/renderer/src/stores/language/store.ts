import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { isLocale, matchLocale, type Locale } from '@shared/i18n/locales';
import { PSEUDO } from '@shared/i18n/pseudo';

/** The language of the screens: chosen in Settings, by default the system's. 'pseudo' is for tests. */
export type UiLanguage = Locale | typeof PSEUDO;

interface LanguageState {
  language: UiLanguage;
  setLanguage: (language: UiLanguage) => void;
}

const systemLanguage = (): Locale => matchLocale(typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language ?? '']);

export const useLanguage = create<LanguageState>()(
  persist(
    (set) => ({
      language: systemLanguage(),
      setLanguage: (language) => set({ language }),
    }),
    {
      name: 'cg-language',
      storage: createJSONStorage(() => localStorage),
      // A stored value from a newer app (a language this one lacks) falls back to the system's.
      merge: (persisted, current) => {
        const stored = (persisted as Partial<LanguageState> | undefined)?.language;
        return { ...current, language: stored === PSEUDO || isLocale(stored) ? stored : current.language };
      },
    },
  ),
);

/** The locale dates and numbers are printed in (the pseudo-locale prints them as English). */
export const localeOf = (language: UiLanguage): Locale => (language === PSEUDO ? 'en' : language);
