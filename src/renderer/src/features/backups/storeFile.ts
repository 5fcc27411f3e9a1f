/**
 * The whole store to a backup file and back, in the renderer (IndexedDB lives here). The dump is
 * dexie-export-import's JSON, taken in ONE read transaction so the file is a consistent snapshot
 * (a write either is in it entirely or not at all): read directly (rawStore.ts) when every value
 * is plain JSON, else by the library itself; the file format is src/shared/backup/format.ts.
 * Work is cut into short slices (rows read in chunks, compression in slices with a yield between)
 * so an automatic backup never freezes the window the facilitator is typing in.
 */
import type Dexie from 'dexie';
import { exportDB } from 'dexie-export-import';
import { nowIso } from '@shared/clock';
import { decryptBackup } from '@shared/backup/encryption';
import {
  BackupFileError,
  encodeBackupFile,
  isEncryptedBackup,
  openBackupFile,
  readBackupHeader,
  schemaProblem,
  type BackupHeader,
  type BackupReason,
  type Sha256,
} from '@shared/backup/format';
import { gunzipPayload, gzipPayload } from '@shared/backup/payload';
import { dumpStore } from './rawStore';

/** The dexie-export-import JSON (its own type is not exported by the package). */
export interface StoreDump {
  formatName: 'dexie';
  formatVersion: number;
  data: {
    databaseName: string;
    databaseVersion: number;
    tables: Array<{ name: string; schema: string; rowCount: number }>;
    data: Array<{ tableName: string; inbound: boolean; rows: unknown[] }>;
  };
}

export interface OpenedBackup {
  header: BackupHeader;
  /** Parsed store, consumed by a restore (dexie-export-import takes the rows out as it writes them). */
  store: StoreDump;
  encrypted: boolean;
  /** The file's size on disk. */
  fileBytes: number;
}

/** WebCrypto's SHA-256 (main checks the same sum with node:crypto before writing a file). */
export const webSha256: Sha256 = async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));

/**
 * Give the UI a turn. scheduler.yield where Chromium has it; otherwise a message-channel hop,
 * which (unlike setTimeout) is not throttled to once a second in a hidden or minimized window.
 */
export function yieldToUi(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s?.yield) return s.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Rows per read: short tasks while an automatic backup runs beside the facilitator's typing. */
const ROWS_PER_CHUNK = 250;
const MAX_COUNCIL_NAMES = 50;

export interface DumpOptions {
  reason: BackupReason;
  appVersion: string;
  /** Yield between slices (the app passes yieldToUi; tests may pass nothing). */
  pause?: () => Promise<void>;
  level?: 1 | 3 | 6 | 9;
}

/** A backup file of the whole store, as it is at one instant. */
export async function makeBackupFile(db: Dexie, options: DumpOptions): Promise<{ bytes: Uint8Array<ArrayBuffer>; header: BackupHeader }> {
  const has = (name: string) => db.tables.some((t) => t.name === name);
  let newest: string | null = null;
  let createdAt = '';
  const tables: Record<string, number> = {};
  let councils: string[] = [];
  let unsentChanges = 0;
  let blob: Blob | undefined;
  if (!db.isOpen()) await db.open();
  // User-timing marks: where a backup's time goes shows in a profile (and in the bench).
  performance.mark('backup:start');
  const newer = (value: unknown) => {
    // "The newest change" the restore preview shows: the latest stamp on any record.
    const stamp = (value as { updatedAt?: unknown } | null)?.updatedAt;
    if (typeof stamp === 'string' && (newest === null || stamp > newest)) newest = stamp;
  };
  let json: Uint8Array | Uint8Array[];
  const raw = await dumpStore(db, (table, row) => {
    newer(row);
    if (table === 'councils') councils.push(String(row.name ?? ''));
    else if (table === 'syncMeta' && row.key === 'pending') unsentChanges = (row as { n?: number }).n ?? 0;
  });
  if (raw) {
    createdAt = raw.createdAt;
    Object.assign(tables, raw.rows);
    councils.sort((a, b) => a.localeCompare(b));
    json = await encodeParts(raw.parts, options.pause);
  } else {
    // A store holding values plain JSON cannot carry (dates, binary data): dexie-export-import's typeson.
    councils = [];
    newest = null;
    await db.transaction('r', db.tables, async () => {
      createdAt = nowIso();
      for (const table of db.tables) tables[table.name] = await table.count();
      if (has('councils'))
        councils = (await db.table<{ name?: unknown }>('councils').toArray()).map((c) => String(c.name ?? '')).sort((a, b) => a.localeCompare(b));
      if (has('syncMeta')) unsentChanges = ((await db.table('syncMeta').get('pending')) as { n?: number } | undefined)?.n ?? 0;
      blob = await exportDB(db, {
        noTransaction: true,
        numRowsPerChunk: ROWS_PER_CHUNK,
        transform: (_table, value) => {
          newer(value);
          return { value };
        },
      });
    });
    json = new Uint8Array(await blob!.arrayBuffer());
  }
  performance.mark('backup:exported');
  // Level 1: the store's JSON shrinks to about a sixth either way; higher levels take twice as long.
  const payload = await gzipPayload(json, { pause: options.pause, level: options.level ?? 1, sliceBytes: 1024 * 1024 });
  performance.mark('backup:compressed');
  const headerInput = {
    appVersion: options.appVersion,
    schemaVersion: db.verno,
    createdAt,
    reason: options.reason,
    tables,
    summary: {
      councils: councils.slice(0, MAX_COUNCIL_NAMES).map((n) => n.slice(0, 200)),
      councilCount: councils.length,
      teams: tables.teams ?? 0,
      meetings: tables.meetings ?? 0,
      newestChangeAt: newest,
      unsentChanges,
    },
    payload: { uncompressedBytes: Array.isArray(json) ? json.reduce((n, part) => n + part.length, 0) : json.length },
  };
  const bytes = await encodeBackupFile(headerInput, payload, webSha256);
  performance.mark('backup:encoded');
  return { bytes, header: readBackupHeader(bytes).header };
}

