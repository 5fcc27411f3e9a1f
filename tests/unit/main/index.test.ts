import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_METHODS } from '@shared/ipc';

/**
 * Main's wiring with `electron` mocked at its one seam: on ready it hardens the session, serves
 * app://, binds every IPC channel behind the sender check, and opens a locked-down window.
 */
const state = vi.hoisted(() => ({
  handlers: new Map<string, (event: { senderFrame: { url: string } | null }, payload: unknown) => unknown>(),
  windows: [] as Array<{ options: { webPreferences: Record<string, unknown> }; url: string }>,
  ready: null as null | (() => void),
  permissionHandlerSet: false,
  protocolHandled: '' as string,
  privileged: [] as unknown[],
  userData: '',
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    options: { webPreferences: Record<string, unknown> };
    url = '';
    constructor(options: { webPreferences: Record<string, unknown> }) {
      this.options = options;
      state.windows.push(this);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: {
      isPackaged: true,
      setName: vi.fn(),
      getName: () => 'Common Ground',
      getVersion: () => '0.1.0',
      getPath: (name: string) => `/home/facilitator/.config/${name}`,
      setPath: (_name: string, path: string) => (state.userData = path),
      requestSingleInstanceLock: () => true,
      on: vi.fn(),
      quit: vi.fn(),
      whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
    },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    ipcMain: { handle: (channel: string, listener: never) => state.handlers.set(channel, listener) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string) => (state.protocolHandled = scheme),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => (state.permissionHandlerSet = true),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(`enc:${s}`),
      decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
    },
  };
});

beforeAll(async () => {
  await import('../../../src/main/index');
  state.ready!();
  await new Promise((r) => setTimeout(r, 0));
});

describe('main process wiring', () => {
  it('fixes the profile folder and registers app:// as privileged before ready', () => {
    expect(state.userData).toBe('/home/facilitator/.config/appData/Common Ground');
    expect(state.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(state.protocolHandled).toBe('app');
    expect(state.permissionHandlerSet).toBe(true);
  });

  it('opens the app in a sandboxed, isolated window at app://common-ground', () => {
    expect(state.windows).toHaveLength(1);
    const [win] = state.windows;
    expect(win!.url).toBe('app://common-ground/index.html');
    expect(win!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(win!.options.webPreferences.preload)).toMatch(/preload[\\/]index\.js$/);
  });

  it('binds the IPC contract behind the sender check and payload validation', async () => {
    expect([...state.handlers.keys()].sort()).toEqual(Object.values(IPC_METHODS).sort());
    const openRoom = state.handlers.get(IPC_METHODS.openRoomView)!;
    await expect(
      Promise.resolve().then(() => openRoom({ senderFrame: { url: 'https://evil.example/' } }, { sessionId: '0190aaaa-0000-7000-8000-000000000001' })),
    ).rejects.toThrow(/not the app/);
    expect(state.windows).toHaveLength(1);
    await expect(Promise.resolve().then(() => openRoom({ senderFrame: { url: 'app://common-ground/index.html' } }, { sessionId: 42 }))).rejects.toThrow(
      /invalid request/,
    );
    await openRoom({ senderFrame: { url: 'app://common-ground/index.html' } }, { sessionId: '0190aaaa-0000-7000-8000-000000000001' });
    expect(state.windows).toHaveLength(2);
    expect(state.windows[1]!.url).toBe('app://common-ground/index.html#/room/0190aaaa-0000-7000-8000-000000000001');
    expect(state.windows[1]!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
  });

  it('binds sync to the HTTP connection with the token vault, validating payloads first', async () => {
    const app = { senderFrame: { url: 'app://common-ground/index.html' } };
    // No credentials file under the (mocked) userData folder: not enrolled, and nothing thrown.
    expect(await state.handlers.get(IPC_METHODS.syncStatus)!(app, undefined)).toEqual({ enrolled: false });
    expect(
      await state.handlers.get(IPC_METHODS.syncPush)!(app, { clientId: '0198c3f0-0000-7000-8000-0000000000a1', schemaVersion: 1, changes: [] }),
    ).toMatchObject({
      status: 'error',
      kind: 'not_enrolled',
    });
    const enroll = state.handlers.get(IPC_METHODS.syncEnroll)!;
    await expect(Promise.resolve().then(() => enroll(app, { serverUrl: 'ftp://x', code: 'ABCD-EFGH', deviceName: 'laptop' }))).rejects.toThrow(
      /invalid request/,
    );
  });
});
