/**
 * The handlers behind each IPC channel. Electron-specific calls (dialogs, windows) come in as
 * functions so the handlers can be tested with electron mocked at one seam.
 */
import type { AppNotice, OpenTextFileRequest, SaveFileRequest } from '../shared/ipc';
import { enrollmentAddressProblem } from '../shared/serverAddress';
import type { SyncConnection } from '../shared/sync/connection';
import type { IpcHandlers } from './ipc';
import { atomicWriteFile } from './services/atomicWriteFile';
import { readBinaryFile } from './services/readBinaryFile';
import type { BackupService, QuitBackupGate } from './services/backups';
import { readTextFile } from './services/readTextFile';

export interface Dialogs {
  chooseOpenPath(request: OpenTextFileRequest): Promise<string | null>;
  chooseSavePath(request: Omit<SaveFileRequest, 'data'>): Promise<string | null>;
}

export interface HandlerDeps {
  appInfo: { name: string; version: string; platform: string };
  dialogs: Dialogs;
  openRoomView(sessionId: string): void;
  /** Notices for the window that asks (e.g. it was reloaded after a crash); each is given once. */
  takeNotices(): readonly AppNotice[];
  printToPdf(html: string): Promise<Uint8Array>;
  /** HTTP to the sync server, with the token kept here in main. */
  sync: SyncConnection;
  backups: BackupHandlerDeps;
}

export interface BackupHandlerDeps {
  service: BackupService;
  /** Answers main's "back up before closing" requests. */
  quitGate: QuitBackupGate;
  /** The open dialog for a backup file (a USB stick, another folder). */
  chooseBackupFile(): Promise<string | null>;
  chooseBackupFolder(current: string): Promise<string | null>;
  /** The OS file manager at the folder; answers an error message, or '' when it opened. */
  openFolder(path: string): Promise<string>;
}

type BackupMethod = 'backupsList' | 'backupsWrite' | 'backupsRead' | 'backupsOpenFile' | 'backupsOpenFolder' | 'backupsChooseFolder' | 'backupsQuitDone';

export function createBackupHandlers(deps: BackupHandlerDeps): Pick<IpcHandlers, BackupMethod> {
  const { service } = deps;
  return {
    backupsList: () => service.list(),
    backupsWrite: (request) => service.write(request),
    backupsRead: ({ name }) => service.read(name),
    backupsOpenFile: async () => {
      const path = await deps.chooseBackupFile();
      return path ? service.readFile(path) : { status: 'canceled' as const };
    },
    backupsOpenFolder: async () => {
      const folder = await service.folder();
      // The default folder appears with the first backup; opening it before then should still work.
      const listed = await service.list();
      if (listed.status === 'error') return { status: 'error' as const, message: listed.message };
      const problem = await deps.openFolder(folder);
      return problem ? { status: 'error' as const, message: `Could not open ${folder}: ${problem}` } : { status: 'opened' as const };
    },
    backupsChooseFolder: async () => {
      const path = await deps.chooseBackupFolder(await service.folder());
      return path ? service.setFolder(path) : { status: 'canceled' as const };
    },
    backupsQuitDone: async ({ requestId }) => {
      deps.quitGate.answer(requestId);
      return { status: 'ok' as const };
    },
  };
}

export function createHandlers(deps: HandlerDeps): IpcHandlers {
  return {
    appInfo: async () => ({ ...deps.appInfo, mode: 'desktop' as const }),
    takeNotices: async () => deps.takeNotices(),
    openTextFile: async (request) => {
      const path = await deps.dialogs.chooseOpenPath(request);
      if (!path) return { status: 'canceled' as const };
      return readTextFile(path, request);
    },
    openBinaryFile: async (request) => {
      const path = await deps.dialogs.chooseOpenPath(request);
      if (!path) return { status: 'canceled' as const };
      return readBinaryFile(path, request);
    },
    saveFile: async (request) => {
      const { data, ...rest } = request;
      const path = await deps.dialogs.chooseSavePath(rest);
      if (!path) return { status: 'canceled' as const };
      try {
        await atomicWriteFile(path, data);
        return { status: 'saved' as const, path };
      } catch (error) {
        return { status: 'error' as const, message: error instanceof Error ? error.message : String(error) };
      }
    },
    printToPdf: async ({ html }) => {
      try {
        return { status: 'ok' as const, data: await deps.printToPdf(html) };
      } catch (error) {
        return { status: 'error' as const, message: `Could not make the PDF: ${error instanceof Error ? error.message : String(error)}` };
      }
    },
    openRoomView: async ({ sessionId }) => {
      deps.openRoomView(sessionId);
      return { status: 'opened' as const };
    },
    syncStatus: () => deps.sync.syncStatus(),
    syncEnroll: async (request) => {
      // Refused before the code is sent anywhere: a code sent in clear is a code given away.
      const problem = enrollmentAddressProblem(request.serverUrl);
      if (problem) return { status: 'error' as const, kind: 'rejected' as const, message: problem };
      return deps.sync.syncEnroll(request);
    },
    syncForget: () => deps.sync.syncForget(),
    syncPush: (request) => deps.sync.syncPush(request),
    syncPull: (request) => deps.sync.syncPull(request),
    ...createBackupHandlers(deps.backups),
  };
}
