import { describe, expect, it } from 'vitest';
import { LOCALES } from '@shared/i18n/locales';
import en from '../../../../src/renderer/src/i18n/locales/en/rim.json';
import es from '../../../../src/renderer/src/i18n/locales/es/rim.json';
import { argumentsOf, flatten, type Messages } from './messages';

// The RIM screens' words (the `rim` namespace): a key missing in Spanish would show the English
// key path on a Spanish screen, and a message naming other values would print without them.

const languages: Record<string, Map<string, string>> = { en: flatten(en as Messages), es: flatten(es as Messages) };

describe("the RIM screens' words, in every language", () => {
  it('has every key in English and in Spanish, and no other', () => {
    const english = [...languages.en!.keys()].sort();
    expect(english.length).toBeGreaterThan(250);
    for (const locale of LOCALES) expect([...languages[locale]!.keys()].sort(), locale).toEqual(english);
  });

  it('writes every message as valid ICU naming the same values in every language', () => {
    for (const [key, english] of languages.en!) {
      const names = argumentsOf(english, 'en');
      for (const locale of LOCALES) expect(argumentsOf(languages[locale]!.get(key)!, locale), `${locale}: ${key}`).toEqual(names);
    }
  });

  it('leaves nothing in English in Spanish except what both languages write alike', () => {
    const same = [...languages.en!].filter(([key, text]) => languages.es!.get(key) === text).map(([key]) => key);
    expect(same.sort()).toEqual(['baseline.history.entry', 'chart.cycleMark', 'compass.covered', 'cycle.meeting', 'pdsa.no']);
  });

  it("says the partnership's terms as Spanish-speaking partners know them", () => {
    const spanish = [...languages.es!.values()].join('\n');
    for (const term of ['equipo de unidad (UBT)', 'Modelo de Mejora Rápida', 'ciclo PDSA', 'gráficos de ejecución']) expect(spanish).toContain(term);
    expect(spanish).not.toMatch(/gráficos? de tendencia/);
  });
});
