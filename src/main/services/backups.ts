/**
 * The backups folder, kept by the main process (the renderer makes the file; only main touches
 * the disk). Invariants:
 * - a backup is checked (its SHA-256, with node:crypto) before it is written, written atomically
 *   (temp file, fsync, rename), and read back and checked again: a file in the folder is whole;
 * - retention (src/shared/backup/retention.ts) runs only after the new backup is safely written,
 *   and deletes only files named like the app's own backups: a failed write (disk full, USB stick
 *   pulled) leaves every existing backup untouched;
 * - the renderer names a backup by file name only; main joins it to the folder it chose.
 * No `electron` import: dialogs and "open the folder" come in from index.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { localDate, nowMs } from '../../shared/clock';
import { backupFileName, parseBackupFileName } from '../../shared/backup/fileName';
import {
  BACKUP_EXTENSION,
  BackupFileError,
  HEADER_PREFIX_BYTES,
  TAIL_BYTES,
  completenessProblem,
  formatSize,
  openBackupFile,
  readBackupHeader,
  type Sha256,
} from '../../shared/backup/format';
import { backupsToRemove } from '../../shared/backup/retention';
import type { BackupRequest } from '../../shared/ipcChannels';
import {
  MAX_BACKUP_BYTES,
  type BackupFileResponse,
  type BackupListEntry,
  type BackupsListResponse,
  type BackupsWriteRequest,
  type BackupsWriteResponse,
  type IpcResponse,
} from '../../shared/ipc';
import { atomicWriteFile, type AtomicFs } from './atomicWriteFile';
import { FileServiceError, describeFileError } from './fileErrors';

export const nodeSha256: Sha256 = async (data) => new Uint8Array(createHash('sha256').update(data).digest());

/** The fs calls the service makes, injectable so tests can fail any step (disk full, a gone folder). */
export interface BackupFs extends AtomicFs {
  readFile: typeof nodeFs.readFile;
  readdir: typeof nodeFs.readdir;
  stat: typeof nodeFs.stat;
  mkdir: typeof nodeFs.mkdir;
}

export interface BackupServiceOptions {
  /** Used until the facilitator chooses another: <userData>/Backups. */
  defaultFolder: string;
  /** Where the chosen folder is remembered: <userData>/backup-settings.json. */
  settingsFile: string;
  fs?: BackupFs;
  log?: (message: string) => void;
}

export interface BackupService {
  folder(): Promise<string>;
  list(): Promise<BackupsListResponse>;
  write(request: BackupsWriteRequest): Promise<BackupsWriteResponse>;
  /** A backup in the folder, by file name. */
  read(name: string): Promise<BackupFileResponse>;
  /** A backup file anywhere, picked by the facilitator in the open dialog. */
  readFile(path: string): Promise<BackupFileResponse>;
  setFolder(path: string): Promise<IpcResponse<'backupsChooseFolder'>>;
}

const SETTINGS_VERSION = 1;

