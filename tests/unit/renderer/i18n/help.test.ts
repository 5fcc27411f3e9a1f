/**
 * The bundled help is complete in every language the app ships: each IBPS and RIM step has what
 * it is for, what good looks like and a common pitfall; each glossary term and guide step has its
 * words. A missing Spanish text would silently fall back to English (fallbackLng), so the locale
 * files themselves are read, and every message is run through the app's own ICU translator.
 */
import { describe, expect, it } from 'vitest';
import type { Resource } from 'i18next';
import { GLOSSARY_TERMS, GUIDE_STEPS, HELP_PARTS, IBPS_HELP_TOPICS, RIM_HELP_TOPICS } from '@shared/help/topics';
import { IBPS_STEPS } from '@shared/model/ibps';
import { PDSA_STAGES } from '@shared/model/rim';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import enHelp from '@renderer/i18n/locales/en/help.json';
import esHelp from '@renderer/i18n/locales/es/help.json';
import enWelcome from '@renderer/i18n/locales/en/welcome.json';
import esWelcome from '@renderer/i18n/locales/es/welcome.json';

const LANGUAGES = { en: { help: enHelp, welcome: enWelcome }, es: { help: esHelp, welcome: esWelcome } } as const;

function at(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}

function keysOf(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

const helpKeys = [
  ...IBPS_HELP_TOPICS.flatMap((s) => ['title', ...HELP_PARTS].map((p) => `ibps.${s}.${p}`)),
  ...RIM_HELP_TOPICS.flatMap((s) => ['title', ...HELP_PARTS].map((p) => `rim.${s}.${p}`)),
  ...GLOSSARY_TERMS.flatMap((term) => [`glossary.terms.${term}.term`, `glossary.terms.${term}.definition`]),
];
const welcomeKeys = GUIDE_STEPS.flatMap((s) => [`guide.${s}.title`, `guide.${s}.body`]);

describe('bundled help and glossary', () => {
  it('covers every IBPS step and every PDSA stage the screens show', () => {
    expect([...IBPS_HELP_TOPICS]).toEqual([...IBPS_STEPS]);
    for (const stage of PDSA_STAGES.filter((s) => s !== 'done')) expect(RIM_HELP_TOPICS).toContain(stage);
    expect(GLOSSARY_TERMS).toEqual(
      expect.arrayContaining([
        'ibps',
        'ubt',
        'rim',
        'pdsa',
        'value-compass',
        'path-to-performance',
        'fist-to-five',
        'consensus',
        'interest-vs-position',
        'run-chart',
        'control-chart',
        'co-lead',
        'lmp',
      ]),
    );
  });

  for (const [language, files] of Object.entries(LANGUAGES)) {
    it(`has every step's three parts, every term and every guide step in ${language}`, () => {
      const i18n = createI18n(language as 'en' | 'es', { [language]: files } as Resource);
      const help = translatorOf(i18n, 'help');
      const welcome = translatorOf(i18n, 'welcome');
      for (const key of helpKeys) {
        const raw = at(files.help, key);
        // Titles and terms are short; every part and definition is a sentence or more.
        const min = key.endsWith('.title') || key.endsWith('.term') ? 3 : 25;
        expect(typeof raw === 'string' && raw.trim().length >= min, `${language} help ${key}`).toBe(true);
        expect(help(key), `${language} help ${key}`).toBe(raw);
      }
      for (const key of welcomeKeys) {
        const raw = at(files.welcome, key);
        expect(typeof raw === 'string' && raw.trim().length > 5, `${language} welcome ${key}`).toBe(true);
        expect(welcome(key)).toBe(raw);
      }
    });
  }

  it('is really translated: Spanish has the same messages as English, in other words', () => {
    for (const ns of ['help', 'welcome'] as const) {
      const en = keysOf(LANGUAGES.en[ns]).sort();
      expect(keysOf(LANGUAGES.es[ns]).sort(), ns).toEqual(en);
      const same = en.filter((k) => at(LANGUAGES.en[ns], k) === at(LANGUAGES.es[ns], k));
      expect(same, ns).toEqual([]);
    }
  });
});
