import type { Resource } from 'i18next';
import { formatDate, formatNumber } from '../i18n/format';
import type { Locale } from '../i18n/locales';
import { PSEUDO } from '../i18n/pseudo';
import { createI18n, translatorOf, type Translate } from '../i18n/translator';
import { rimWords } from '../rim/words';
import en from './locales/en.json';
import es from './locales/es.json';
import type { Criterion } from './criteria';
import { parseQuarter } from './quarters';
import type { Share } from './rollup';

// The Path to Performance words that shared code writes and the screens share: quarters, levels,
// dimensions, the criteria (keyed by their frozen ids), level changes, shares high performing, and
// the council report. The screens and the exported report call the same functions with the words
// of one language, so a Spanish dashboard and its Spanish report read the same. The model keeps
// its English names (stored in records and compared by tests); these are how they are said.
// Pure: no React, usable from any process.

/** The i18next namespace of these messages. */
export const P2P_WORDS_NAMESPACE = 'p2pWords';

/** Every language's messages under P2P_WORDS_NAMESPACE, in the shape createI18n takes. */
export const P2P_WORDS_RESOURCES: Resource = {
  en: { [P2P_WORDS_NAMESPACE]: en },
  es: { [P2P_WORDS_NAMESPACE]: es },
};

/** What Path to Performance words are said with, in one language. */
export interface P2pWords {
  /** The locale dates and numbers are printed in (English for the pseudo-locale). */
  locale: Locale;
  t: Translate;
  /** "Q4 2026" / "T4 2026". The year is a name, not a quantity: never grouped. */
  quarter: (quarter: string) => string;
  levelLabel: (level: number) => string;
  /** "Level 3 · Transitional", or the words for below level 1. */
  levelName: (level: number) => string;
  /** "Level 3". */
  levelShort: (level: number) => string;
  dimension: (dimension: string) => string;
  criterion: (criterion: Pick<Criterion, 'id'>) => string;
  /** A team's level change between two quarters: "Moved up 2 levels", "No change", "First rating". */
  change: (change: number | null) => string;
  /** "188 of 256 (73%)", the way councils report it. */
  share: (share: Share) => string;
  /** "73%", or a dash when there is nothing to divide by. */
  percent: (percent: number | null) => string;
  /** A calendar date, "Dec 8, 2026" / "8 dic 2026". */
  date: (date: string) => string;
  number: (n: number) => string;
  /** A Value Compass point, in the RIM vocabulary of the same language. */
  valueCompass: (point: string) => string;
}

const made = new Map<Locale | typeof PSEUDO, P2pWords>();

/** The Path to Performance words of a language (or of the pseudo-locale). Built once per language. */
export function p2pWords(language: Locale | typeof PSEUDO): P2pWords {
  let words = made.get(language);
  if (words) return words;
  const locale: Locale = language === PSEUDO ? 'en' : language;
  const t = translatorOf(createI18n(language, P2P_WORDS_RESOURCES, P2P_WORDS_NAMESPACE), P2P_WORDS_NAMESPACE);
  const rim = rimWords(language);
  const levelLabel = (level: number) => t(`levels.${level}`);
  words = {
    locale,
    t,
    quarter: (quarter) => {
      const { year, q } = parseQuarter(quarter);
      return t('quarter', { q, year: String(year) });
    },
    levelLabel,
    levelName: (level) => (level === 0 ? levelLabel(0) : t('levelNamed', { level, label: levelLabel(level) })),
    levelShort: (level) => t('levelShort', { level }),
    dimension: (dimension) => t(`dimensions.${dimension}`),
    criterion: (c) => t(`criteria.${c.id}`),
    change: (change) =>
      change === null
        ? t('change.first')
        : change === 0
          ? t('change.none')
          : t('change.moved', { direction: change > 0 ? 'up' : 'down', count: Math.abs(change) }),
    share: (s) => (s.percent === null ? t('share.none') : t('share.of', { high: s.highPerforming, total: s.total, percent: s.percent })),
    percent: (p) => (p === null ? '–' : t('percent', { percent: p })),
    date: (date) => formatDate(date, locale, 'date'),
    number: (n) => formatNumber(n, locale),
    valueCompass: (point) => rim.t(`vocab.valueCompass.${point}`),
  };
  made.set(language, words);
  return words;
}
