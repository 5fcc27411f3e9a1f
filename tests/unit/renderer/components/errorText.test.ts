import { afterEach, describe, expect, it } from 'vitest';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import { errorText, errorTextLoaded } from '@renderer/components/errorText';
import { ValidationError } from '@renderer/db/errors';
import { shownError as ibpsShownError } from '@renderer/features/ibps/refusals';
import { RecordLockedError } from '@renderer/features/minutes/recordLock';
import { shownError as rimShownError, type RefusalWords } from '@renderer/features/rim/refusals';
import { useLanguage } from '@renderer/stores/language/store';
import enIbps from '@renderer/i18n/locales/en/ibps.json';
import esIbps from '@renderer/i18n/locales/es/ibps.json';

// Meetings, IBPS, RIM and action items refuse an edit to an approved meeting's record with the
// minutes' lock refusal. Their screens show it through the shared error path, which says it in
// the screens' language; an English screen keeps the command's own sentence.

const approvedAt = '2026-12-09T11:00:00.000Z';
const ENGLISH =
  'These minutes were approved on Dec 9, 2026: the record is locked. Start an amendment on the minutes page to change it; the approved version is kept.';

afterEach(() => useLanguage.getState().setLanguage('en'));

describe('a locked record’s refusal on another feature’s screen', () => {
  it('is the command’s own English sentence on an English screen', async () => {
    useLanguage.getState().setLanguage('en');
    const e = new RecordLockedError(approvedAt);
    expect(e.message).toBe(ENGLISH);
    expect(await errorTextLoaded(e)).toBe(ENGLISH);
    expect(errorText(e)).toBe(ENGLISH);
  });

  it('is said in Spanish, with the approval date, on a Spanish screen', async () => {
    useLanguage.getState().setLanguage('es');
    const text = await errorTextLoaded(new RecordLockedError(approvedAt));
    expect(text).toMatch(/^Esta acta se aprobó el 9 .*2026: el registro conjunto está bloqueado\. Para cambiarlo, inicie una enmienda/);
    // Once loaded, the words are there for a synchronous caller too.
    expect(errorText(new RecordLockedError(null))).toBe(
      'Esta acta está aprobada: el registro conjunto está bloqueado. Para cambiarlo, inicie una enmienda en la página del acta; la versión aprobada se conserva.',
    );
  });

  it('follows a language change made after the first refusal', async () => {
    useLanguage.getState().setLanguage('es');
    expect(await errorTextLoaded(new RecordLockedError(null))).toMatch(/^Esta acta está aprobada/);
    useLanguage.getState().setLanguage('en');
    expect(await errorTextLoaded(new RecordLockedError(null))).toBe(
      'These minutes are approved: the record is locked. Start an amendment on the minutes page to change it; the approved version is kept.',
    );
  });

  it('survives the IBPS and RIM screens’ own refusal wording, so the shared path can say it', async () => {
    useLanguage.getState().setLanguage('es');
    const t = translatorOf(createI18n('es', { en: { ibps: enIbps }, es: { ibps: esIbps } }, 'ibps'), 'ibps');
    const locked = new RecordLockedError(approvedAt);
    const viaIbps = ibpsShownError(locked, t);
    expect(viaIbps).toBe(locked);
    expect(await errorTextLoaded(viaIbps)).toMatch(/^Esta acta se aprobó/);
    const viaRim = rimShownError(locked, { t } as RefusalWords);
    expect(viaRim).toBe(locked);
  });

  it('leaves every other error as it came', async () => {
    useLanguage.getState().setLanguage('es');
    const other = new ValidationError([{ path: 'title', message: 'Title is required' }]);
    expect(await errorTextLoaded(other)).toBe('title: Title is required');
    expect(errorText(new Error('Disk full'))).toBe('Disk full');
    expect(errorText('plain')).toBe('plain');
  });
});