/**
 * The dump's text as UTF-8 bytes, a part (up to 500 rows) at a time, giving the UI a turn every
 * few MB; kept in parts (joining 100+ MB into one buffer would be one long task).
 */
async function encodeParts(parts: readonly string[], pause?: () => Promise<void>): Promise<Uint8Array[]> {
  const encoder = new TextEncoder();
  const encoded: Uint8Array[] = [];
  let sinceYield = 0;
  for (const part of parts) {
    const bytes = encoder.encode(part);
    encoded.push(bytes);
    sinceYield += bytes.length;
    if (pause && sinceYield > 8 * 1024 * 1024) {
      sinceYield = 0;
      await pause();
    }
  }
  return encoded;
}

export interface ReadOptions {
  passphrase?: string;
  /** The schema version this app runs (a newer backup is refused before it is unpacked). */
  currentSchemaVersion: number;
  pause?: () => Promise<void>;
}

/**
 * Read and check a backup before anything changes: passphrase, format, checksum, app, schema
 * version, and that its contents are a store. Throws BackupFileError with a sentence otherwise.
 */
export async function openBackup(file: Uint8Array, options: ReadOptions): Promise<OpenedBackup> {
  const encrypted = isEncryptedBackup(file);
  let plain = file;
  if (encrypted) {
    if (!options.passphrase)
      throw new BackupFileError('encrypted', 'This backup is protected with a passphrase. Enter it to open the backup.', { code: 'needsPassphrase' });
    plain = await decryptBackup(file, options.passphrase);
  }
  const { header, payload } = await openBackupFile(plain, webSha256);
  const newer = schemaProblem(header, options.currentSchemaVersion);
  if (newer) throw newer;
  const json = await gunzipPayload(payload, header.payload.uncompressedBytes, { pause: options.pause });
  let store: StoreDump;
  try {
    store = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json)) as StoreDump;
  } catch {
    throw new BackupFileError('damaged', 'The backup’s contents are not readable data.', { code: 'notData' });
  }
  const problem = storeProblem(store, header);
  if (problem) throw new BackupFileError('damaged', `The backup’s contents are not a Common Ground store: ${problem}.`, { code: 'notAStore', detail: problem });
  return { header, store, encrypted, fileBytes: file.length };
}

/** What dexie-export-import will rely on, checked up front so a restore never starts on a bad dump. */
function storeProblem(store: StoreDump, header: BackupHeader): string | null {
  if (store?.formatName !== 'dexie' || typeof store.data !== 'object' || store.data === null) return 'it is not a database export';
  if (store.data.databaseVersion !== header.schemaVersion)
    return `its data version (${store.data.databaseVersion}) is not the one its description gives (${header.schemaVersion})`;
  if (!Array.isArray(store.data.tables) || !Array.isArray(store.data.data)) return 'its tables are missing';
  const names = new Set(store.data.tables.map((t) => t.name));
  for (const t of store.data.data) {
    if (!names.has(t.tableName) || !Array.isArray(t.rows)) return `table ${String(t.tableName)} is not described`;
    if ((header.tables[t.tableName] ?? -1) !== t.rows.length)
      return `table ${t.tableName} holds ${t.rows.length} rows, not the ${header.tables[t.tableName] ?? 0} its description gives`;
  }
  return null;
}
