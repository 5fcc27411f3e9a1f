import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IPC_METHODS } from '@shared/ipc';
import { CRASH_NOTICE } from '../../../src/main/crashRecovery';

/**
 * Main's wiring with `electron` mocked at its one seam: on ready it hardens the session, serves
 * app://, binds every IPC channel behind the sender check, installs the menu, and opens a
 * locked-down window where it was last (or on a display that exists); the room view goes full
 * screen on the second display; a crashed renderer is reloaded with a notice; a second copy of
 * the app focuses the first.
 */
type Listener = (...args: unknown[]) => unknown;

const state = vi.hoisted(() => ({
  handlers: new Map<string, (event: { senderFrame: { url: string } | null }, payload: unknown) => unknown>(),
  windows: [] as Array<FakeWindow>,
  appListeners: new Map<string, Listener>(),
  ready: null as null | (() => void),
  permissionHandlerSet: false,
  protocolHandled: '' as string,
  privileged: [] as unknown[],
  root: '',
  userData: '',
  menuTemplate: null as unknown,
  displays: [] as Array<{ id: number; bounds: Rect; workArea: Rect }>,
  quit: 0,
}));

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface FakeWindow {
  options: { x?: number; y?: number; width: number; height: number; fullscreen: boolean; webPreferences: Record<string, unknown> };
  url: string;
  shown: boolean;
  focused: number;
  minimized: boolean;
  maximized: boolean;
  sent: unknown[][];
  listeners: Map<string, Listener>;
  webContents: { listeners: Map<string, Listener>; reloads: number; send(...args: unknown[]): void; on(e: string, l: Listener): void; reload(): void };
}

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => state.windows;
    options: FakeWindow['options'];
    url = '';
    shown = false;
    focused = 0;
    minimized = false;
    maximized = false;
    sent: unknown[][] = [];
    listeners = new Map<string, Listener>();
    webContents = {
      listeners: new Map<string, Listener>(),
      reloads: 0,
      send: (...args: unknown[]) => this.sent.push(args),
      on: (event: string, listener: Listener) => this.webContents.listeners.set(event, listener),
      reload: () => this.webContents.reloads++,
    };
    constructor(options: FakeWindow['options']) {
      this.options = options;
      state.windows.push(this as unknown as FakeWindow);
    }
    once(event: string, listener: Listener) {
      this.listeners.set(`once:${event}`, listener);
    }
    on(event: string, listener: Listener) {
      this.listeners.set(event, listener);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    focus() {
      this.focused++;
    }
    restore() {
      this.minimized = false;
    }
    maximize() {
      this.maximized = true;
    }
    isMinimized() {
      return this.minimized;
    }
    isMaximized() {
      return this.maximized;
    }
    isFullScreen() {
      return this.options.fullscreen;
    }
    isDestroyed() {
      return false;
    }
    getBounds() {
      return { x: this.options.x ?? 0, y: this.options.y ?? 0, width: this.options.width, height: this.options.height };
    }
    getNormalBounds() {
      return this.getBounds();
    }
    close() {}
  }
  const path = (name: string) => (name === 'userData' && state.userData ? state.userData : join(state.root, name));
  return {
    BrowserWindow,
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (state.menuTemplate = m) },
    nativeTheme: { shouldUseDarkColors: true },
    screen: {
      getAllDisplays: () => state.displays,
      getPrimaryDisplay: () => state.displays[0],
      getDisplayMatching: (r: Rect) => state.displays.find((d) => r.x >= d.bounds.x && r.x < d.bounds.x + d.bounds.width) ?? state.displays[0],
    },
    app: {
      isPackaged: true,
      setName: vi.fn(),
      getName: () => 'Common Ground',
      getVersion: () => '0.1.0',
      getAppPath: () => state.root,
      getPath: path,
      setPath: (_name: string, p: string) => (state.userData = p),
      setAppLogsPath: vi.fn(),
      setAboutPanelOptions: vi.fn(),
      showAboutPanel: vi.fn(),
      requestSingleInstanceLock: () => true,
      isReady: () => true,
      on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
      quit: () => state.quit++,
      whenReady: () => new Promise<void>((resolve) => (state.ready = resolve)),
    },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn() },
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
    shell: { openExternal: vi.fn(), openPath: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(`enc:${s}`),
      decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
    },
  };
});

const laptop = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const projector = { id: 7, bounds: { x: 1440, y: 0, width: 1920, height: 1080 }, workArea: { x: 1440, y: 0, width: 1920, height: 1080 } };
const app = { senderFrame: { url: 'app://common-ground/index.html' } };
const SESSION = '0190aaaa-0000-7000-8000-000000000001';

beforeAll(async () => {
  state.root = mkdtempSync(join(tmpdir(), 'cg-main-'));
  // Last time the window was maximized on a monitor that is not connected today.
  const userData = join(state.root, 'appData', 'Common Ground');
  mkdirSync(userData, { recursive: true });
  writeFileSync(
    join(userData, 'window-state.json'),
    JSON.stringify({ version: 1, windows: { main: { x: 3000, y: 200, width: 1600, height: 1000, isMaximized: true } } }),
  );
  state.displays = [laptop];
  await import('../../../src/main/index');
  state.ready!();
  await vi.waitFor(() => expect(state.windows).toHaveLength(1));
});

afterAll(() => rmSync(state.root, { recursive: true, force: true }));

