import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBinaryFile } from '../../../src/main/services/readBinaryFile';
import { readTextFile } from '../../../src/main/services/readTextFile';

// The desktop readers refuse a picked file with the same English sentence as before and, beside
// it, what the refusal means, so a screen in another language can say it (renderer
// components/fileRefusal.ts; its test words these very answers in Spanish).

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cg-file-problem-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a refused file carries its meaning beside its unchanged English', () => {
  it('text files: not UTF-8, binary, too large, gone, a folder', async () => {
    await writeFile(join(dir, 'latin1.csv'), Buffer.from([0x4a, 0x6f, 0x73, 0xe9]));
    await writeFile(join(dir, 'roster.xlsx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    await writeFile(join(dir, 'big.csv'), 'x'.repeat(5000));
    await mkdir(join(dir, 'exports.csv'));
    const read = (name: string) => readTextFile(join(dir, name), { maxBytes: 1000 });
    expect(await read('latin1.csv')).toEqual({
      status: 'error',
      message: 'latin1.csv is not UTF-8 text. Save it as "CSV UTF-8" and try again.',
      problem: { code: 'notUtf8', name: 'latin1.csv' },
    });
    expect(await read('roster.xlsx')).toEqual({
      status: 'error',
      message: 'roster.xlsx is not a text file. Nothing was imported.',
      problem: { code: 'notText', name: 'roster.xlsx' },
    });
    expect(await read('big.csv')).toEqual({
      status: 'error',
      message: 'big.csv is 5 KB; the limit is 1 KB. Nothing was imported.',
      problem: { code: 'tooLarge', name: 'big.csv', size: 5000, limit: 1000 },
    });
    expect(await read('missing.csv')).toEqual({ status: 'error', message: 'missing.csv no longer exists.', problem: { code: 'gone', name: 'missing.csv' } });
    expect(await read('exports.csv')).toEqual({ status: 'error', message: 'exports.csv is not a file.', problem: { code: 'notAFile', name: 'exports.csv' } });
  });

  it('a workbook over the limit', async () => {
    const path = join(dir, 'figures.xlsx');
    await writeFile(path, Buffer.alloc(Math.round(2.5 * 1024 * 1024), 1));
    expect(await readBinaryFile(path, { maxBytes: 2 * 1024 * 1024 })).toEqual({
      status: 'error',
      message: 'figures.xlsx is 2.5 MB; the limit is 2.0 MB. Nothing was imported.',
      problem: { code: 'tooLarge', name: 'figures.xlsx', size: Math.round(2.5 * 1024 * 1024), limit: 2 * 1024 * 1024 },
    });
  });
});
