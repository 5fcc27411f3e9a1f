/**
 * Each renderer API method and the one IPC channel it travels on, named once. Preload binds the
 * API from this table and main registers its handlers from it, so a method can never be bound
 * to another method's channel (`syncPush` on 'sync:pull' would need a second table to go wrong).
 * No runtime imports: the sandboxed preload bundles this file and must not pull in zod.
 */
import type { IpcApi } from './ipc';

export const IPC_METHODS = {
  appInfo: 'app:info',
  takeNotices: 'app:take-notices',
  openTextFile: 'file:open-text',
  openBinaryFile: 'file:open-binary',
  saveFile: 'file:save',
  openRoomView: 'window:open-room-view',
  printToPdf: 'file:print-pdf',
  // Sync runs in main so the device token never enters the renderer (see sync/connection.ts).
  syncStatus: 'sync:status',
  syncEnroll: 'sync:enroll',
  syncForget: 'sync:forget',
  syncPush: 'sync:push',
  syncPull: 'sync:pull',
  // Backups: files in the app's data folder (or the one the facilitator chose), written by main.
  backupsList: 'backups:list',
  backupsWrite: 'backups:write',
  backupsRead: 'backups:read',
  backupsOpenFile: 'backups:open-file',
  backupsOpenFolder: 'backups:open-folder',
  backupsChooseFolder: 'backups:choose-folder',
  backupsQuitDone: 'backups:quit-done',
} as const;

export type IpcMethod = keyof typeof IPC_METHODS;
export type IpcChannel = (typeof IPC_METHODS)[IpcMethod];

export const IPC_METHOD_NAMES = Object.keys(IPC_METHODS) as IpcMethod[];

/** Main -> renderer: the one event channel, carrying a command from the app menu or a shortcut. */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/**
 * Main -> renderer: "back up now, the app is closing" (the store lives in the renderer, so only
 * it can make the file). The renderer answers with backupsQuitDone and the same requestId.
 */
export const BACKUP_REQUEST_CHANNEL = 'backups:request';

export interface BackupRequest {
  readonly reason: 'quit';
  readonly requestId: string;
}

export function isBackupRequest(value: unknown): value is BackupRequest {
  const v = value as Partial<BackupRequest> | null;
  return typeof v === 'object' && v !== null && v.reason === 'quit' && typeof v.requestId === 'string' && v.requestId.length <= 64;
}

/**
 * What the menu (and its shortcuts) can ask the renderer to do. The accelerators are Electron's
 * syntax; web mode maps the same keys itself where the browser does not reserve them.
 * - search and back-up-now are sent even before those features exist: the renderer ignores a
 *   command it has no handler for, so the menu never needs to change when they land.
 */
export const MENU_COMMANDS = {
  'new-meeting': { label: 'New meeting', accelerator: 'CmdOrCtrl+N' },
  search: { label: 'Search…', accelerator: 'CmdOrCtrl+K' },
  'room-view': { label: 'Room view on the second display', accelerator: 'CmdOrCtrl+Shift+R' },
  'back-up-now': { label: 'Back up now', accelerator: 'CmdOrCtrl+Shift+B' },
} as const;

export type MenuCommand = keyof typeof MENU_COMMANDS;

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && Object.hasOwn(MENU_COMMANDS, value);
}

/**
 * The IPC methods bound to a transport (preload: ipcRenderer.invoke): each method calls invoke
 * with its own channel from IPC_METHODS, and nothing else can be reached.
 */
export function bindIpcApi(invoke: (channel: IpcChannel, request?: unknown) => Promise<unknown>): IpcApi {
  return Object.fromEntries(IPC_METHOD_NAMES.map((method) => [method, (request?: unknown) => invoke(IPC_METHODS[method], request)])) as IpcApi;
}
