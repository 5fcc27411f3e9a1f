import { describe, expect, it } from 'vitest';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import { SIDE_LABELS, SIDES, SIGN_OFF_METHOD_LABELS, SIGN_OFF_METHODS } from '@shared/model';
import { P2P_DIMENSION_LABELS, P2P_DIMENSIONS, P2P_LEVEL_LABELS } from '@shared/model/p2p';
import { CRITERIA } from '@shared/p2p/criteria';
import { quarterLabel } from '@shared/p2p/quarters';
import { describeChange, formatShare, share } from '@shared/p2p/rollup';
import en from '../../../../../src/renderer/src/i18n/locales/en/p2p.json';
import es from '../../../../../src/renderer/src/i18n/locales/es/p2p.json';

// The screens say the Path to Performance vocabulary through the `p2p` namespace, keyed by the
// model's ids. The English there must be the model's English word for word: ticked criteria are
// found by their text, and a rating reads the same on screen as in an English export.

const i18n = (lng: 'en' | 'es') => translatorOf(createI18n(lng, { en: { p2p: en }, es: { p2p: es } }, 'p2p'), 'p2p');
const english = i18n('en');
const spanish = i18n('es');

describe('Path to Performance words', () => {
  it('says every criterion, level, dimension, side and sign-off method in English exactly as the model does', () => {
    for (const c of CRITERIA) expect(english(`criteria.${c.id}`), c.id).toBe(c.text);
    for (const level of [0, 1, 2, 3, 4, 5]) expect(english(`levels.${level}`)).toBe(P2P_LEVEL_LABELS[level]);
    for (const d of P2P_DIMENSIONS) expect(english(`dimensions.${d}`)).toBe(P2P_DIMENSION_LABELS[d]);
    for (const s of SIDES) expect(english(`sides.${s}`)).toBe(SIDE_LABELS[s]);
    for (const m of SIGN_OFF_METHODS) expect(english(`methods.${m}`)).toBe(SIGN_OFF_METHOD_LABELS[m]);
  });

  it('has a Spanish sentence of its own for every criterion', () => {
    const seen = new Set<string>();
    for (const c of CRITERIA) {
      const text = spanish(`criteria.${c.id}`);
      expect(text, c.id).not.toBe(c.text);
      expect(text, c.id).not.toContain('criteria.');
      seen.add(text);
    }
    expect(seen.size).toBe(CRITERIA.length);
  });

  it('says quarters, changes and shares as the shared English helpers do, and in Spanish', () => {
    expect(english('quarter', { q: 4, year: '2026' })).toBe(quarterLabel('2026-Q4'));
    expect(spanish('quarter', { q: 4, year: '2026' })).toBe('T4 2026');
    expect(english('change.moved', { direction: 'up', count: 2 })).toBe(describeChange(2));
    expect(english('change.moved', { direction: 'down', count: 1 })).toBe(describeChange(-1));
    expect(spanish('change.moved', { direction: 'down', count: 1 })).toBe('Bajó 1 nivel');
    const s = share(2674, 3651);
    expect(english('share.of', { high: s.highPerforming, total: s.total, percent: s.percent })).toBe(formatShare(s));
    expect(spanish('share.of', { high: s.highPerforming, total: s.total, percent: s.percent })).toBe('2674 de 3651 (73 %)');
  });

  it('keeps the English the end-to-end tests and users find controls by', () => {
    expect(english('confirmation.confirmAs', { side: 'union' })).toBe('Confirm as union co-lead');
    expect(english('confirmation.whoRecorded', { side: 'management' })).toBe("Who recorded the management co-lead's confirmation");
    expect(english('assessment.holdingBack', { level: 0, count: 1, next: 1 })).toBe('What holds the team at below level 1: 1 criterion of level 1');
    expect(english('assessment.holdingBack', { level: 2, count: 3, next: 3 })).toBe('What holds the team at level 2: 3 criteria of level 3');
    expect(english('import.keep', { count: 8 })).toBe('Import 8 figures');
    expect(spanish('assessment.holdingBack', { level: 2, count: 1, next: 3 })).toBe('Lo que mantiene al equipo en el nivel 2: 1 criterio del nivel 3');
  });
});
