/**
 * Reads for the backups screens: the folder's list (main), and what a backup holds before anything
 * is restored from it (checked here, in the renderer, where the store is).
 */
import type Dexie from 'dexie';
import type { BackupHeader } from '@shared/backup/format';
import type { BackupsListResponse, RendererApi } from '@shared/ipc';
import { readOutboxEntry, type StoredOutboxEntry } from '../../db/capture/syncTables';
import type { Repositories } from '../../db/repositories';
import { CURRENT_SCHEMA_VERSION } from '../../db/schema';
import { openBackup, type OpenedBackup, type StoreDump } from './storeFile';

export function listBackups(bridge: Pick<RendererApi, 'backupsList'>): Promise<BackupsListResponse> {
  return bridge.backupsList();
}

export interface RestorePreview {
  header: BackupHeader;
  encrypted: boolean;
  fileBytes: number;
  /** The backup comes from an older app: its data is upgraded on the way in. */
  upgrades: boolean;
  /**
   * Changes made on this laptop that have not reached the council server and are not in the
   * backup: a restore loses them unless the laptop syncs first.
   */
  unsentLost: number;
}

/**
 * Open and check a backup file (passphrase, format, checksum, app, schema version) and say what
 * restoring it would mean. Throws BackupFileError with a sentence for the facilitator; changes nothing.
 */
export async function inspectBackup(
  repos: Pick<Repositories, 'db'> | { db: Dexie },
  file: Uint8Array,
  options: { passphrase?: string; pause?: () => Promise<void> } = {},
): Promise<{ backup: OpenedBackup; preview: RestorePreview }> {
  const backup = await openBackup(file, { passphrase: options.passphrase, currentSchemaVersion: CURRENT_SCHEMA_VERSION, pause: options.pause });
  const unsentLost = await unsentChangesLost(repos.db, backup.store);
  return {
    backup,
    preview: {
      header: backup.header,
      encrypted: backup.encrypted,
      fileBytes: backup.fileBytes,
      upgrades: backup.header.schemaVersion < CURRENT_SCHEMA_VERSION,
      unsentLost,
    },
  };
}

/** Changes in this laptop's outbox that the backup does not hold (by opId). */
export async function unsentChangesLost(db: Dexie, store: StoreDump): Promise<number> {
  if (!db.tables.some((t) => t.name === 'syncOutbox')) return 0;
  const inBackup = new Set<string>();
  const stored = (store.data.data.find((t) => t.tableName === 'syncOutbox')?.rows ?? []) as StoredOutboxEntry[];
  for (const entry of stored) for (const c of readOutboxEntry(entry).changes) inBackup.add(c.opId);
  let lost = 0;
  await db.table<StoredOutboxEntry, number>('syncOutbox').each((entry) => {
    for (const c of readOutboxEntry(entry).changes) if (!inBackup.has(c.opId)) lost++;
  });
  return lost;
}
