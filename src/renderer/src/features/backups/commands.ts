/**
 * What a facilitator can do with backups, one function per use case. The store is read and
 * written here (storeFile.ts, restore.ts); the disk is main's, reached through the bridge.
 */
import type Dexie from 'dexie';
import { encryptBackup } from '@shared/backup/encryption';
import type { BackupHeader, BackupReason } from '@shared/backup/format';
import type { BackupsWriteResponse, RendererApi, SaveFileResponse } from '@shared/ipc';
import type { Repositories } from '../../db/repositories';
import { restoreStore, type RestoreOutcome } from './restore';
import { makeBackupFile, type OpenedBackup } from './storeFile';

export type BackupBridge = Pick<RendererApi, 'backupsWrite' | 'saveFile'>;

export interface BackupContext {
  appVersion: string;
  /** Yield to the UI between slices of work (the app passes yieldToUi). */
  pause?: () => Promise<void>;
}

type StoreOwner = Pick<Repositories, 'db'> | { db: Dexie };

/**
 * Back up the whole store now: into the backups folder (desktop: checked, written atomically,
 * old ones pruned by main), or as a download (web mode).
 */
export async function backUpNow(
  repos: StoreOwner,
  bridge: BackupBridge,
  context: BackupContext,
  reason: Extract<BackupReason, 'manual' | 'automatic' | 'quit'> = 'manual',
): Promise<{ result: BackupsWriteResponse; header: BackupHeader }> {
  const { bytes, header } = await makeBackupFile(repos.db, { reason, appVersion: context.appVersion, pause: context.pause });
  return { result: await bridge.backupsWrite({ reason, data: bytes }), header };
}

/**
 * A copy of the whole store saved where the facilitator chooses (a USB stick), protected with a
 * passphrase if one is given (age; see @shared/backup/encryption).
 */
export async function saveBackupCopy(
  repos: StoreOwner,
  bridge: BackupBridge,
  context: BackupContext,
  options: { passphrase?: string; workFactor?: number } = {},
): Promise<{ result: SaveFileResponse; header: BackupHeader; encrypted: boolean }> {
  const { bytes, header } = await makeBackupFile(repos.db, { reason: 'manual', appVersion: context.appVersion, pause: context.pause });
  const passphrase = options.passphrase?.trim() ? options.passphrase : undefined;
  const data = passphrase ? await encryptBackup(bytes, passphrase, { workFactor: options.workFactor }) : bytes;
  const day = header.createdAt.slice(0, 10);
  const result = await bridge.saveFile({
    title: 'Save a copy of the backup',
    suggestedName: `Common Ground backup ${day}${passphrase ? ' (protected)' : ''}.cgbackup`,
    filters: [{ name: 'Common Ground backup', extensions: ['cgbackup'] }],
    data,
  });
  return { result, header, encrypted: passphrase !== undefined };
}

import { RestoreRefused } from './words';

export { RestoreRefused };

/**
 * Restore a checked backup (see queries.inspectBackup): sync is paused (a round in flight must
 * not write into the restored store), a revert point of the store as it is now is written (a
 * file in the folder, or a download in web mode), then the store is replaced in one transaction.
 * If the revert point cannot be written, nothing is restored.
 */
export async function restoreBackup(
  repos: StoreOwner,
  bridge: BackupBridge,
  context: BackupContext & { pauseSync: () => Promise<void>; resumeSync?: () => void },
  backup: OpenedBackup,
): Promise<RestoreOutcome & { revertPoint: string }> {
  await context.pauseSync();
  let revertPoint = '';
  try {
    const outcome = await restoreStore(repos.db, backup, {
      beforeRestore: async () => {
        // No yielding: the restore holds the screen anyway, and the revert point is on its critical path.
        const { bytes } = await makeBackupFile(repos.db, { reason: 'before-restore', appVersion: context.appVersion });
        const saved = await bridge.backupsWrite({ reason: 'before-restore', data: bytes });
        if (saved.status === 'saved') revertPoint = saved.backup.name;
        else if (saved.status === 'downloaded') revertPoint = saved.name;
        else throw new RestoreRefused(saved.message);
      },
    });
    return { ...outcome, revertPoint };
  } catch (error) {
    // Nothing changed: sync goes on with the store as it was.
    context.resumeSync?.();
    throw error;
  }
}
