import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src/main/handlers';
import { registerIpcHandlers, type IpcMainLike } from '../../../src/main/ipc';
import { isTrustedRendererUrl } from '../../../src/main/security';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    ipcMain: { handle: (channel: string, listener: Listener) => handlers.set(channel, listener) },
    invoke: (channel: string, payload: unknown, from = 'app://common-ground/index.html') => Promise.resolve(handlers.get(channel)!({ senderFrame: { url: from } }, payload)),
    channels: () => [...handlers.keys()],
  };
}

const SESSION = '0190aaaa-0000-7000-8000-000000000001';

function setUp(overrides: Partial<Parameters<typeof createHandlers>[0]> = {}) {
  const ipc = fakeIpcMain();
  const openRoomView = vi.fn();
  const handlers = createHandlers({
    appInfo: { name: 'Common Ground', version: '0.1.0', platform: 'linux' },
    openRoomView,
    printToPdf: vi.fn(async (html: string) => new TextEncoder().encode(`%PDF-1.7 ${html.length}`)),
    dialogs: { chooseOpenPath: vi.fn(async () => null), chooseSavePath: vi.fn(async () => null) },
    ...overrides,
  });
  const spies = Object.fromEntries(Object.entries(handlers).map(([k, h]) => [k, vi.fn(h)]));
  registerIpcHandlers(ipc.ipcMain, spies as never, { isTrustedSender: (url) => isTrustedRendererUrl(url), log: vi.fn() });
  return { ...ipc, spies, openRoomView };
}

describe('IPC', () => {
  it('binds every channel of the contract', () => {
    expect(setUp().channels().sort()).toEqual(['app:info', 'file:open-text', 'file:print-pdf', 'file:save', 'window:open-room-view']);
  });

  it('rejects a call from a foreign origin without running the handler', async () => {
    const { invoke, spies, openRoomView } = setUp();
    await expect(invoke('window:open-room-view', { sessionId: SESSION }, 'https://evil.example/')).rejects.toThrow(/not the app/);
    await expect(invoke('app:info', undefined, 'app://other/index.html')).rejects.toThrow(/not the app/);
    expect(spies['window:open-room-view']).not.toHaveBeenCalled();
    expect(openRoomView).not.toHaveBeenCalled();
  });

  it('rejects an invalid payload with a message naming the problem', async () => {
    const { invoke, spies } = setUp();
    await expect(invoke('window:open-room-view', { sessionId: '../../etc' })).rejects.toThrow(/sessionId/);
    await expect(invoke('file:save', { title: 'x', suggestedName: '../escape.md', filters: [], data: 'x' })).rejects.toThrow(/suggestedName: must be a plain file name/);
    await expect(invoke('file:open-text', { title: 'x', filters: [], maxBytes: -1 })).rejects.toThrow(/maxBytes/);
    expect(spies['file:save']).not.toHaveBeenCalled();
  });

  it('a valid call reaches the service: saving writes the file atomically where the dialog says', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cg-ipc-'));
    try {
      const { invoke } = setUp({ dialogs: { chooseOpenPath: vi.fn(async () => null), chooseSavePath: vi.fn(async () => join(dir, 'minutes.md')) } });
      const result = await invoke('file:save', { title: 'Export', suggestedName: 'minutes.md', filters: [{ name: 'Markdown', extensions: ['md'] }], data: '# Minutes' });
      expect(result).toEqual({ status: 'saved', path: join(dir, 'minutes.md') });
      expect(await readFile(join(dir, 'minutes.md'), 'utf8')).toBe('# Minutes');
      expect(await invoke('app:info', undefined)).toMatchObject({ mode: 'desktop', name: 'Common Ground' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints HTML to PDF bytes, and reports a failure as a message', async () => {
    expect(await setUp().invoke('file:print-pdf', { html: '<h1>Minutes</h1>' })).toEqual({ status: 'ok', data: new TextEncoder().encode('%PDF-1.7 16') });
    const failing = setUp({ printToPdf: async () => Promise.reject(new Error('renderer crashed')) });
    expect(await failing.invoke('file:print-pdf', { html: '<h1>Minutes</h1>' })).toEqual({ status: 'error', message: 'Could not make the PDF: renderer crashed' });
    await expect(failing.invoke('file:print-pdf', { html: '' })).rejects.toThrow(/html/);
  });

  it('a cancelled dialog is not an error', async () => {
    const { invoke } = setUp();
    expect(await invoke('file:open-text', { title: 'Import', filters: [], maxBytes: 1000 })).toEqual({ status: 'canceled' });
  });
});
