import { describe, expect, it } from 'vitest';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import type { FileProblem } from '@shared/fileProblem';
import enCommon from '@renderer/i18n/locales/en/common.json';
import esCommon from '@renderer/i18n/locales/es/common.json';
import { fileRefusalText, type RefusedFile } from '@renderer/components/fileRefusal';

// A file the person picked is refused by the bridge with its English sentence and what it means
// (the desktop readers' answers are checked in tests/unit/main/fileProblem.test.ts). An English
// screen shows the sentence exactly as before; a Spanish screen says it, with the name and sizes,
// in Spanish.

const es = translatorOf(createI18n('es', { en: { common: enCommon }, es: { common: esCommon } }), 'common');
const en = translatorOf(createI18n('en', { en: { common: enCommon } }), 'common');
const english = (r: RefusedFile) => fileRefusalText(r, true, en, 'en');
const spanish = (r: RefusedFile) => fileRefusalText(r, false, es, 'es');

/** What the desktop's readTextFile / readBinaryFile answer (tests/unit/main/fileProblem.test.ts pins these). */
const DESKTOP: Record<string, RefusedFile> = {
  notUtf8: { message: 'latin1.csv is not UTF-8 text. Save it as "CSV UTF-8" and try again.', problem: { code: 'notUtf8', name: 'latin1.csv' } },
  notText: { message: 'roster.xlsx is not a text file. Nothing was imported.', problem: { code: 'notText', name: 'roster.xlsx' } },
  tooLarge: {
    message: 'figures.xlsx is 2.5 MB; the limit is 2.0 MB. Nothing was imported.',
    problem: { code: 'tooLarge', name: 'figures.xlsx', size: Math.round(2.5 * 1024 * 1024), limit: 2 * 1024 * 1024 },
  },
  gone: { message: 'missing.csv no longer exists.', problem: { code: 'gone', name: 'missing.csv' } },
  notAFile: { message: 'exports.csv is not a file.', problem: { code: 'notAFile', name: 'exports.csv' } },
  grewTooLarge: { message: 'growing.xlsx is larger than 1 KB. Nothing was imported.', problem: { code: 'grewTooLarge', name: 'growing.xlsx', limit: 1024 } },
};

describe('a file refused by the bridge', () => {
  it('is the bridge’s own sentence on an English screen, unchanged', () => {
    for (const refused of Object.values(DESKTOP)) expect(english(refused)).toBe(refused.message);
  });

  it('is said in Spanish on a Spanish screen, with the file’s name and sizes in Spanish numbers', () => {
    expect(spanish(DESKTOP.notUtf8!)).toBe('latin1.csv no es texto UTF-8. Guárdelo como "CSV UTF-8" y vuelva a intentarlo.');
    expect(spanish(DESKTOP.notText!)).toBe('roster.xlsx no es un archivo de texto. No se importó nada.');
    expect(spanish(DESKTOP.tooLarge!)).toBe('figures.xlsx ocupa 2,5 MB; el límite es 2,0 MB. No se importó nada.');
    expect(spanish(DESKTOP.gone!)).toBe('missing.csv ya no existe.');
    expect(spanish(DESKTOP.notAFile!)).toBe('exports.csv no es un archivo.');
    expect(spanish(DESKTOP.grewTooLarge!)).toBe('growing.xlsx ocupa más de 1 KB. No se importó nada.');
  });

  it('the web page’s refusals (same meanings, its own English) read the same way', () => {
    // What browserBridge.openTextFile answers for a 300-byte cap and a 2 KB file.
    const tooLarge: RefusedFile = {
      message: 'notes.csv is 2 KB; the limit is 300 bytes.',
      problem: { code: 'tooLarge', name: 'notes.csv', size: 2048, limit: 300 },
    };
    expect(english(tooLarge)).toBe('notes.csv is 2 KB; the limit is 300 bytes.');
    expect(spanish(tooLarge)).toBe('notes.csv ocupa 2 KB; el límite es 300 bytes. No se importó nada.');
    expect(spanish({ message: 'a.csv is 1 bytes; the limit is 0 bytes.', problem: { code: 'tooLarge', name: 'a.csv', size: 1, limit: 0 } })).toBe(
      'a.csv ocupa 1 byte; el límite es 0 bytes. No se importó nada.',
    );
  });

  it('a system error is said with the system’s own detail, and a refusal without a meaning keeps its sentence', () => {
    const odd: FileProblem = { code: 'readFailed', name: 'a.csv', detail: 'EIO: i/o error' };
    expect(spanish({ message: 'Could not read a.csv: EIO: i/o error', problem: odd })).toBe('No se pudo leer a.csv: EIO: i/o error');
    expect(spanish({ message: 'Something new' })).toBe('Something new');
  });
});
