// The security policy is imported first: no window can exist before it does.
import { APP_ENTRY, SECURE_WEB_PREFERENCES, hardenSession, hardenWebContents, isTrustedRendererUrl } from './security';
import { BrowserWindow, app, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { join } from 'node:path';
import type { AppNotice } from '../shared/ipc';
import { createHttpSyncConnection } from '../shared/sync/httpConnection';
import { createHandlers } from './handlers';
import { registerIpcHandlers } from './ipc';
import { APP_SCHEME_PRIVILEGES, handleAppProtocol } from './protocol';
import { printHtmlToPdf } from './printToPdf';
import { createTokenVault } from './services/tokenVault';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

// A fixed name and profile folder: IndexedDB lives in userData under the app:// origin, and
// neither may move between versions or the facilitator's records would seem to vanish.
app.setName('Common Ground');
app.setPath('userData', join(app.getPath('appData'), 'Common Ground'));
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;
const pendingNotices: AppNotice[] = [];
const roomWindows = new Map<string, BrowserWindow>();

function rendererUrl(hash = ''): string {
  return devServerUrl ? `${devServerUrl}${hash}` : `${APP_ENTRY}${hash}`;
}

function createWindow(options: { title: string; width: number; height: number; hash?: string }): BrowserWindow {
  const win = new BrowserWindow({
    title: options.title,
    width: options.width,
    height: options.height,
    minWidth: 960,
    minHeight: 600,
    show: false,
    autoHideMenuBar: true,
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, '../preload/index.js') },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl(options.hash));
  return win;
}

function openMainWindow(): void {
  mainWindow = createWindow({ title: 'Common Ground', width: 1280, height: 800 });
  mainWindow.on('closed', () => (mainWindow = null));
}

/** The projector window: one per session, movable to the second screen; reopening focuses it. */
function openRoomView(sessionId: string): void {
  const existing = roomWindows.get(sessionId);
  if (existing && !existing.isDestroyed()) {
    existing.focus();
    return;
  }
  const win = createWindow({ title: 'Common Ground: room view', width: 1280, height: 720, hash: `#/room/${sessionId}` });
  roomWindows.set(sessionId, win);
  win.on('closed', () => roomWindows.delete(sessionId));
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same IndexedDB; focus the first instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, { devServerUrl }));

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    handleAppProtocol(protocol, join(__dirname, '../renderer'));
    registerIpcHandlers(
      ipcMain,
      createHandlers({
        appInfo: { name: app.getName(), version: app.getVersion(), platform: process.platform },
        openRoomView,
        takeNotices: () => pendingNotices.splice(0),
        printToPdf: printHtmlToPdf,
        // After ready: safeStorage picks its backend (keyring or basic_text) only then.
        sync: createHttpSyncConnection({
          fetch: globalThis.fetch,
          credentials: createTokenVault({ safeStorage, dir: app.getPath('userData'), log: (m) => console.warn(m) }),
        }),
        dialogs: {
          async chooseOpenPath(request) {
            const result = await dialog.showOpenDialog({ title: request.title, filters: request.filters, properties: ['openFile'] });
            return result.canceled ? null : (result.filePaths[0] ?? null);
          },
          async chooseSavePath(request) {
            const result = await dialog.showSaveDialog({ title: request.title, defaultPath: request.suggestedName, filters: request.filters });
            return result.canceled ? null : (result.filePath ?? null);
          },
        },
      }),
      { isTrustedSender: (url) => isTrustedRendererUrl(url, { devServerUrl }), log: (m) => console.warn(m) },
    );
    openMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
