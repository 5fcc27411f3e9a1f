/**
 * Backups in web mode. A browser tab has no folder of its own that outlives its profile, so:
 * "Back up now" downloads the file, a restore takes a file the person picks, and automatic
 * backups (every 15 minutes, on quit, before an upgrade) are the desktop app's. The revert point
 * before a restore is downloaded too, so it survives even if the profile is wiped later.
 *
 * e2e tests expose the REAL main-process backup service as page bindings
 * (window.cgBackupServices), so only Electron's IPC transport is swapped out.
 */
import { backupFileName } from '@shared/backup/fileName';
import { formatSize, readBackupHeader } from '@shared/backup/format';
import {
  MAX_BACKUP_BYTES,
  type BackupFileResponse,
  type BackupsListResponse,
  type BackupsWriteResponse,
  type IpcResponse,
  type RendererApi,
} from '@shared/ipc';

type BackupApi = Pick<
  RendererApi,
  'backupsList' | 'backupsWrite' | 'backupsRead' | 'backupsOpenFile' | 'backupsOpenFolder' | 'backupsChooseFolder' | 'backupsQuitDone' | 'onBackupRequest'
>;

/** Bytes cross a page binding as base64 (a number[] of a few MB would be a very long JSON array). */
type Wire<T> = T extends { data: Uint8Array } ? Omit<T, 'data'> & { data: string } : T;

export interface ExposedBackupServices {
  list(): Promise<BackupsListResponse>;
  write(request: { reason: string; data: string }): Promise<BackupsWriteResponse>;
  read(request: { name: string }): Promise<Wire<BackupFileResponse>>;
  openFile(): Promise<Wire<BackupFileResponse>>;
  openFolder(): Promise<IpcResponse<'backupsOpenFolder'>>;
  chooseFolder(): Promise<IpcResponse<'backupsChooseFolder'>>;
}

const exposed = (): ExposedBackupServices | undefined => (window as unknown as { cgBackupServices?: ExposedBackupServices }).cgBackupServices;

export const WEB_BACKUPS_MESSAGE =
  'In the browser, a backup is a file you download: use Back up now and keep the file somewhere safe. Automatic backups are made by the desktop app.';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

export function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

const fromWire = (r: Wire<BackupFileResponse>): BackupFileResponse => (r.status === 'ok' ? { ...r, data: fromBase64(r.data) } : r);

function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function pickBackupFile(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.cgbackup,application/octet-stream';
    input.style.display = 'none';
    input.dataset.testid = 'bridge-backup-input';
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

export function createBrowserBackups(): BackupApi {
  return {
    async backupsList() {
      const s = exposed();
      return s ? s.list() : { status: 'unsupported', message: WEB_BACKUPS_MESSAGE };
    },
    async backupsWrite(request) {
      const s = exposed();
      if (s) return s.write({ reason: request.reason, data: toBase64(request.data) });
      if (request.reason !== 'manual' && request.reason !== 'before-restore') return { status: 'unsupported', message: WEB_BACKUPS_MESSAGE };
      let name: string;
      try {
        name = backupFileName(readBackupHeader(request.data).header.createdAt, request.reason);
      } catch {
        name = `common-ground-${request.reason}.cgbackup`;
      }
      download(request.data, name);
      return { status: 'downloaded', name };
    },
    async backupsRead(request) {
      const s = exposed();
      return s ? fromWire(await s.read(request)) : { status: 'error', message: WEB_BACKUPS_MESSAGE };
    },
    async backupsOpenFile() {
      const s = exposed();
      if (s) return fromWire(await s.openFile());
      const file = await pickBackupFile();
      if (!file) return { status: 'canceled' };
      if (file.size > MAX_BACKUP_BYTES)
        return { status: 'error', message: `${file.name} is ${formatSize(file.size)}; a backup may be at most ${formatSize(MAX_BACKUP_BYTES)}.` };
      return { status: 'ok', name: file.name, data: new Uint8Array(await file.arrayBuffer()) };
    },
    async backupsOpenFolder() {
      const s = exposed();
      return s ? s.openFolder() : { status: 'unsupported', message: WEB_BACKUPS_MESSAGE };
    },
    async backupsChooseFolder() {
      const s = exposed();
      return s ? s.chooseFolder() : { status: 'unsupported', message: WEB_BACKUPS_MESSAGE };
    },
    async backupsQuitDone() {
      return { status: 'ok' };
    },
    // A browser tab is closed without asking the page: nothing to answer.
    onBackupRequest() {
      return () => undefined;
    },
  };
}
