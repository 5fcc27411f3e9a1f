import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SyncConnection } from '@shared/sync/connection';
import { createHandlers } from '../../../src/main/handlers';
import { IPC_METHODS, IPC_METHOD_NAMES } from '@shared/ipc';
import { HTTPS_REQUIRED_MESSAGE } from '@shared/serverAddress';
import { registerIpcHandlers, type IpcHandlers, type IpcMainLike } from '../../../src/main/ipc';
import { isTrustedRendererUrl } from '../../../src/main/security';
import { createBackupService, createQuitBackupGate } from '../../../src/main/services/backups';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    ipcMain: { handle: (channel: string, listener: Listener) => handlers.set(channel, listener) },
    invoke: (channel: string, payload: unknown, from = 'app://common-ground/index.html') =>
      Promise.resolve(handlers.get(channel)!({ senderFrame: { url: from } }, payload)),
    channels: () => [...handlers.keys()],
  };
}

const SESSION = '0190aaaa-0000-7000-8000-000000000001';
const CLIENT = '0198c3f0-0000-7000-8000-0000000000a1';
const COUNCIL = '0198c3f0-0000-7000-8000-0000000000c1';

function fakeSync() {
  return {
    syncStatus: vi.fn(async () => ({ enrolled: false as const })),
    syncEnroll: vi.fn(async () => ({ status: 'error' as const, kind: 'offline' as const, message: 'offline' })),
    syncForget: vi.fn(async () => ({ status: 'forgotten' as const })),
    syncPush: vi.fn(async () => ({ status: 'ok' as const, body: { acked: [], rejected: [], serverTime: 1 } })),
    syncPull: vi.fn(async () => ({ status: 'ok' as const, body: { changes: [], nextCursor: 0, hasMore: false, serverTime: 1 } })),
  } satisfies SyncConnection;
}

function setUp(overrides: Partial<Parameters<typeof createHandlers>[0]> = {}) {
  const ipc = fakeIpcMain();
  const openRoomView = vi.fn();
  const sync = fakeSync();
  const handlers = createHandlers({
    appInfo: { name: 'Common Ground', version: '0.1.0', platform: 'linux' },
    openRoomView,
    takeNotices: () => [{ kind: 'recovered-from-crash' as const, message: 'reloaded' }],
    printToPdf: vi.fn(async (html: string) => new TextEncoder().encode(`%PDF-1.7 ${html.length}`)),
    dialogs: { chooseOpenPath: vi.fn(async () => null), chooseSavePath: vi.fn(async () => null) },
    sync,
    // Backups have their own tests (backupsIpc.test.ts); here a folder nothing writes to.
    backups: {
      service: createBackupService({ defaultFolder: join(tmpdir(), 'cg-ipc-test-backups'), settingsFile: join(tmpdir(), 'cg-ipc-test-backup-settings.json') }),
      quitGate: createQuitBackupGate(),
      chooseBackupFile: vi.fn(async () => null),
      chooseBackupFolder: vi.fn(async () => null),
      openFolder: vi.fn(async () => ''),
    },
    ...overrides,
  });
  const spies = Object.fromEntries(Object.entries(handlers).map(([k, h]) => [k, vi.fn(h)])) as unknown as {
    [M in keyof IpcHandlers]: IpcHandlers[M] & ReturnType<typeof vi.fn>;
  };
  registerIpcHandlers(ipc.ipcMain, spies, { isTrustedSender: (url) => isTrustedRendererUrl(url), log: vi.fn() });
  return { ...ipc, spies, openRoomView, sync };
}

