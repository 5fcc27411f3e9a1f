// The security policy is imported first: no window can exist before it does.
import { APP_ENTRY, SECURE_WEB_PREFERENCES, hardenSession, hardenWebContents, isTrustedRendererUrl } from './security';
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, protocol, safeStorage, screen, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { now } from '../shared/clock';
import { BACKUP_REQUEST_CHANNEL, MENU_COMMAND_CHANNEL, type MenuCommand } from '../shared/ipcChannels';
import type { AppNotice } from '../shared/ipc';
import { createHttpSyncConnection } from '../shared/sync/httpConnection';
import { recoverFromCrashes } from './crashRecovery';
import { createHandlers } from './handlers';
import { registerIpcHandlers } from './ipc';
import { buildMenuTemplate } from './menu';
import { APP_SCHEME_PRIVILEGES, handleAppProtocol } from './protocol';
import { PRINT_SCHEME_PRIVILEGES, printHtmlToPdf } from './printToPdf';
import { backUpBeforeClosing, createBackupService, createQuitBackupGate } from './services/backups';
import { openLogFile, type LogFile } from './services/logFile';
import { createTokenVault } from './services/tokenVault';
import { openWindowStateStore, placeRoomView, placeWindow, trackWindowState, type Placement, type WindowKind, type WindowStateStore } from './windowState';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const APP_NAME = 'Common Ground';

// A fixed name and profile folder: IndexedDB lives in userData under the app:// origin, and
// neither may move between versions or the facilitator's records would seem to vanish.
app.setName(APP_NAME);
app.setPath('userData', join(app.getPath('appData'), APP_NAME));
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, PRINT_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;
const pendingNotices: AppNotice[] = [];
const roomWindows = new Map<string, BrowserWindow>();
let windowStates: WindowStateStore | undefined;
let logFile: LogFile | undefined;
// The store lives in the renderer: before the main window closes it is asked for a last backup.
const quitBackupGate = createQuitBackupGate();
let quitting = false;

function log(level: 'info' | 'warn' | 'error', message: string): void {
  logFile?.write(level, message);
  if (level !== 'info') console.warn(message);
}

function rendererUrl(hash = ''): string {
  return devServerUrl ? `${devServerUrl}${hash}` : `${APP_ENTRY}${hash}`;
}

/** Shipped beside the app (extraResources) when installed; in the source tree during development. */
function resourcePath(name: string): string {
  return app.isPackaged && process.resourcesPath ? join(process.resourcesPath, name) : join(app.getAppPath(), 'resources', name);
}

