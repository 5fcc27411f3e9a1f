import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as nodeFs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_METHODS } from '@shared/ipc';
import { createHandlers } from '../../../src/main/handlers';
import { registerIpcHandlers } from '../../../src/main/ipc';
import { isTrustedRendererUrl } from '../../../src/main/security';
import { readBinaryFile } from '../../../src/main/services/readBinaryFile';

// The bytes of a real .xlsx begin like every zip file; the rest does not matter to the reader here.
const WORKBOOK = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0x00, 0x01]);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cg-read-binary-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readBinaryFile', () => {
  it('reads the chosen file byte for byte, NUL bytes and all, with its name', async () => {
    const path = join(dir, 'falls.xlsx');
    await writeFile(path, WORKBOOK);
    const result = await readBinaryFile(path, { maxBytes: 1024 });
    expect(result).toEqual({ status: 'ok', name: 'falls.xlsx', data: WORKBOOK });
  });

  it('refuses a file over the size cap without reading it', async () => {
    const path = join(dir, 'huge.xlsx');
    await writeFile(path, new Uint8Array(2048));
    const readFile = vi.fn(async () => Buffer.alloc(0));
    const result = await readBinaryFile(path, { maxBytes: 1024 }, { stat: nodeFs.stat, readFile: readFile as unknown as typeof nodeFs.readFile });
    expect(result).toEqual({
      status: 'error',
      message: 'huge.xlsx is 2 KB; the limit is 1 KB. Nothing was imported.',
      problem: { code: 'tooLarge', name: 'huge.xlsx', size: 2048, limit: 1024 },
    });
    expect(readFile).not.toHaveBeenCalled();
  });

  it('holds a file that grew after the size check to the same cap', async () => {
    const path = join(dir, 'growing.xlsx');
    await writeFile(path, WORKBOOK);
    const readFile = vi.fn(async () => Buffer.alloc(5000));
    const result = await readBinaryFile(path, { maxBytes: 1024 }, { stat: nodeFs.stat, readFile: readFile as unknown as typeof nodeFs.readFile });
    expect(result).toEqual({
      status: 'error',
      message: 'growing.xlsx is larger than 1 KB. Nothing was imported.',
      problem: { code: 'grewTooLarge', name: 'growing.xlsx', limit: 1024 },
    });
  });

  it('answers a folder or a vanished file with a message, not an exception', async () => {
    expect(await readBinaryFile(dir, { maxBytes: 1024 })).toMatchObject({ status: 'error', message: expect.stringMatching(/is not a file/) });
    expect(await readBinaryFile(join(dir, 'gone.xlsx'), { maxBytes: 1024 })).toEqual({
      status: 'error',
      message: 'gone.xlsx no longer exists.',
      problem: { code: 'gone', name: 'gone.xlsx' },
    });
  });
});

describe('openBinaryFile over IPC', () => {
  function setUp(chosen: string | null) {
    const listeners = new Map<string, (event: { senderFrame: { url: string } | null }, payload: unknown) => unknown>();
    const chooseOpenPath = vi.fn(async () => chosen);
    const handlers = createHandlers({
      appInfo: { name: 'Common Ground', version: '0.1.0', platform: 'linux' },
      openRoomView: vi.fn(),
      takeNotices: () => [],
      printToPdf: vi.fn(),
      dialogs: { chooseOpenPath, chooseSavePath: vi.fn(async () => null) },
      sync: {} as never,
      backups: {} as never,
    });
    registerIpcHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers, { isTrustedSender: isTrustedRendererUrl });
    const invoke = (payload: unknown) =>
      Promise.resolve(listeners.get(IPC_METHODS.openBinaryFile)!({ senderFrame: { url: 'app://common-ground/index.html' } }, payload));
    return { invoke, chooseOpenPath };
  }
  const request = { title: 'Import data points', filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }], maxBytes: 4096 };

  it('shows the open dialog with the request and answers the chosen file as bytes', async () => {
    const path = join(dir, 'seen-within-30.xlsx');
    await writeFile(path, WORKBOOK);
    const { invoke, chooseOpenPath } = setUp(path);
    expect(await invoke(request)).toEqual({ status: 'ok', name: 'seen-within-30.xlsx', data: WORKBOOK });
    expect(chooseOpenPath).toHaveBeenCalledWith(request);
  });

  it('a cancelled dialog reads nothing; a cap above 50 MB or below 1 byte is refused before any dialog opens', async () => {
    const { invoke, chooseOpenPath } = setUp(null);
    expect(await invoke(request)).toEqual({ status: 'canceled' });
    chooseOpenPath.mockClear();
    await expect(invoke({ ...request, maxBytes: 51 * 1024 * 1024 })).rejects.toThrow(/maxBytes/);
    await expect(invoke({ ...request, maxBytes: 0 })).rejects.toThrow(/maxBytes/);
    expect(chooseOpenPath).not.toHaveBeenCalled();
  });
});
