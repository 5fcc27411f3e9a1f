import { describe, expect, it } from 'vitest';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import { SIDE_LABELS, SIDES, SIGN_OFF_METHOD_LABELS, SIGN_OFF_METHODS } from '@shared/model';
import en from '../../../../../src/renderer/src/i18n/locales/en/p2p.json';
import es from '../../../../../src/renderer/src/i18n/locales/es/p2p.json';

// The screens' own sentences (the `p2p` namespace). Their English is what users and the
// end-to-end tests find controls by, so it stays as it was before the screens were translated.

const i18n = (lng: 'en' | 'es') => translatorOf(createI18n(lng, { en: { p2p: en }, es: { p2p: es } }, 'p2p'), 'p2p');
const english = i18n('en');
const spanish = i18n('es');

describe('the Path to Performance screens’ words', () => {
  it('says sides and sign-off methods in English exactly as the model does', () => {
    for (const s of SIDES) expect(english(`sides.${s}`)).toBe(SIDE_LABELS[s]);
    for (const m of SIGN_OFF_METHODS) expect(english(`methods.${m}`)).toBe(SIGN_OFF_METHOD_LABELS[m]);
  });

  it('keeps the English the end-to-end tests and users find controls by', () => {
    expect(english('confirmation.confirmAs', { side: 'union' })).toBe('Confirm as union co-lead');
    expect(english('confirmation.whoRecorded', { side: 'management' })).toBe("Who recorded the management co-lead's confirmation");
    expect(english('confirmation.evidenceOf', { side: 'union' })).toBe("Evidence of the union co-lead's confirmation");
    expect(english('assessment.holdingBack', { level: 0, count: 1, next: 1 })).toBe('What holds the team at below level 1: 1 criterion of level 1');
    expect(english('assessment.holdingBack', { level: 2, count: 3, next: 3 })).toBe('What holds the team at level 2: 3 criteria of level 3');
    expect(english('import.keep', { count: 8 })).toBe('Import 8 figures');
    expect(english('history.draft', { version: 2 })).toBe('correction (version 2) under way, not yet confirmed by both co-leads.');
    expect(english('dimension.newEvidence', { dimension: 'training' })).toBe('New evidence for training');
  });

  it('says the co-lead of each side in Spanish as the glossary does', () => {
    expect(spanish('confirmation.confirmAs', { side: 'union' })).toBe('Confirmar como codirector sindical');
    expect(spanish('confirmation.confirmAs', { side: 'management' })).toBe('Confirmar como codirector de la dirección');
    expect(spanish('assessment.holdingBack', { level: 2, count: 1, next: 3 })).toBe('Lo que mantiene al equipo en el nivel 2: 1 criterio del nivel 3');
    expect(spanish('history.draft', { version: 1 })).toBe('evaluación en curso, aún sin confirmar por ambos codirectores.');
  });
});
