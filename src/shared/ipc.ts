/**
 * THE typed IPC contract between main and preload. Each method's channel is named once, in
 * ipcChannels.ts; here are its request schema and response type. Preload binds the API and main
 * registers the handlers from those tables, so neither can bind a method to the wrong channel.
 */
import { z } from 'zod';
import { BackupReason, type BackupHeader, type BackupRefusal } from './backup/format';
import type { BackupRequest, IpcMethod, MenuCommand } from './ipcChannels';
import type { FileProblem } from './fileProblem';
import { SyncEnrollRequest, type SyncEnrollResponse, type SyncResult, type SyncStatusResponse } from './sync/connection';
import { PullRequest, PushRequest, type PullRequestInput, type PullResponse, type PushResponse } from './sync/protocol';

export const OpenTextFileRequest = z.object({
  title: z.string().max(200),
  /** File-type filters for the dialog, e.g. [{ name: 'CSV', extensions: ['csv'] }]. */
  filters: z.array(z.object({ name: z.string().max(60), extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).max(10) })).max(10),
  maxBytes: z
    .number()
    .int()
    .positive()
    .max(50 * 1024 * 1024),
});
export type OpenTextFileRequest = z.infer<typeof OpenTextFileRequest>;
/** A refused file says why twice: `message` in English, `problem` (code and values) for the screen's language. */
export type OpenTextFileResponse =
  { status: 'canceled' } | { status: 'ok'; name: string; text: string } | { status: 'error'; message: string; problem?: FileProblem };

/** A file read whole as bytes (an Excel workbook), asked for with an OpenTextFileRequest: the same dialog fields and size cap. */
export type OpenBinaryFileResponse =
  { status: 'canceled' } | { status: 'ok'; name: string; data: Uint8Array } | { status: 'error'; message: string; problem?: FileProblem };

export const SaveFileRequest = z.object({
  title: z.string().max(200),
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\:*?"<>|\0]+$/, 'must be a plain file name'),
  filters: OpenTextFileRequest.shape.filters,
  /** UTF-8 text or raw bytes (Word, PDF, zip). */
  data: z.union([z.string(), z.instanceof(Uint8Array)]),
});
export type SaveFileRequest = z.infer<typeof SaveFileRequest>;
export type SaveFileResponse = { status: 'canceled' } | { status: 'saved'; path: string } | { status: 'error'; message: string };

export const Empty = z.undefined();

/** A self-contained HTML document (the minutes preview) to render as PDF with Chromium's printer. */
export const PrintToPdfRequest = z.object({
  html: z
    .string()
    .min(1)
    .max(20 * 1024 * 1024),
});
export type PrintToPdfRequest = z.infer<typeof PrintToPdfRequest>;
export type PrintToPdfResponse = { status: 'ok'; data: Uint8Array } | { status: 'unsupported'; message: string } | { status: 'error'; message: string };

export const OpenRoomViewRequest = z.object({ sessionId: z.string().uuid() });
export type OpenRoomViewRequest = z.infer<typeof OpenRoomViewRequest>;

/** Backups bigger than this are refused across IPC (a store of a few councils is tens of MB). */
export const MAX_BACKUP_BYTES = 1024 * 1024 * 1024;
const BackupBytes = z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_BACKUP_BYTES, 'a backup may be at most 1 GB');

export const BackupsWriteRequest = z.object({ reason: BackupReason, data: BackupBytes });
export type BackupsWriteRequest = z.infer<typeof BackupsWriteRequest>;

/** A backup in the folder, by its file name only: the renderer never names a path. */
export const BackupsReadRequest = z.object({
  name: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a backup file name'),
});
export type BackupsReadRequest = z.infer<typeof BackupsReadRequest>;

export const BackupsQuitDoneRequest = z.object({ requestId: z.string().min(1).max(64) });
export type BackupsQuitDoneRequest = z.infer<typeof BackupsQuitDoneRequest>;

/** A backup file in the backups folder, as the Settings list shows it. */
export interface BackupListEntry {
  name: string;
  bytes: number;
  createdAt: string;
  reason: BackupReason;
  encrypted: boolean;
  /** What the header says; null for a passphrase-protected file or one whose header cannot be read. */
  header: Pick<BackupHeader, 'appVersion' | 'schemaVersion' | 'tables' | 'summary'> | null;
  /** Why the file cannot be restored (damaged, from a newer app...), or null. */
  problem: string | null;
  /** The same problem as a code and values, for the screen to say in its own language. */
  refusal?: BackupRefusal;
}

export type BackupsListResponse =
  | { status: 'ok'; folder: string; backups: BackupListEntry[] }
  | { status: 'unsupported'; message: string }
  | { status: 'error'; folder: string; message: string };

export type BackupsWriteResponse =
  | { status: 'saved'; folder: string; backup: BackupListEntry; removed: string[] }
  /** Web mode: handed to the browser as a download. */
  | { status: 'downloaded'; name: string }
  | { status: 'unsupported'; message: string }
  | { status: 'error'; message: string };

export type BackupFileResponse = { status: 'canceled' } | { status: 'ok'; name: string; data: Uint8Array } | { status: 'error'; message: string };

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** 'desktop' inside Electron, 'web' in the browser fallback. */
  mode: 'desktop' | 'web';
}

/** Something main has to tell the person when the window (re)loads, e.g. after a renderer crash. */
export interface AppNotice {
  readonly kind: 'recovered-from-crash';
  /** A sentence for the facilitator. */
  readonly message: string;
}

