/**
 * THE typed IPC contract between main and preload: one map channel -> {request, response}.
 * Main validates every request with the zod schema here (the renderer is untrusted input);
 * preload exposes one named function per channel and `satisfies` RendererApi.
 */
import { z } from 'zod';
import { SyncEnrollRequest, type SyncConnection, type SyncEnrollResponse, type SyncResult, type SyncStatusResponse } from './sync/connection';
import { PullRequest, PushRequest, type PullResponse, type PushResponse } from './sync/protocol';

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

export const ipcContract = {
  'app:info': { request: Empty, response: null as unknown as AppInfo },
  'file:open-text': { request: OpenTextFileRequest, response: null as unknown as OpenTextFileResponse },
  'file:save': { request: SaveFileRequest, response: null as unknown as SaveFileResponse },
  'window:open-room-view': { request: OpenRoomViewRequest, response: null as unknown as { status: 'opened' } },
  'file:print-pdf': { request: PrintToPdfRequest, response: null as unknown as PrintToPdfResponse },
  // Sync runs in main so the device token never enters the renderer (see sync/connection.ts).
  'sync:status': { request: Empty, response: null as unknown as SyncStatusResponse },
  'sync:enroll': { request: SyncEnrollRequest, response: null as unknown as SyncEnrollResponse },
  'sync:forget': { request: Empty, response: null as unknown as { readonly status: 'forgotten' } },
  'sync:push': { request: PushRequest, response: null as unknown as SyncResult<PushResponse> },
  'sync:pull': { request: PullRequest, response: null as unknown as SyncResult<PullResponse> },
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = IpcContract[C]['response'];

/** What the renderer may call: one named async function per channel, nothing generic. */
export interface RendererApi extends SyncConnection {
  appInfo(): Promise<AppInfo>;
  openTextFile(request: OpenTextFileRequest): Promise<OpenTextFileResponse>;
  saveFile(request: SaveFileRequest): Promise<SaveFileResponse>;
  /** The projector window: a second window (desktop) or tab (web) showing the room view. */
  openRoomView(request: OpenRoomViewRequest): Promise<{ status: 'opened' }>;
  /** Chromium's print-to-PDF of a self-contained HTML document (Electron: webContents.printToPDF). */
  printToPdf(request: PrintToPdfRequest): Promise<PrintToPdfResponse>;
}

export { API_KEY } from './apiKey';
