import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { atomicWriteFile, type AtomicFs } from '../../../src/main/services/atomicWriteFile';
import { readTextFile } from '../../../src/main/services/readTextFile';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cg-services-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(code), { code });

describe('atomicWriteFile', () => {
  it('writes a new file and replaces an existing one, leaving no temp file', async () => {
    const target = join(dir, 'minutes.md');
    await atomicWriteFile(target, '# First');
    await atomicWriteFile(target, new TextEncoder().encode('# Second'));
    expect(await readFile(target, 'utf8')).toBe('# Second');
    expect(await readdir(dir)).toEqual(['minutes.md']);
  });

  it('disk full while writing: the original is unchanged, the temp removed, the message clear', async () => {
    const target = join(dir, 'minutes.md');
    await writeFile(target, 'approved version');
    const failingFs: AtomicFs = {
      ...fs,
      open: (async (path: string, flags: string, mode?: number) => {
        const handle = await fs.open(path, flags, mode);
        if (flags === 'wx') {
          return Object.assign(Object.create(Object.getPrototypeOf(handle)), handle, {
            writeFile: async () => {
              await handle.writeFile('partial');
              throw errno('ENOSPC');
            },
            sync: () => handle.sync(),
            close: () => handle.close(),
          });
        }
        return handle;
      }) as AtomicFs['open'],
    };
    await expect(atomicWriteFile(target, 'new content', failingFs)).rejects.toThrow(/disk is full/);
    expect(await readFile(target, 'utf8')).toBe('approved version');
    expect(await readdir(dir)).toEqual(['minutes.md']);
  });

  it('rename fails: the original is unchanged and the temp removed', async () => {
    const target = join(dir, 'minutes.md');
    await writeFile(target, 'approved version');
    const failingFs: AtomicFs = { ...fs, rename: async () => Promise.reject(errno('EACCES')) };
    await expect(atomicWriteFile(target, 'new content', failingFs)).rejects.toThrow(/Permission denied/);
    expect(await readFile(target, 'utf8')).toBe('approved version');
    expect(await readdir(dir)).toEqual(['minutes.md']);
  });

  it('a folder that is gone gets a clear message', async () => {
    await expect(atomicWriteFile(join(dir, 'gone', 'minutes.md'), 'x')).rejects.toThrow(/no longer exists/);
  });
});

describe('readTextFile', () => {
  it('reads UTF-8 text and strips a BOM', async () => {
    const path = join(dir, 'roster.csv');
    await writeFile(path, '\uFEFFname,side\nAna Torres,union\n');
    expect(await readTextFile(path, { maxBytes: 1024 })).toEqual({ status: 'ok', name: 'roster.csv', text: 'name,side\nAna Torres,union\n' });
  });

  it('refuses files over the limit without reading them, binary files and non-UTF-8 text', async () => {
    const big = join(dir, 'big.csv');
    await writeFile(big, 'x'.repeat(5000));
    expect(await readTextFile(big, { maxBytes: 1000 })).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/big\.csv is 5 KB; the limit is 1 KB/),
    });
    const bin = join(dir, 'roster.xlsx');
    await writeFile(bin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect(await readTextFile(bin, { maxBytes: 1000 })).toMatchObject({ status: 'error', message: expect.stringMatching(/not a text file/) });
    const latin1 = join(dir, 'latin1.csv');
    await writeFile(latin1, Buffer.from([0x4a, 0x6f, 0x73, 0xe9])); // "José" in Latin-1
    expect(await readTextFile(latin1, { maxBytes: 1000 })).toMatchObject({ status: 'error', message: expect.stringMatching(/not UTF-8/) });
    expect(await readTextFile(join(dir, 'missing.csv'), { maxBytes: 1000 })).toMatchObject({
      status: 'error',
      message: expect.stringMatching(/no longer exists/),
    });
  });
});
