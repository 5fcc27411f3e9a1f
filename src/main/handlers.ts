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
  };
}
