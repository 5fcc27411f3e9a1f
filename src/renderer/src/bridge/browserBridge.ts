import type { AppInfo, OpenTextFileRequest, OpenTextFileResponse, RendererApi, SaveFileRequest, SaveFileResponse } from '@shared/ipc';
import type { SyncConnection } from '@shared/sync/connection';
import { enrollmentAddressProblem } from '@shared/serverAddress';
import { createBrowserBackups } from './browserBackups';
import { listenForMenuShortcuts } from './menuShortcuts';

/**
 * Web mode's bridge. Tests may expose the REAL main-process services as page bindings
 * (window.cgServices.*) so only Electron's IPC transport is swapped out; a user's browser has
 * none, and falls back to a file input and a download.
 */
interface ExposedServices {
  printToPdf?: (request: { html: string }) => Promise<{ status: 'ok'; data: number[] } | { status: 'error'; message: string }>;
  openTextFile?: (request: OpenTextFileRequest) => Promise<OpenTextFileResponse>;
  saveFile?: (request: Omit<SaveFileRequest, 'data'> & { data: string | number[] }) => Promise<SaveFileResponse>;
}

const services = (): ExposedServices => (window as unknown as { cgServices?: ExposedServices }).cgServices ?? {};

function pickFile(request: OpenTextFileRequest): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = request.filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
    input.style.display = 'none';
    input.dataset.testid = 'bridge-file-input';
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve(null);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** The web mode's sync client; loaded with the sync service once the first screen is up. */
export const loadSyncConnection = () => import('./syncConnection');

export function createBrowserBridge(): RendererApi {
  // Web mode talks to the sync server itself, within the page's CSP connect-src. Created on
  // first use: localStorage can throw (storage disabled) and must not break the whole bridge; its
  // code (the wire format) loads then too, not with the first screen. A failure is not kept: the
  // next call tries again.
  let connection: Promise<SyncConnection> | undefined;
  const sync = (): Promise<SyncConnection> => {
    connection ??= loadSyncConnection().then(({ createBrowserSyncConnection }) => createBrowserSyncConnection());
    connection.catch(() => (connection = undefined));
    return connection;
  };
  return {
    ...createBrowserBackups(),
    syncStatus: async () => (await sync()).syncStatus(),
    async syncEnroll(request) {
      // The same rule as the desktop's main process: never send the code over plain http to another machine.
      const problem = enrollmentAddressProblem(request.serverUrl);
      if (problem) return { status: 'error', kind: 'rejected', message: problem };
      return (await sync()).syncEnroll(request);
    },
    syncForget: async () => (await sync()).syncForget(),
    syncPush: async (request) => (await sync()).syncPush(request),
    syncPull: async (request) => (await sync()).syncPull(request),
    async appInfo(): Promise<AppInfo> {
      return { name: 'Common Ground', version: __APP_VERSION__, platform: navigator.platform, mode: 'web' };
    },
    // Nothing in a browser tab outlives a crash except the page's own storage: nothing to tell.
    async takeNotices() {
      return [];
    },
    onMenuCommand(listener) {
      return listenForMenuShortcuts(window, /mac/i.test(navigator.platform), listener);
    },
    async openTextFile(request) {
      const exposed = services().openTextFile;
      if (exposed) return exposed(request);
      const file = await pickFile(request);
      if (!file) return { status: 'canceled' };
      if (file.size > request.maxBytes) {
        return {
          status: 'error',
          message: `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(request.maxBytes)}.`,
          problem: { code: 'tooLarge', name: file.name, size: file.size, limit: request.maxBytes },
        };
      }
      const buffer = new Uint8Array(await file.arrayBuffer());
      if (buffer.includes(0)) return { status: 'error', message: `${file.name} is not a text file.`, problem: { code: 'notText', name: file.name } };
      try {
        const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
        return { status: 'ok', name: file.name, text };
      } catch {
        return {
          status: 'error',
          message: `${file.name} is not UTF-8 text. Save it as "CSV UTF-8" and try again.`,
          problem: { code: 'notUtf8', name: file.name },
        };
      }
    },
    // A browser cannot open a path: the person picks the file, and it is held to the same cap.
    async openBinaryFile(request) {
      const file = await pickFile(request);
      if (!file) return { status: 'canceled' };
      if (file.size > request.maxBytes) {
        return {
          status: 'error',
          message: `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(request.maxBytes)}. Nothing was imported.`,
          problem: { code: 'tooLarge', name: file.name, size: file.size, limit: request.maxBytes },
        };
      }
      return { status: 'ok', name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
    },
    async printToPdf(request) {
      const exposed = services().printToPdf;
      if (exposed) {
        const result = await exposed(request);
        return result.status === 'ok' ? { status: 'ok', data: new Uint8Array(result.data) } : result;
      }
      // A plain browser cannot print to a file by itself: the person uses Print > Save as PDF.
      return { status: 'unsupported', message: 'In web mode, open the HTML export and use your browser’s Print > Save as PDF.' };
    },
    async openRoomView({ sessionId }) {
      window.open(`#/room/${sessionId}`, `cg-room-${sessionId}`);
      return { status: 'opened' };
    },
    async saveFile(request) {
      const exposed = services().saveFile;
      if (exposed) {
        const data = typeof request.data === 'string' ? request.data : Array.from(request.data);
        return exposed({ ...request, data });
      }
      const blob = new Blob([request.data as BlobPart]);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = request.suggestedName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { status: 'saved', path: request.suggestedName };
    },
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
