import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  BackupFileError,
  HEADER_PREFIX_BYTES,
  isEncryptedBackup,
  openBackupFile,
  readBackupHeader,
  schemaProblem,
  type BackupProblem,
} from '@shared/backup/format';
import { decryptBackup, encryptBackup, passphraseProblem } from '@shared/backup/encryption';
import { gunzipPayload, gzipPayload } from '@shared/backup/payload';
import { backupFile, craftFile, header, sha256, STORE_JSON } from './helpers';

async function problemOf(run: () => Promise<unknown> | unknown): Promise<{ problem: BackupProblem; message: string }> {
  try {
    await run();
  } catch (error) {
    if (error instanceof BackupFileError) return { problem: error.problem, message: error.message };
    throw error;
  }
  throw new Error('expected the file to be refused');
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

describe('backup file format', () => {
  it('writes a file that says what it is on its first lines, with the store gzipped and read back whole', async () => {
    const file = await backupFile();
    const lines = text(file.subarray(0, 2000)).split('\n');
    expect(lines[0]).toBe('COMMON-GROUND-BACKUP 1');
    const written = JSON.parse(lines[1]!);
    expect(written).toMatchObject({ app: 'Common Ground', formatVersion: 1, schemaVersion: 6, reason: 'manual', tables: { councils: 1 } });
    expect(written.summary.councils).toEqual(['Harbor Regional Council']);

    const { header: read, payload } = await openBackupFile(file, sha256);
    expect(read.payload.bytes).toBe(payload.length);
    // The payload is a plain gzip member: Node's zlib (and gunzip) read it without this app.
    expect(gunzipSync(payload).toString('utf8')).toBe(STORE_JSON);
    expect(text(await gunzipPayload(payload, read.payload.uncompressedBytes))).toBe(STORE_JSON);
    // The listing reads the header from the file's first bytes only.
    expect(readBackupHeader(file.subarray(0, Math.min(file.length, HEADER_PREFIX_BYTES))).header).toEqual(read);
  });

  it('a truncated file is refused as incomplete, wherever it was cut', async () => {
    const file = await backupFile();
    for (const length of [1, 10, 25, 60, Math.floor(file.length / 2), file.length - 40, file.length - 1]) {
      const { problem, message } = await problemOf(() => openBackupFile(file.subarray(0, length), sha256));
      expect(problem, `cut at ${length}`).toBe('truncated');
      expect(message).toMatch(/incomplete|empty/);
    }
    expect((await problemOf(() => openBackupFile(new Uint8Array(0), sha256))).message).toMatch(/empty/);
  });

  it('a flipped byte anywhere in the file is refused as damaged (never as incomplete, never read)', async () => {
    const file = await backupFile();
    const problems = new Set<string>();
    for (let at = 0; at < file.length; at++) {
      for (const bit of [0x01, 0x80]) {
        const bad = file.slice();
        bad[at]! ^= bit;
        const { problem, message } = await problemOf(() => openBackupFile(bad, sha256));
        problems.add(problem);
        expect(problem, `byte ${at} ^ ${bit}: ${message}`).toBe('damaged');
      }
    }
    expect([...problems]).toEqual(['damaged']);
    const payloadFlip = file.slice();
    payloadFlip[file.length - 80]! ^= 0x10;
    expect((await problemOf(() => openBackupFile(payloadFlip, sha256))).message).toMatch(/damaged: its contents do not match its checksum/);
  });

  it("another app's file is refused and named where it can be", async () => {
    const cases: Array<[Uint8Array, RegExp]> = [
      [new TextEncoder().encode('%PDF-1.7\n1 0 obj\n'), /not a Common Ground backup: it looks like a PDF document/],
      [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), /zip archive \(or a Word, Excel/],
      [new TextEncoder().encode('name,side\nAna Torres,union\n'), /^This is not a Common Ground backup\.$/],
      [
        new TextEncoder().encode(JSON.stringify({ formatName: 'dexie', formatVersion: 1, data: { databaseName: 'budget-app' } })),
        /database export from another app \(database “budget-app”\)/,
      ],
      [new TextEncoder().encode('SQLite format 3\0'), /SQLite database/],
    ];
    for (const [bytes, message] of cases) {
      const refused = await problemOf(() => openBackupFile(bytes, sha256));
      expect(refused.problem).toBe('not-a-backup');
      expect(refused.message).toMatch(message);
    }
    // Our layout, another app's name in it: refused by what it says it is.
    const other = await craftFile('COMMON-GROUND-BACKUP 1', { ...header(), app: 'Budget Keeper', formatVersion: 1 }, new Uint8Array(0));
    expect(await problemOf(() => openBackupFile(other, sha256))).toEqual({
      problem: 'not-a-backup',
      message: expect.stringMatching(/comes from “Budget Keeper”/),
    });
  });

  it('a file from a newer app is refused with what to do, whether its format or its data is newer', async () => {
    const newerFormat = await craftFile('COMMON-GROUND-BACKUP 2', { app: 'Common Ground', formatVersion: 2, somethingNew: true }, new Uint8Array(8));
    const refused = await problemOf(() => openBackupFile(newerFormat, sha256));
    expect(refused.problem).toBe('newer-version');
    expect(refused.message).toMatch(/newer version of Common Ground \(backup format 2; this app reads format 1\)\. Update the app/);

    const newerData = await backupFile({ schemaVersion: 9, appVersion: '2.3.0' });
    const { header: h } = await openBackupFile(newerData, sha256);
    expect(schemaProblem(h, 6)?.message).toBe(
      'This backup was made by a newer version of Common Ground (2.3.0, data version 9); this app reads data up to version 6. Update the app, then restore it.',
    );
    expect(schemaProblem(h, 9)).toBeNull();
    expect(schemaProblem({ ...h, schemaVersion: 3 }, 6)).toBeNull();
  });

  it('refuses a checksum-valid file whose description is not a backup header', async () => {
    const file = await craftFile('COMMON-GROUND-BACKUP 1', { app: 'Common Ground', formatVersion: 1, schemaVersion: 'six' }, new Uint8Array(0));
    expect(await problemOf(() => openBackupFile(file, sha256))).toMatchObject({
      problem: 'damaged',
      message: expect.stringMatching(/description is not valid/),
    });
  });
});

describe('passphrase-protected backups (age)', () => {
  it('encrypts the whole file as a standard age file that opens only with the passphrase', async () => {
    const plain = await backupFile();
    const sealed = await encryptBackup(plain, 'correct horse battery staple', { workFactor: 10 });
    expect(isEncryptedBackup(sealed)).toBe(true);
    expect(text(sealed.subarray(0, 60))).toMatch(/^age-encryption\.org\/v1\n-> scrypt /);
    // Nothing of the store is readable in it.
    expect(text(sealed)).not.toMatch(/Harbor Regional Council|COMMON-GROUND-BACKUP/);
    expect((await problemOf(() => openBackupFile(sealed, sha256))).problem).toBe('encrypted');

    expect(await decryptBackup(sealed, 'correct horse battery staple')).toEqual(plain);
    const wrong = await problemOf(() => decryptBackup(sealed, 'incorrect horse battery'));
    expect(wrong).toEqual({ problem: 'wrong-passphrase', message: 'The passphrase is wrong: it does not open this backup. Check it and try again.' });

    const flipped = sealed.slice();
    flipped[sealed.length - 100]! ^= 0x04;
    expect(await problemOf(() => decryptBackup(flipped, 'correct horse battery staple'))).toMatchObject({ problem: 'damaged' });
    expect(await problemOf(() => decryptBackup(sealed.subarray(0, sealed.length - 20), 'correct horse battery staple'))).toMatchObject({ problem: 'damaged' });
  });

  it('asks for a passphrase long enough to resist guessing', () => {
    expect(passphraseProblem('short')).toMatch(/at least 10 characters/);
    expect(passphraseProblem('          x')).toMatch(/at least 10/);
    expect(passphraseProblem('river lantern cobalt')).toBeNull();
  });

  // The age CLI reads a passphrase only from a terminal: `script` gives it one (CI installs age).
  it.skipIf(!hasTool('age') || !hasTool('script'))('is a standard age file: the age command-line tool decrypts it with the passphrase', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-age-'));
    try {
      const plain = await backupFile();
      writeFileSync(join(dir, 'backup.cgbackup'), await encryptBackup(plain, 'correct horse battery staple', { workFactor: 10 }));
      const run = spawnSync('sh', ['-c', `script -qec "age -d -o '${join(dir, 'plain.cgbackup')}' '${join(dir, 'backup.cgbackup')}'" /dev/null`], {
        input: 'correct horse battery staple\n',
        timeout: 20_000,
      });
      expect(run.status, String(run.stdout)).toBe(0);
      expect(new Uint8Array(readFileSync(join(dir, 'plain.cgbackup')))).toEqual(plain);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('payload compression', () => {
  it('compresses in slices with a pause between them and gives back the exact bytes', async () => {
    const data = new TextEncoder().encode(STORE_JSON.repeat(2000));
    let pauses = 0;
    const packed = await gzipPayload(data, { sliceBytes: 16 * 1024, pause: async () => void pauses++ });
    expect(pauses).toBe(Math.ceil(data.length / (16 * 1024)) - 1);
    expect(packed.length).toBeLessThan(data.length / 10);
    expect(gunzipSync(packed).equals(data)).toBe(true);
    expect(Buffer.from(await gunzipPayload(packed, data.length, { sliceBytes: 4096, pause: async () => undefined })).equals(data)).toBe(true);
  });

  it('compresses a text given in parts exactly as the same text in one piece', async () => {
    const text = new TextEncoder().encode(STORE_JSON.repeat(300));
    const parts = [text.subarray(0, 5), text.subarray(5, 5), text.subarray(5, 40_000), text.subarray(40_000)];
    let pauses = 0;
    const packed = await gzipPayload(parts, { sliceBytes: 16 * 1024, pause: async () => void pauses++ });
    expect(gunzipSync(packed).equals(text)).toBe(true);
    expect(pauses).toBeGreaterThan(0);
    expect(gunzipSync(await gzipPayload([])).length).toBe(0);
  });

  it('refuses a payload of another size than its description says', async () => {
    const packed = await gzipPayload(new TextEncoder().encode('hello'));
    await expect(gunzipPayload(packed, 6)).rejects.toThrow(/not the size its description gives/);
    await expect(gunzipPayload(packed.subarray(0, 8), 5)).rejects.toThrow(BackupFileError);
  });
});