function createWindow(options: { kind: WindowKind; title: string; placement: Placement; hash?: string }): BrowserWindow {
  const { placement } = options;
  const win = new BrowserWindow({
    title: options.title,
    ...placement.bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    fullscreen: placement.fullScreen,
    // The OS's light or dark: no white flash before the renderer's own scheme paints.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1a1b1e' : '#ffffff',
    icon: app.isPackaged ? undefined : resourcePath('icons/512x512.png'),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, '../preload/index.js') },
  });
  win.once('ready-to-show', () => {
    if (placement.isMaximized) win.maximize();
    win.show();
  });
  if (options.kind === 'main') {
    backUpBeforeClosing(
      win,
      quitBackupGate,
      (request) => win.webContents.send(BACKUP_REQUEST_CHANNEL, request),
      () => (quitting ? app.quit() : win.close()),
    );
  }
  if (windowStates) trackWindowState(win, options.kind, windowStates);
  recoverFromCrashes(win.webContents, {
    name: options.kind,
    log: (m) => log('error', m),
    // Only the main window shows notices (the projector's room view has no place for one).
    notify: (message) => {
      if (options.kind === 'main') pendingNotices.push({ kind: 'recovered-from-crash', message });
    },
    askToRetry: async () => {
      const { response } = await dialog.showMessageBox(win, {
        type: 'error',
        message: 'Common Ground’s window keeps stopping.',
        detail: 'Everything that was saved is kept. Reload the window to try again, or close it and restart the app.',
        buttons: ['Reload', 'Close window'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response === 1) win.close();
      return response === 0;
    },
  });
  void win.loadURL(rendererUrl(options.hash));
  return win;
}

function displays() {
  return { all: screen.getAllDisplays(), primary: screen.getPrimaryDisplay() };
}

function openMainWindow(): void {
  const { all, primary } = displays();
  const placement = placeWindow(windowStates?.get('main'), all, primary, { width: 1280, height: 800 });
  mainWindow = createWindow({ kind: 'main', title: APP_NAME, placement });
  mainWindow.on('closed', () => (mainWindow = null));
}

/** The projector window: one per session, full screen on the second display; reopening focuses it. */
function openRoomView(sessionId: string): void {
  const existing = roomWindows.get(sessionId);
  if (existing && !existing.isDestroyed()) {
    existing.focus();
    return;
  }
  const { all, primary } = displays();
  const mainDisplay = mainWindow && !mainWindow.isDestroyed() ? screen.getDisplayMatching(mainWindow.getBounds()).id : undefined;
  const placement = placeRoomView(windowStates?.get('room'), all, primary, mainDisplay, { width: 1280, height: 720 });
  const win = createWindow({ kind: 'room', title: `${APP_NAME}: room view`, placement, hash: `#/room/${sessionId}` });
  roomWindows.set(sessionId, win);
  win.on('closed', () => roomWindows.delete(sessionId));
}

function sendMenuCommand(command: MenuCommand): void {
  // Commands act on the facilitator's window, whichever window has focus.
  const target = mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
  if (!target) {
    openMainWindow();
    return;
  }
  target.webContents.send(MENU_COMMAND_CHANNEL, command);
  if (target.isMinimized()) target.restore();
  target.focus();
}

function installMenu(): void {
  app.setAboutPanelOptions({
    applicationName: APP_NAME,
    applicationVersion: app.getVersion(),
    copyright: 'Offline-first facilitation for labor-management partnership councils',
    iconPath: resourcePath('icons/512x512.png'),
  });
  const template = buildMenuTemplate(
    process.platform,
    { appName: APP_NAME, isPackaged: app.isPackaged },
    {
      sendCommand: sendMenuCommand,
      showAbout: () => app.showAboutPanel(),
      openLogsFolder: () => void shell.openPath(app.getPath('logs')),
      openUserGuide: () => {
        const guide = resourcePath('user-guide.html');
        if (existsSync(guide)) void shell.openPath(guide);
        else log('warn', `user guide not found at ${guide}`);
      },
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same IndexedDB; the first one is focused instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      if (app.isReady()) openMainWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, { devServerUrl }));

  void app.whenReady().then(async () => {
    app.setAppLogsPath();
    logFile = openLogFile({ dir: app.getPath('logs'), now });
    log('info', `${APP_NAME} ${app.getVersion()} starting on ${process.platform} ${process.arch}, Electron ${process.versions.electron ?? '?'}`);
    process.on('uncaughtException', (error) => log('error', `uncaught: ${error.stack ?? error.message}`));
    process.on('unhandledRejection', (reason) =>
      log('error', `unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`),
    );
    app.on('child-process-gone', (_e, details) => log('warn', `${details.type} process gone (${details.reason}, exit code ${details.exitCode})`));

    hardenSession(session.defaultSession);
    handleAppProtocol(protocol, join(__dirname, '../renderer'));
    windowStates = await openWindowStateStore(join(app.getPath('userData'), 'window-state.json'), (m) => log('warn', m));
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
          credentials: createTokenVault({ safeStorage, dir: app.getPath('userData'), log: (m) => log('warn', m) }),
        }),
        backups: {
          service: createBackupService({
            defaultFolder: join(app.getPath('userData'), 'Backups'),
            settingsFile: join(app.getPath('userData'), 'backup-settings.json'),
            log: (m) => log('info', m),
          }),
          quitGate: quitBackupGate,
          async chooseBackupFile() {
            const result = await dialog.showOpenDialog({
              title: 'Restore from a backup file',
              filters: [{ name: 'Common Ground backup', extensions: ['cgbackup'] }],
              properties: ['openFile'],
            });
            return result.canceled ? null : (result.filePaths[0] ?? null);
          },
          async chooseBackupFolder(current) {
            const result = await dialog.showOpenDialog({ title: 'Folder for backups', defaultPath: current, properties: ['openDirectory', 'createDirectory'] });
            return result.canceled ? null : (result.filePaths[0] ?? null);
          },
          openFolder: (path) => shell.openPath(path),
        },
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
      { isTrustedSender: (url) => isTrustedRendererUrl(url, { devServerUrl }), log: (m) => log('warn', m) },
    );
    installMenu();
    openMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });

  // A quit (menu, Cmd+Q) closes the windows: the main window's close waits for its last backup,
  // which cancels this quit, so the quit is asked for again once the backup is done.
  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
