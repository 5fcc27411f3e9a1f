import { describe, expect, it } from 'vitest';
import { BackupFileError, openBackupFile, schemaProblem } from '@shared/backup/format';
import { decryptBackup, encryptBackup } from '@shared/backup/encryption';
import { gunzipPayload } from '@shared/backup/payload';
import { formatDate, formatNumber } from '@shared/i18n/format';
import type { Locale } from '@shared/i18n/locales';
import { createI18n, translatorOf } from '@shared/i18n/translator';
import { errorText, RestoreRefused, type BackupWords } from '../../../../../src/renderer/src/features/backups/words';
import en from '../../../../../src/renderer/src/i18n/locales/en/backups.json';
import es from '../../../../../src/renderer/src/i18n/locales/es/backups.json';
import { backupFile, craftFile, header, sha256 } from '../../../shared/backup/helpers';

// A bad backup file is refused by shared code that does not know the screen's language; the
// restore screen words the refusal from its code. In English it must say exactly what the
// refusal's own message says (nothing lost in the wording), in Spanish it must say it in Spanish.

const words = (locale: Locale): BackupWords => ({
  t: translatorOf(createI18n(locale, { en: { backups: en }, es: { backups: es } }, 'backups'), 'backups'),
  f: {
    locale,
    date: (value, kind = 'date') => formatDate(value, locale, kind),
    number: (value, options) => formatNumber(value, locale, options),
  },
});

async function refusalOf(run: () => Promise<unknown> | unknown): Promise<BackupFileError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BackupFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const encode = (s: string) => new TextEncoder().encode(s);

async function refusals(): Promise<BackupFileError[]> {
  const file = await backupFile();
  const flipped = file.slice();
  flipped[file.length - 80]! ^= 0x10;
  const newerData = await backupFile({ schemaVersion: 9, appVersion: '2.3.0' });
  const protectedFile = await encryptBackup(file, 'correct horse battery staple', { workFactor: 2 });
  return [
    await refusalOf(() => openBackupFile(new Uint8Array(0), sha256)),
    await refusalOf(() => openBackupFile(file.subarray(0, Math.floor(file.length / 2)), sha256)),
    await refusalOf(() => openBackupFile(flipped, sha256)),
    await refusalOf(() => openBackupFile(encode('%PDF-1.7\n1 0 obj\n'), sha256)),
    await refusalOf(() => openBackupFile(encode('<!doctype html><html></html>'), sha256)),
    await refusalOf(() => openBackupFile(encode('name,side\nAna Torres,union\n'), sha256)),
    await refusalOf(() => openBackupFile(encode(JSON.stringify({ formatName: 'dexie', formatVersion: 1, data: { databaseName: 'budget-app' } })), sha256)),
    await refusalOf(async () =>
      openBackupFile(await craftFile('COMMON-GROUND-BACKUP 1', { ...header(), app: 'Budget Keeper', formatVersion: 1 }, new Uint8Array(0)), sha256),
    ),
    await refusalOf(async () =>
      openBackupFile(await craftFile('COMMON-GROUND-BACKUP 2', { app: 'Common Ground', formatVersion: 2 }, new Uint8Array(8)), sha256),
    ),
    await refusalOf(async () =>
      openBackupFile(await craftFile('COMMON-GROUND-BACKUP 1', { app: 'Common Ground', formatVersion: 1, schemaVersion: 'six' }, new Uint8Array(0)), sha256),
    ),
    schemaProblem((await openBackupFile(newerData, sha256)).header, 6)!,
    await refusalOf(() => openBackupFile(protectedFile, sha256)),
    await refusalOf(() => decryptBackup(protectedFile, 'the wrong passphrase')),
    await refusalOf(() => decryptBackup(file, 'correct horse battery staple')),
    await refusalOf(() => gunzipPayload(encode('not gzip at all'), 10)),
  ];
}

describe('backup refusals in the screen’s words', () => {
  it('in English, each refusal reads exactly as its own message', async () => {
    const all = await refusals();
    expect(new Set(all.map((e) => e.refusal.code)).size).toBeGreaterThan(8);
    for (const error of all) expect(errorText(error, words('en')), error.refusal.code).toBe(error.message);
  });

  it('in Spanish, each refusal is a Spanish sentence that keeps the file’s own details', async () => {
    const w = words('es');
    for (const error of await refusals()) {
      const said = errorText(error, w);
      expect(said, error.message).not.toBe(error.message);
      expect(said).toMatch(/copia|archivo|frase de contraseña|Common Ground/);
      expect(said).not.toMatch(/\{|\}|refusal\./);
    }
    const [, truncated, damaged, pdf, , , database, otherApp, newerFormat, , newerData] = await refusals();
    expect(errorText(truncated!, w)).toMatch(/^La copia de seguridad está incompleta: termina tras \d+ bytes, sin su marca final\./);
    expect(errorText(damaged!, w)).toBe(
      'La copia de seguridad está dañada: su contenido no coincide con su suma de comprobación (un byte cambiado o corrupto). Use otra copia.',
    );
    expect(errorText(pdf!, w)).toBe('No es una copia de seguridad de Common Ground: parece un documento PDF.');
    expect(errorText(database!, w)).toContain('(base de datos «budget-app»)');
    expect(errorText(otherApp!, w)).toBe('No es una copia de seguridad de Common Ground (dice que procede de «Budget Keeper»).');
    expect(errorText(newerFormat!, w)).toContain('formato de copia 2; esta aplicación lee el formato 1');
    expect(errorText(newerData!, w)).toContain('(2.3.0, versión de datos 9); esta aplicación lee datos hasta la versión 6');
  });

  it('a restore refused because the revert point could not be saved says so, with the disk’s reason', () => {
    const refused = new RestoreRefused('The disk is full.');
    expect(errorText(refused, words('en'))).toBe(refused.message);
    expect(errorText(refused, words('es'))).toBe('No se restauró nada: no se pudo guardar antes la copia de los datos actuales. The disk is full.');
  });
});
