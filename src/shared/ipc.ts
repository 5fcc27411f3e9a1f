/**
 * THE typed IPC contract between main and preload. Each method's channel is named once, in
 * ipcChannels.ts; here are its request schema and response type. Preload binds the API and main
 * registers the handlers from those tables, so neither can bind a method to the wrong channel.
 */
import { z } from 'zod';
import type { IpcMethod, MenuCommand } from './ipcChannels';
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
export type OpenTextFileResponse = { status: 'canceled' } | { status: 'ok'; name: string; text: string } | { status: 'error'; message: string };

/** A file read whole as bytes (an Excel workbook), asked for with an OpenTextFileRequest: the same dialog fields and size cap. */
export type OpenBinaryFileResponse = { status: 'canceled' } | { status: 'ok'; name: string; data: Uint8Array } | { status: 'error'; message: string };

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
}

export { API_KEY } from './apiKey';
export { IPC_METHODS, IPC_METHOD_NAMES, type IpcMethod } from './ipcChannels';
