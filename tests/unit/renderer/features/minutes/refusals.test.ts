import { describe, expect, it } from 'vitest';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import { RecordLockedError } from '@renderer/features/minutes/recordLock';
import { fieldText, refuse, refusalText, shownError, type MinutesWords } from '@renderer/features/minutes/refusals';
import { roleText, signOffText } from '@renderer/features/minutes/signOffText';
import es from '@renderer/i18n/locales/es/minutes.json';

// A refusal of the minutes commands (or of any feature's write to a locked record) is said in
// the language of the screen that shows it, while its English message stays for logs and tests.

const spanish: MinutesWords = { t: translatorOf(createI18n('es', { es: { minutes: es } }, 'minutes'), 'minutes'), locale: 'es' };

describe('minutes refusals in the screen’s language', () => {
  it('a locked record says when the minutes were approved, in English and in Spanish', () => {
    const error = new RecordLockedError('2026-12-08T15:30:00.000Z');
    expect(error.message).toMatch(/^These minutes were approved on Dec 8, 2026: the record is locked\. Start an amendment/);
    const shown = shownError(error, spanish) as Error;
    expect(shown.message).toMatch(/^Esta acta se aprobó el 8 dic 2026: el registro conjunto está bloqueado\./);
    expect((shownError(new RecordLockedError(null), spanish) as Error).message).toContain('Esta acta está aprobada');
    // Anything that is not a refusal is shown as it came.
    const other = new Error('disk full');
    expect(shownError(other, spanish)).toBe(other);
  });

  it('says who may approve, by side and body, in Spanish', () => {
    expect(refusalText({ code: 'wrongSide', name: 'Ana Torres', side: 'management', personSide: 'union' }, spanish)).toBe(
      'Ana Torres pertenece al sindicato, no a la dirección.',
    );
    expect(refusalText({ code: 'noSide', body: 'council', side: 'physician' }, spanish)).toBe('Este consejo no tiene un codirector médico que apruebe.');
    expect(refusalText({ code: 'notMember', name: 'Ana Torres', body: 'team' }, spanish)).toBe('Ana Torres no es miembro de este equipo.');
    const error = refuse('evidenceNote', { code: 'emailEvidence' });
    expect(error.forField('evidenceNote')).toMatch(/^Say which email carries the approval/);
    expect(fieldText(error, 'evidenceNote', spanish)).toMatch(/^Indique qué correo contiene la aprobación/);
    expect(fieldText(error, 'reason', spanish)).toBeUndefined();
  });

  it('words a sign-off and a stored co-lead role in Spanish, and leaves a typed role as typed', () => {
    expect(signOffText({ method: 'email', evidenceNote: ' 1 dic, 14:02 ', recordedByName: 'Pat Okafor' }, spanish)).toBe(
      'Por correo electrónico (1 dic, 14:02), registrada por Pat Okafor',
    );
    expect(signOffText({ method: 'own-laptop', recordedByName: 'Ana', recordedByAccount: { id: 'a1', name: 'ana@local250' } }, spanish)).toBe(
      'En su propio portátil, enviada desde la cuenta ana@local250, según el registro del servidor del consejo',
    );
    expect(signOffText({}, spanish)).toBe('Registrada antes de que la aplicación guardara cómo se daban las aprobaciones');
    expect(roleText('Union co-lead', spanish)).toBe('Codirector sindical');
    expect(roleText('Chief steward', spanish)).toBe('Chief steward');
  });
});