/**
 * The request schema of each method (IPC_METHODS in ipcChannels.ts names its channel). Main
 * validates every request with it before a handler runs: the renderer is untrusted input.
 * `satisfies` makes a missing or unknown method a type error.
 */
export const ipcRequests = {
  appInfo: Empty,
  takeNotices: Empty,
  openTextFile: OpenTextFileRequest,
  openBinaryFile: OpenTextFileRequest,
  saveFile: SaveFileRequest,
  openRoomView: OpenRoomViewRequest,
  printToPdf: PrintToPdfRequest,
  syncStatus: Empty,
  syncEnroll: SyncEnrollRequest,
  syncForget: Empty,
  syncPush: PushRequest,
  syncPull: PullRequest,
  backupsList: Empty,
  backupsWrite: BackupsWriteRequest,
  backupsRead: BackupsReadRequest,
  backupsOpenFile: Empty,
  backupsOpenFolder: Empty,
  backupsChooseFolder: Empty,
  backupsQuitDone: BackupsQuitDoneRequest,
} as const satisfies { readonly [M in IpcMethod]: z.ZodType };

/** What each method answers. */
export interface IpcResponses {
  appInfo: AppInfo;
  /** Notices not yet shown; each is handed out once. */
  takeNotices: readonly AppNotice[];
  openTextFile: OpenTextFileResponse;
  /** The chosen file's bytes, refused before reading when larger than maxBytes. */
  openBinaryFile: OpenBinaryFileResponse;
  saveFile: SaveFileResponse;
  /** The projector window: a second window (desktop) or tab (web) showing the room view. */
  openRoomView: { status: 'opened' };
  /** Chromium's print-to-PDF of a self-contained HTML document (Electron: webContents.printToPDF). */
  printToPdf: PrintToPdfResponse;
  syncStatus: SyncStatusResponse;
  syncEnroll: SyncEnrollResponse;
  syncForget: { readonly status: 'forgotten' };
  syncPush: SyncResult<PushResponse>;
  syncPull: SyncResult<PullResponse>;
  /** The backups folder and what is in it (desktop); web mode has no folder. */
  backupsList: BackupsListResponse;
  /** Check (SHA-256), write atomically into the folder, read back, then prune by the retention policy. */
  backupsWrite: BackupsWriteResponse;
  /** A backup from the folder, by name, for a restore. */
  backupsRead: BackupFileResponse;
  /** A backup file the facilitator picks (USB stick, another folder). */
  backupsOpenFile: BackupFileResponse;
  backupsOpenFolder: { status: 'opened' } | { status: 'unsupported' | 'error'; message: string };
  /** Pick another folder (a network drive, a USB stick): checked writable before it is used. */
  backupsChooseFolder: { status: 'canceled' } | { status: 'changed'; folder: string } | { status: 'unsupported' | 'error'; message: string };
  /** The renderer finished (or skipped) the backup main asked for before closing. */
  backupsQuitDone: { status: 'ok' };
}

/**
 * What the renderer passes to each method: the app's own types (change values are JSON, not
 * `unknown`), each of which the method's schema must accept (checked below).
 */
export interface IpcRequests {
  appInfo: undefined;
  takeNotices: undefined;
  openTextFile: OpenTextFileRequest;
  openBinaryFile: OpenTextFileRequest;
  saveFile: SaveFileRequest;
  openRoomView: OpenRoomViewRequest;
  printToPdf: PrintToPdfRequest;
  syncStatus: undefined;
  syncEnroll: SyncEnrollRequest;
  syncForget: undefined;
  syncPush: PushRequest;
  syncPull: PullRequestInput;
  backupsList: undefined;
  backupsWrite: BackupsWriteRequest;
  backupsRead: BackupsReadRequest;
  backupsOpenFile: undefined;
  backupsOpenFolder: undefined;
  backupsChooseFolder: undefined;
  backupsQuitDone: BackupsQuitDoneRequest;
}
type AllTrue<T extends { [M in IpcMethod]: true }> = T;
// A request type the schema would refuse is a type error here, not a runtime rejection.
type _IpcRequestsFitTheirSchemas = AllTrue<{ [M in IpcMethod]: IpcRequests[M] extends z.input<(typeof ipcRequests)[M]> ? true : false }>;

export type IpcRequest<M extends IpcMethod> = IpcRequests[M];
/** The request as a handler receives it: validated, with zod's defaults and trimming applied. */
export type IpcValidRequest<M extends IpcMethod> = z.output<(typeof ipcRequests)[M]>;
export type IpcResponse<M extends IpcMethod> = IpcResponses[M];

/** One named async function per method, nothing generic; methods without a request take no argument. */
export type IpcApi = {
  [M in IpcMethod]: IpcRequest<M> extends undefined ? () => Promise<IpcResponse<M>> : (request: IpcRequest<M>) => Promise<IpcResponse<M>>;
};

/** What the renderer may call: the IPC methods plus the menu's commands from main. */
export interface RendererApi extends IpcApi {
  /** Calls back for each app-menu command (desktop) or its shortcut (web); returns the unsubscribe. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Calls back when main asks for a backup before the app closes (desktop only); returns the unsubscribe. */
  onBackupRequest(listener: (request: BackupRequest) => void): () => void;
}

export { API_KEY } from './apiKey';
export { IPC_METHODS, IPC_METHOD_NAMES, type IpcMethod } from './ipcChannels';
