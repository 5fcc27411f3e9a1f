import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '@shared/i18n/locales';
import { DEFAULT_GROUND_RULES } from '@shared/model';
import { argumentsOf, flatten, type Messages } from '../rim/messages';

// Every screen namespace (src/renderer/src/i18n/locales/<language>/<namespace>.json) held to its
// English: a key missing in Spanish would show the key path on a Spanish screen, a message that
// forgot {count} would print without it, and broken ICU would throw in front of the room.

const root = join(__dirname, '../../../../src/renderer/src/i18n/locales');
const read = (locale: string, ns: string) => flatten(JSON.parse(readFileSync(join(root, locale, `${ns}.json`), 'utf8')) as Messages);
const namespaces = readdirSync(join(root, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''))
  .sort();

describe('screen namespaces, in every language', () => {
  it('has the same namespaces in every language', () => {
    expect(namespaces.length).toBeGreaterThan(5);
    for (const locale of LOCALES) {
      const files = readdirSync(join(root, locale)).filter((f) => f.endsWith('.json'));
      expect(files.map((f) => f.replace(/\.json$/, '')).sort(), locale).toEqual(namespaces);
    }
  });

  for (const ns of namespaces) {
    it(`${ns}: every key in every language, valid ICU naming the same values`, () => {
      const english = read('en', ns);
      expect(english.size, ns).toBeGreaterThan(0);
      for (const locale of LOCALES) {
        const other = read(locale, ns);
        expect([...other.keys()].sort(), `${locale}/${ns}`).toEqual([...english.keys()].sort());
        for (const [key, text] of english) {
          expect(other.get(key)!.trim(), `${locale}/${ns}: ${key} is empty`).not.toBe('');
          expect(argumentsOf(other.get(key)!, locale), `${locale}/${ns}: ${key}`).toEqual(argumentsOf(text, 'en'));
        }
      }
    });
  }

  it("names the partnership's terms as Spanish-speaking partners know them, the same way on every screen", () => {
    const spanish = namespaces.map((ns) => [...read('es', ns).values()].join('\n')).join('\n');
    for (const term of [
      'equipo de unidad (UBT)',
      'olución de problemas basada en intereses',
      'Camino al desempeño',
      'Estacionamiento de temas',
      'Tareas acordadas',
    ])
      expect(spanish).toContain(term);
    // One name per thing: the variants the first translations used are gone.
    expect(spanish).not.toMatch(/Resolución de problemas basada|Camino al Desempeño|Camino hacia el desempeño/);
  });

  it("offers a new team the model's ground rules, word for word in English", () => {
    const english = read('en', 'roster');
    expect(DEFAULT_GROUND_RULES.map((_, i) => english.get(`defaultGroundRules.${i + 1}`))).toEqual([...DEFAULT_GROUND_RULES]);
    expect(read('es', 'roster').get('defaultGroundRules.1')).toBe('Centrarse en los problemas, no en las personas');
  });
});