describe('IPC', () => {
  it('binds every channel of the contract, once each', () => {
    const channels = setUp().channels();
    expect(channels.sort()).toEqual(Object.values(IPC_METHODS).sort());
    expect(new Set(channels).size).toBe(IPC_METHOD_NAMES.length);
  });

  it("each method's channel reaches that method's handler and no other", async () => {
    const { invoke, spies } = setUp();
    const payloads: { [M in keyof IpcHandlers]?: unknown } = {
      openTextFile: { title: 'Import', filters: [], maxBytes: 1000 },
      openBinaryFile: { title: 'Import', filters: [], maxBytes: 1000 },
      saveFile: { title: 'Export', suggestedName: 'a.md', filters: [], data: 'x' },
      openRoomView: { sessionId: SESSION },
      printToPdf: { html: '<p>x</p>' },
      syncEnroll: { serverUrl: 'https://sync.example.org', code: 'ABCD-EFGH', deviceName: 'laptop' },
      syncPush: { clientId: CLIENT, schemaVersion: 1, changes: [] },
      syncPull: { councilId: COUNCIL },
      // Not a real backup: the folder service refuses it, which is enough to show where it went.
      backupsWrite: { reason: 'manual', data: new Uint8Array([1, 2, 3]) },
      backupsRead: { name: 'missing.cgbackup' },
      backupsQuitDone: { requestId: 'r1' },
    };
    for (const method of IPC_METHOD_NAMES) {
      for (const spy of Object.values(spies)) spy.mockClear();
      await invoke(IPC_METHODS[method], payloads[method]);
      const called = Object.entries(spies)
        .filter(([, spy]) => spy.mock.calls.length > 0)
        .map(([name]) => name);
      expect(called, IPC_METHODS[method]).toEqual([method]);
    }
  });

  it('hands out pending notices', async () => {
    expect(await setUp().invoke(IPC_METHODS.takeNotices, undefined)).toEqual([{ kind: 'recovered-from-crash', message: 'reloaded' }]);
  });

  it('rejects a call from a foreign origin without running the handler', async () => {
    const { invoke, spies, openRoomView } = setUp();
    await expect(invoke(IPC_METHODS.openRoomView, { sessionId: SESSION }, 'https://evil.example/')).rejects.toThrow(/not the app/);
    await expect(invoke(IPC_METHODS.appInfo, undefined, 'app://other/index.html')).rejects.toThrow(/not the app/);
    expect(spies.openRoomView).not.toHaveBeenCalled();
    expect(openRoomView).not.toHaveBeenCalled();
  });

  it('rejects an invalid payload with a message naming the problem', async () => {
    const { invoke, spies } = setUp();
    await expect(invoke(IPC_METHODS.openRoomView, { sessionId: '../../etc' })).rejects.toThrow(/sessionId/);
    await expect(invoke(IPC_METHODS.saveFile, { title: 'x', suggestedName: '../escape.md', filters: [], data: 'x' })).rejects.toThrow(
      /suggestedName: must be a plain file name/,
    );
    await expect(invoke(IPC_METHODS.openTextFile, { title: 'x', filters: [], maxBytes: -1 })).rejects.toThrow(/maxBytes/);
    expect(spies.saveFile).not.toHaveBeenCalled();
  });

  it('a valid call reaches the service: saving writes the file atomically where the dialog says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-ipc-'));
    try {
      const { invoke } = setUp({ dialogs: { chooseOpenPath: vi.fn(async () => null), chooseSavePath: vi.fn(async () => join(dir, 'minutes.md')) } });
      const result = await invoke(IPC_METHODS.saveFile, {
        title: 'Export',
        suggestedName: 'minutes.md',
        filters: [{ name: 'Markdown', extensions: ['md'] }],
        data: '# Minutes',
      });
      expect(result).toEqual({ status: 'saved', path: join(dir, 'minutes.md') });
      expect(await readFile(join(dir, 'minutes.md'), 'utf8')).toBe('# Minutes');
      expect(await invoke(IPC_METHODS.appInfo, undefined)).toMatchObject({ mode: 'desktop', name: 'Common Ground' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints HTML to PDF bytes, and reports a failure as a message', async () => {
    expect(await setUp().invoke(IPC_METHODS.printToPdf, { html: '<h1>Minutes</h1>' })).toEqual({ status: 'ok', data: new TextEncoder().encode('%PDF-1.7 16') });
    const failing = setUp({ printToPdf: async () => Promise.reject(new Error('renderer crashed')) });
    expect(await failing.invoke(IPC_METHODS.printToPdf, { html: '<h1>Minutes</h1>' })).toEqual({
      status: 'error',
      message: 'Could not make the PDF: renderer crashed',
    });
    await expect(failing.invoke(IPC_METHODS.printToPdf, { html: '' })).rejects.toThrow(/html/);
  });

  it('a cancelled dialog is not an error', async () => {
    const { invoke } = setUp();
    expect(await invoke(IPC_METHODS.openTextFile, { title: 'Import', filters: [], maxBytes: 1000 })).toEqual({ status: 'canceled' });
  });

  describe('sync channels', () => {
    it('pass validated requests to the sync connection and return its answer', async () => {
      const { invoke, sync } = setUp();
      expect(await invoke(IPC_METHODS.syncStatus, undefined)).toEqual({ enrolled: false });
      await invoke(IPC_METHODS.syncEnroll, { serverUrl: 'https://sync.example.org/', code: 'ABCD-EFGH-JKMN-PQRS', deviceName: ' Pat laptop ' });
      // zod's output reaches the handler: trimmed, with the consent flag defaulted to "no".
      expect(sync.syncEnroll).toHaveBeenCalledWith({
        serverUrl: 'https://sync.example.org/',
        code: 'ABCD-EFGH-JKMN-PQRS',
        deviceName: 'Pat laptop',
        allowPlainTextStorage: false,
      });
      expect(await invoke(IPC_METHODS.syncPush, { clientId: CLIENT, schemaVersion: 1, changes: [] })).toEqual({
        status: 'ok',
        body: { acked: [], rejected: [], serverTime: 1 },
      });
      await invoke(IPC_METHODS.syncPull, { councilId: COUNCIL });
      expect(sync.syncPull).toHaveBeenCalledWith({ councilId: COUNCIL, cursor: 0, limit: 200, format: 'changes' });
      expect(await invoke(IPC_METHODS.syncForget, undefined)).toEqual({ status: 'forgotten' });
    });

    it('refuse bad payloads before the handler runs', async () => {
      const { invoke, spies, sync } = setUp();
      await expect(invoke(IPC_METHODS.syncEnroll, { serverUrl: 'file:///etc/passwd', code: 'ABCD-EFGH', deviceName: 'x' })).rejects.toThrow(
        /serverUrl: The server address must start with http/,
      );
      await expect(invoke(IPC_METHODS.syncEnroll, { serverUrl: 'https://sync.example.org', code: '', deviceName: 'x' })).rejects.toThrow(/code/);
      await expect(
        invoke(IPC_METHODS.syncEnroll, { serverUrl: 'https://sync.example.org', code: 'ABCD-EFGH', deviceName: 'x', allowPlainTextStorage: 'yes' }),
      ).rejects.toThrow(/allowPlainTextStorage/);
      await expect(invoke(IPC_METHODS.syncPush, { clientId: 'not-a-uuid', schemaVersion: 1, changes: [] })).rejects.toThrow(/clientId/);
      await expect(invoke(IPC_METHODS.syncPush, { clientId: CLIENT, schemaVersion: 1, changes: [{ opId: 'x' }] })).rejects.toThrow(/changes\.0/);
      await expect(invoke(IPC_METHODS.syncPull, { councilId: COUNCIL, limit: 5000 })).rejects.toThrow(/limit/);
      await expect(invoke(IPC_METHODS.syncStatus, { anything: true })).rejects.toThrow(/invalid request/);
      expect(spies.syncEnroll).not.toHaveBeenCalled();
      expect(spies.syncPush).not.toHaveBeenCalled();
      expect(spies.syncPull).not.toHaveBeenCalled();
      expect(sync.syncEnroll).not.toHaveBeenCalled();
      expect(sync.syncPush).not.toHaveBeenCalled();
    });

    it('refuse to enroll over plain http to another machine, with a clear message, before anything is sent', async () => {
      const { invoke, sync } = setUp();
      expect(await invoke(IPC_METHODS.syncEnroll, { serverUrl: 'http://sync.example.org', code: 'ABCD-EFGH', deviceName: 'laptop' })).toEqual({
        status: 'error',
        kind: 'rejected',
        message: HTTPS_REQUIRED_MESSAGE,
      });
      expect(sync.syncEnroll).not.toHaveBeenCalled();
      await invoke(IPC_METHODS.syncEnroll, { serverUrl: 'http://127.0.0.1:8787', code: 'ABCD-EFGH', deviceName: 'laptop' });
      expect(sync.syncEnroll).toHaveBeenCalledWith(expect.objectContaining({ serverUrl: 'http://127.0.0.1:8787' }));
    });

    it('refuse a sync call from a foreign frame', async () => {
      const { invoke, sync } = setUp();
      await expect(invoke(IPC_METHODS.syncStatus, undefined, 'https://evil.example/')).rejects.toThrow(/not the app/);
      await expect(invoke(IPC_METHODS.syncPush, { clientId: CLIENT, schemaVersion: 1, changes: [] }, 'https://evil.example/')).rejects.toThrow(/not the app/);
      expect(sync.syncStatus).not.toHaveBeenCalled();
      expect(sync.syncPush).not.toHaveBeenCalled();
    });
  });
});
