import { describe, expect, it } from 'vitest';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import { SIDE_LABELS, SIDES, SIGN_OFF_METHOD_LABELS, SIGN_OFF_METHODS } from '@shared/model';
import { p2pWords } from '@shared/p2p/words';
import { ValidationError } from '../../../../../src/renderer/src/db/errors';
import type { P2pScreenWords } from '../../../../../src/renderer/src/features/p2p/labels';
import { fieldText, refusalText, shownError } from '../../../../../src/renderer/src/features/p2p/refusals';
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

describe('the refusals of the assessment commands, in the screen’s words', () => {
  const screen = (lng: 'en' | 'es') => ({ ...p2pWords(lng), t: i18n(lng) }) as unknown as P2pScreenWords;

  it('says every refusal it knows exactly as the commands do in English, and in Spanish', () => {
    const cases: Array<[string, string]> = [
      [
        'The Q4 2026 assessment (version 2) is confirmed and read-only. Start a correction to change it; this version is kept.',
        'La evaluación de T4 2026 (versión 2) está confirmada y es de solo lectura. Inicie una corrección para cambiarla; esta versión se conserva.',
      ],
      [
        'The Q4 2026 assessment is confirmed and read-only. Start a correction to change it; this version is kept.',
        'La evaluación de T4 2026 está confirmada y es de solo lectura. Inicie una corrección para cambiarla; esta versión se conserva.',
      ],
      [
        "Team 01's Q3 2026 assessment is already confirmed. Start a correction to change it.",
        'La evaluación de T3 2026 de Team 01 ya está confirmada. Inicie una corrección para cambiarla.',
      ],
      ['Say why the confirmed assessment is being corrected.', 'Indique por qué se corrige la evaluación confirmada.'],
      [
        'Say which email backs this confirmation (its date and subject), so the other side can find it.',
        'Indique qué correo respalda esta confirmación (su fecha y asunto), para que la otra parte pueda encontrarlo.',
      ],
      ['Who recorded it is required', 'Hay que indicar quién la registró'],
      ["Only the team's union co-lead can confirm for union.", 'Solo el codirector sindical del equipo puede confirmar por el sindicato.'],
      ['Ana Torres is on the union side, not management.', 'Ana Torres es del sindicato, no de la dirección.'],
      ['Ana Torres is not a member of this team.', 'Ana Torres no es miembro de este equipo.'],
    ];
    for (const [english, spanish] of cases) {
      expect(refusalText(english, screen('en'))).toBe(english);
      expect(refusalText(english, screen('es'))).toBe(spanish);
    }
  });

  it('shows a message it does not know as it came, and every problem of a refusal in a notification', () => {
    expect(refusalText('Unknown criterion x.', screen('es'))).toBe('Unknown criterion x.');
    const error = new ValidationError([
      { path: 'recordedByName', message: 'Who recorded it is required' },
      { path: 'evidenceNote', message: 'Say which email backs this confirmation (its date and subject), so the other side can find it.' },
    ]);
    expect((shownError(error, screen('es')) as Error).message).toBe(
      'Hay que indicar quién la registró; Indique qué correo respalda esta confirmación (su fecha y asunto), para que la otra parte pueda encontrarlo.',
    );
    expect(fieldText(error, 'recordedByName', screen('es'))).toBe('Hay que indicar quién la registró');
    expect(fieldText(error, 'reason', screen('es'))).toBeUndefined();
  });
});
