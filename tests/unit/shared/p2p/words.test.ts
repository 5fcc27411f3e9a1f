import { describe, expect, it } from 'vitest';
import { LOCALES } from '@shared/i18n/locales';
import { PSEUDO, PSEUDO_CLOSE, PSEUDO_OPEN } from '@shared/i18n/pseudo';
import { P2P_DIMENSION_LABELS, P2P_DIMENSIONS, P2P_LEVEL_LABELS } from '@shared/model/p2p';
import { CRITERIA } from '@shared/p2p/criteria';
import { quarterLabel } from '@shared/p2p/quarters';
import { describeChange, formatShare, share } from '@shared/p2p/rollup';
import { P2P_WORDS_NAMESPACE, P2P_WORDS_RESOURCES, p2pWords } from '@shared/p2p/words';
import { argumentsOf, flatten, type Messages } from '../rim/messages';

// The Path to Performance words keyed by the model's ids. The English must be the model's English
// word for word: ticked criteria are found by their text, and a rating reads the same on screen as
// in the record. Every other language has its own sentence for each.

const languages = Object.fromEntries(LOCALES.map((l) => [l, flatten(P2P_WORDS_RESOURCES[l]![P2P_WORDS_NAMESPACE] as Messages)]));
const en = p2pWords('en');
const es = p2pWords('es');

describe('the Path to Performance words, in every language', () => {
  it('has every key in every language, as valid ICU naming the same values', () => {
    const english = [...languages.en!.keys()].sort();
    expect(english.length).toBeGreaterThan(100);
    for (const locale of LOCALES) {
      expect([...languages[locale]!.keys()].sort(), locale).toEqual(english);
      for (const [key, text] of languages.en!) expect(argumentsOf(languages[locale]!.get(key)!, locale), `${locale}: ${key}`).toEqual(argumentsOf(text, 'en'));
    }
  });

  it('leaves nothing in English in Spanish but what both languages write alike', () => {
    const same = [...languages.en!].filter(([key, text]) => languages.es!.get(key) === text).map(([key]) => key);
    expect(same).toEqual(['report.itemOfTeam', 'report.detail']);
  });

  it('says every criterion, level and dimension in English exactly as the model does', () => {
    for (const c of CRITERIA) expect(en.criterion(c), c.id).toBe(c.text);
    for (const level of [0, 1, 2, 3, 4, 5]) expect(en.levelLabel(level)).toBe(P2P_LEVEL_LABELS[level]);
    for (const d of P2P_DIMENSIONS) expect(en.dimension(d)).toBe(P2P_DIMENSION_LABELS[d]);
  });

  it('has a Spanish sentence of its own for every criterion', () => {
    const sentences = new Set(CRITERIA.map((c) => es.criterion(c)));
    expect(sentences.size).toBe(CRITERIA.length);
    for (const c of CRITERIA) expect(es.criterion(c), c.id).not.toMatch(/^criteria\.|^[A-Z][a-z]+ [a-z]+ (is|are|has|have) /);
  });

  it('says quarters, level changes and shares as the shared English helpers do, and in Spanish', () => {
    expect(en.quarter('2026-Q4')).toBe(quarterLabel('2026-Q4'));
    expect(es.quarter('2026-Q4')).toBe('T4 2026');
    for (const change of [null, 0, 1, 2, -1, -3]) expect(en.change(change)).toBe(describeChange(change));
    expect(es.change(-1)).toBe('Bajó 1 nivel');
    expect(es.change(2)).toBe('Subió 2 niveles');
    for (const s of [share(2674, 3651), share(0, 0), share(1, 1)]) expect(en.share(s)).toBe(formatShare(s));
    expect(es.share(share(2674, 3651))).toBe('2674 de 3651 (73 %)');
    expect(es.levelName(3)).toBe('Nivel 3 · De transición');
    expect(es.levelName(0)).toBe('Aún no en el nivel 1');
  });

  it('marks every word in the pseudo-locale, so English left untranslated stands out', () => {
    const pseudo = p2pWords(PSEUDO);
    for (const text of [pseudo.quarter('2026-Q4'), pseudo.levelName(4), pseudo.criterion(CRITERIA[0]!), pseudo.change(1)]) {
      expect(text.startsWith(PSEUDO_OPEN) && text.endsWith(PSEUDO_CLOSE), text).toBe(true);
    }
  });
});