export function createBackupService(options: BackupServiceOptions): BackupService {
  const fs = options.fs ?? (nodeFs as BackupFs);
  const log = options.log ?? (() => undefined);

  async function folder(): Promise<string> {
    try {
      const saved = JSON.parse(await fs.readFile(options.settingsFile, 'utf8')) as { version?: unknown; folder?: unknown };
      if (saved.version === SETTINGS_VERSION && typeof saved.folder === 'string' && isAbsolute(saved.folder)) return saved.folder;
    } catch {
      // No choice made yet (or an unreadable settings file): the default folder.
    }
    return options.defaultFolder;
  }

  async function entryOf(dir: string, name: string): Promise<BackupListEntry | null> {
    const path = join(dir, name);
    let bytes: number;
    try {
      const st = await fs.stat(path);
      if (!st.isFile()) return null;
      bytes = st.size;
    } catch {
      return null;
    }
    const named = parseBackupFileName(name);
    const entry: BackupListEntry = {
      name,
      bytes,
      createdAt: named?.createdAt ?? '',
      reason: named?.reason ?? 'manual',
      encrypted: false,
      header: null,
      problem: null,
    };
    try {
      const located = readBackupHeader(await readPrefix(path, HEADER_PREFIX_BYTES));
      const incomplete = completenessProblem(located, bytes, await readAt(path, Math.max(0, bytes - TAIL_BYTES), TAIL_BYTES));
      if (incomplete) throw incomplete;
      const { header } = located;
      return {
        ...entry,
        createdAt: header.createdAt,
        reason: header.reason,
        header: { appVersion: header.appVersion, schemaVersion: header.schemaVersion, tables: header.tables, summary: header.summary },
      };
    } catch (error) {
      if (error instanceof BackupFileError && error.problem === 'encrypted') return { ...entry, encrypted: true };
      if (error instanceof BackupFileError) return { ...entry, problem: error.message, refusal: error.refusal };
      return { ...entry, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  const readPrefix = (path: string, n: number) => readAt(path, 0, n);

  async function readAt(path: string, position: number, n: number): Promise<Uint8Array> {
    const handle = await fs.open(path, 'r');
    try {
      const buffer = new Uint8Array(n);
      const { bytesRead } = await handle.read(buffer, 0, n, position);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  async function list(): Promise<BackupsListResponse> {
    const dir = await folder();
    let names: string[];
    try {
      names = (await fs.readdir(dir)).filter((n) => n.endsWith(`.${BACKUP_EXTENSION}`) && !n.startsWith('.'));
    } catch (error) {
      // No backup made yet: the default folder does not exist until the first one.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && dir === options.defaultFolder) return { status: 'ok', folder: dir, backups: [] };
      return { status: 'error', folder: dir, message: describeFileError(error, dir, 'read') };
    }
    const entries = (await Promise.all(names.map((n) => entryOf(dir, n)))).filter((e): e is BackupListEntry => e !== null);
    entries.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : -1));
    return { status: 'ok', folder: dir, backups: entries };
  }

  async function write(request: BackupsWriteRequest): Promise<BackupsWriteResponse> {
    let header;
    try {
      ({ header } = await openBackupFile(request.data, nodeSha256));
    } catch (error) {
      // The renderer made it moments ago: a file that does not check out here must not replace a good one.
      return { status: 'error', message: `The backup was not saved: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (header.reason !== request.reason) return { status: 'error', message: 'The backup was not saved: it does not say why it was made.' };
    const dir = await folder();
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (error) {
      return { status: 'error', message: describeFileError(error, dir, 'save') };
    }
    let name = backupFileName(header.createdAt, header.reason);
    for (let n = 1; (await exists(join(dir, name))) && n < 100; n++) name = backupFileName(header.createdAt, header.reason, n);
    const path = join(dir, name);
    try {
      await atomicWriteFile(path, request.data, fs);
      // Read back what the disk kept: a USB stick or network drive that acknowledged a write it
      // did not keep must not leave a backup that fails on the day it is needed.
      const kept = new Uint8Array(await fs.readFile(path));
      if (!equalBytes(await nodeSha256(kept), await nodeSha256(request.data))) {
        await fs.unlink(path).catch(() => undefined);
        return { status: 'error', message: `The backup was written to ${dir} but did not read back the same. Check the disk, or choose another folder.` };
      }
    } catch (error) {
      return { status: 'error', message: error instanceof FileServiceError ? error.message : describeFileError(error, path, 'save') };
    }
    log(`backup ${name} written (${formatSize(request.data.length)}, ${header.reason})`);
    const removed = await prune(dir, name);
    const backup = (await entryOf(dir, name))!;
    return { status: 'saved', folder: dir, backup, removed };
  }

  async function prune(dir: string, justWritten: string): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return [];
    }
    const named = names.map(parseBackupFileName).filter((b) => b !== null);
    const doomed = backupsToRemove(named, nowMs(), (iso) => localDate(new Date(iso))).filter((n) => n !== justWritten);
    const removed: string[] = [];
    for (const name of doomed) {
      try {
        await fs.unlink(join(dir, name));
        removed.push(name);
      } catch (error) {
        log(`could not remove old backup ${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return removed;
  }

  async function exists(path: string): Promise<boolean> {
    try {
      await fs.stat(path);
      return true;
    } catch {
      return false;
    }
  }

  async function readWhole(path: string, name: string): Promise<BackupFileResponse> {
    try {
      const st = await fs.stat(path);
      if (!st.isFile()) return { status: 'error', message: `${name} is not a file.` };
      if (st.size > MAX_BACKUP_BYTES)
        return { status: 'error', message: `${name} is ${formatSize(st.size)}; a backup may be at most ${formatSize(MAX_BACKUP_BYTES)}.` };
      const buffer = await fs.readFile(path);
      return { status: 'ok', name, data: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
    } catch (error) {
      return { status: 'error', message: describeFileError(error, path, 'read') };
    }
  }

  return {
    folder,
    list,
    write,
    async read(name) {
      // A name, never a path: nothing outside the folder can be asked for.
      if (basename(name) !== name || !name.endsWith(`.${BACKUP_EXTENSION}`) || name.startsWith('.'))
        return { status: 'error', message: `${name} is not a backup in the backups folder.` };
      return readWhole(join(await folder(), name), name);
    },
    readFile(path) {
      return readWhole(path, basename(path));
    },
    async setFolder(path) {
      if (!isAbsolute(path)) return { status: 'error', message: `${path} is not a full folder path.` };
      // Proven writable before it is used, so the next automatic backup does not fail there.
      const probe = join(path, `.common-ground-write-check-${randomBytes(4).toString('hex')}`);
      try {
        await atomicWriteFile(probe, 'Common Ground checks it can write backups here.', fs);
        await fs.unlink(probe);
        await atomicWriteFile(options.settingsFile, `${JSON.stringify({ version: SETTINGS_VERSION, folder: path }, null, 2)}\n`, fs);
      } catch (error) {
        await fs.unlink(probe).catch(() => undefined);
        return { status: 'error', message: error instanceof Error ? error.message : String(error) };
      }
      log(`backups folder changed to ${path}`);
      return { status: 'changed', folder: path };
    },
  };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Before the main window closes, the renderer (which holds the store) is asked for a last backup;
 * the window closes when it answers, or after `timeoutMs` if it cannot (hung, crashed).
 */
export interface QuitBackupGate {
  /** Ask (once per close); resolves when the renderer answered or the time is up. */
  ask(send: (request: BackupRequest) => void): Promise<'answered' | 'timed-out'>;
  /** The renderer's answer to a request. */
  answer(requestId: string): void;
}

export function createQuitBackupGate(options: { timeoutMs?: number; newId?: () => string } = {}): QuitBackupGate {
  const waiting = new Map<string, () => void>();
  return {
    ask(send) {
      const requestId = options.newId?.() ?? randomBytes(8).toString('hex');
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(requestId);
          resolve('timed-out');
        }, options.timeoutMs ?? 30_000);
        waiting.set(requestId, () => {
          clearTimeout(timer);
          waiting.delete(requestId);
          resolve('answered');
        });
        try {
          send({ reason: 'quit', requestId });
        } catch {
          waiting.get(requestId)?.();
        }
      });
    },
    answer(requestId) {
      waiting.get(requestId)?.();
    },
  };
}

/** The window events the close guard needs (a BrowserWindow in the app, a fake in tests). */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
  isDestroyed(): boolean;
}

/**
 * Holds the window's close until the renderer has made its last backup (or could not), hiding the
 * window meanwhile so the facilitator sees it close at once. `closed` then finishes what was
 * asked: close the window again, or quit the app again if that was the request.
 */
export function backUpBeforeClosing(win: ClosableWindow, gate: QuitBackupGate, send: (request: BackupRequest) => void, closed: () => void): void {
  let state: 'open' | 'asking' | 'done' = 'open';
  win.on('close', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'asking') return;
    state = 'asking';
    win.hide();
    void gate.ask(send).then(() => {
      state = 'done';
      if (!win.isDestroyed()) closed();
    });
  });
}