describe('main process wiring', () => {
  it('fixes the profile folder and registers app:// as privileged before ready', () => {
    expect(state.userData).toBe(join(state.root, 'appData', 'Common Ground'));
    expect(state.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
      // The print window's scheme: parsed as a standard URL, and no more privileges than that.
      { scheme: 'cg-print', privileges: { standard: true } },
    ]);
    expect(state.protocolHandled).toBe('app');
    expect(state.permissionHandlerSet).toBe(true);
  });

  it('opens the app in a sandboxed, isolated window at app://common-ground', () => {
    const [win] = state.windows;
    expect(win!.url).toBe('app://common-ground/index.html');
    expect(win!.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(win!.options.webPreferences.preload)).toMatch(/preload[\\/]index\.js$/);
  });

  it('restores the window on a display that exists when the remembered one is gone, still maximized', () => {
    const [win] = state.windows;
    // Not at x=3000 (off-screen today): centred by the OS on the laptop, shrunk to fit it.
    expect(win!.options).toMatchObject({ width: 1440, height: 875 });
    expect(win!.options.x).toBeUndefined();
    win!.listeners.get('once:ready-to-show')!();
    expect(win!.maximized).toBe(true);
    expect(win!.shown).toBe(true);
  });

  it('installs the app menu, whose commands reach the main window', () => {
    const template = state.menuTemplate as Array<{ label?: string; submenu?: Array<{ id?: string; click?: () => void }> }>;
    expect(template.map((m) => m.label)).toContain('&Help');
    const newMeeting = template.flatMap((m) => m.submenu ?? []).find((i) => i.id === 'new-meeting')!;
    newMeeting.click!();
    expect(state.windows[0]!.sent).toEqual([['menu:command', 'new-meeting']]);
  });

  it('binds the IPC contract behind the sender check and payload validation', async () => {
    expect([...state.handlers.keys()].sort()).toEqual(Object.values(IPC_METHODS).sort());
    const openRoom = state.handlers.get(IPC_METHODS.openRoomView)!;
    await expect(Promise.resolve().then(() => openRoom({ senderFrame: { url: 'https://evil.example/' } }, { sessionId: SESSION }))).rejects.toThrow(
      /not the app/,
    );
    expect(state.windows).toHaveLength(1);
    await expect(Promise.resolve().then(() => openRoom(app, { sessionId: 42 }))).rejects.toThrow(/invalid request/);
    expect(state.windows).toHaveLength(1);
  });

  it('opens the room view full screen on the second display when there is one', async () => {
    state.displays = [laptop, projector];
    await state.handlers.get(IPC_METHODS.openRoomView)!(app, { sessionId: SESSION });
    expect(state.windows).toHaveLength(2);
    const room = state.windows[1]!;
    expect(room.url).toBe(`app://common-ground/index.html#/room/${SESSION}`);
    expect(room.options).toMatchObject({ ...projector.bounds, fullscreen: true });
    expect(room.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    // Asked again, the same window is focused, not a second one opened.
    await state.handlers.get(IPC_METHODS.openRoomView)!(app, { sessionId: SESSION });
    expect(state.windows).toHaveLength(2);
    expect(room.focused).toBe(1);
  });

  it('reloads a crashed window and hands the notice to the reloaded page once', async () => {
    const [win] = state.windows;
    win!.webContents.listeners.get('render-process-gone')!({}, { reason: 'crashed', exitCode: 11 });
    expect(win!.webContents.reloads).toBe(1);
    const takeNotices = state.handlers.get(IPC_METHODS.takeNotices)!;
    expect(await takeNotices(app, undefined)).toEqual([{ kind: 'recovered-from-crash', message: CRASH_NOTICE }]);
    expect(await takeNotices(app, undefined)).toEqual([]);
    // The projector's room view is reloaded too, but leaves no notice for the main window.
    const room = state.windows[1]!;
    room.webContents.listeners.get('render-process-gone')!({}, { reason: 'oom', exitCode: 0 });
    expect(room.webContents.reloads).toBe(1);
    expect(await takeNotices(app, undefined)).toEqual([]);
    // The crash is in the support log.
    expect(readFileSync(join(state.root, 'logs', 'main.log'), 'utf8')).toMatch(/ERROR main window: renderer gone \(crashed, exit code 11\)/);
  });

  it('a second copy of the app focuses the first window (restoring it if minimized) instead of opening another', () => {
    const [win] = state.windows;
    win!.minimized = true;
    const focusedBefore = win!.focused;
    state.appListeners.get('second-instance')!();
    expect(win!.minimized).toBe(false);
    expect(win!.focused).toBe(focusedBefore + 1);
    expect(state.windows).toHaveLength(2);
    expect(state.quit).toBe(0);
  });

  it('remembers where the window was moved to', async () => {
    const [win] = state.windows;
    win!.options.x = 100;
    win!.options.y = 80;
    win!.maximized = false;
    win!.listeners.get('close')!();
    await vi.waitFor(() =>
      expect(JSON.parse(readFileSync(join(state.root, 'appData', 'Common Ground', 'window-state.json'), 'utf8')).windows.main).toEqual({
        x: 100,
        y: 80,
        width: 1440,
        height: 875,
        isMaximized: false,
      }),
    );
  });

  it('binds sync to the HTTP connection with the token vault, validating payloads first', async () => {
    // No credentials file under the (temporary) userData folder: not enrolled, and nothing thrown.
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
