import { describe, expect, it } from 'vitest';
import { LOCALES, type Locale } from '@shared/i18n/locales';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import { SyncEnrollRequest } from '@shared/sync/connection';
import { DELETED_FIELD } from '@shared/sync/protocol';
import { appSyncRegistry } from '@renderer/db/capture/syncedTables';
import {
  describeValue,
  fieldLabel,
  formProblemText,
  LABELLED_TABLES,
  presentConflict,
  problemText,
  progressText,
  refusedReason,
  tableLabel,
  type SyncWords,
} from '@renderer/features/sync/labels';
import en from '@renderer/i18n/locales/en/sync.json';
import es from '@renderer/i18n/locales/es/sync.json';

// The conflicts list and the sync card say what a facilitator calls things, in the screens'
// language: a table a newer version adds to sync without a label would show as its code name,
// and a refusal or a form problem worded elsewhere in English would show untranslated.

const FILES: Record<Locale, typeof en> = { en, es };
const wordsIn = (locale: Locale): SyncWords => ({ t: translatorOf(createI18n(locale, { [locale]: { sync: FILES[locale] } }, 'sync'), 'sync'), locale });
const spanish = wordsIn('es');

describe('sync labels in every language', () => {
  it('names every synced table, in every language, with its own word', () => {
    const synced = appSyncRegistry.list().map((d) => d.name);
    expect(synced.length).toBeGreaterThan(40);
    for (const table of synced) {
      expect(LABELLED_TABLES.has(table), `${table} has no label`).toBe(true);
      for (const locale of LOCALES) {
        const label = (FILES[locale].table as Record<string, string | undefined>)[table];
        expect(label?.trim(), `${locale}: ${table}`).toBeTruthy();
        expect(tableLabel(table, wordsIn(locale))).toBe(label);
      }
    }
    expect(tableLabel('minutesSummaries', spanish)).toBe('Resumen del acta');
    // A table from a newer app still reads as words.
    expect(tableLabel('shiftSwaps')).toBe('Shift swaps');
  });

  it('says a conflict, its values and a refused change in Spanish', () => {
    const race = presentConflict({ kind: 'edit-vs-delete', table: 'actionItems', field: 'dueDate' }, spanish);
    expect(race).toMatchObject({ label: 'Editado aquí mientras se eliminaba en otro portátil', keepLabel: 'Conservar el actual', restorable: true });
    expect(race.explanation).toContain('(acción)');
    expect(race.explanation).toContain('«fecha límite»');
    expect(fieldLabel(DELETED_FIELD, spanish)).toBe('todo el registro');
    expect(fieldLabel('reviewCadenceDays', spanish)).toBe('review cadence days');
    expect(describeValue('text', '  ', spanish)).toEqual({ text: '(vacío)', style: 'empty' });
    expect(describeValue('met', true, spanish).text).toBe('sí');

    const reason = 'Refused: it would have changed approved minutes, which never change after approval.';
    const refused = presentConflict({ kind: 'concurrent-edit', refused: reason, table: 'minutesVersions', field: 'markdown' }, spanish);
    expect(refused).toMatchObject({ label: 'Rechazado por la sincronización', keepLabel: 'Descartar', restorable: false });
    expect(refused.explanation).toContain('habría cambiado un acta aprobada');
    expect(refused.explanation).not.toContain('Refused');
    // A reason this version does not know is shown as it came rather than lost.
    expect(refusedReason('Refused: something new.', spanish)).toBe('Refused: something new.');
  });

  it('says the enrollment form’s every problem in Spanish', () => {
    const bad = [
      { serverUrl: '', code: '', deviceName: '' },
      { serverUrl: 'ftp://x', code: 'x'.repeat(65), deviceName: 'y'.repeat(101) },
      { serverUrl: `http://${'a'.repeat(300)}`, code: 'ABCD', deviceName: 'Mac' },
    ];
    const messages = new Set(bad.flatMap((input) => SyncEnrollRequest.safeParse(input).error?.issues.map((i) => i.message) ?? []));
    expect(messages.size).toBeGreaterThanOrEqual(7);
    for (const message of messages) {
      const said = formProblemText(message, spanish);
      expect(said, message).not.toBe(message);
      expect(formProblemText(message)).toBe(message);
    }
  });

  it('says how far sync has come, and the engine’s own problems, in Spanish', () => {
    const progress = { stage: 'receiving' as const, done: 12_000, total: 100_000, councilName: 'Harbor Regional Council' };
    expect(progressText(progress, spanish)).toBe('Recibidos 12.000 de 100.000 cambios de Harbor Regional Council');
    expect(progressText({ stage: 'sending', done: 1, total: null }, spanish)).toBe('1 cambio enviado');
    expect(progressText(null, spanish)).toBe('Iniciando…');
    expect(problemText('This computer is offline.', spanish)).toBe('Este equipo no tiene conexión.');
    expect(problemText('The sync server refused the request (HTTP 400).', spanish)).toBe('The sync server refused the request (HTTP 400).');
  });
});
