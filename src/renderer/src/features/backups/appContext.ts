/**
 * The app's own wiring for the backup commands: its bridge, its version, yielding to the UI, and
 * the sync store's pause (a restore must not interleave with a sync round). Screens take their
 * context from here so they never reach the store or the sync engine themselves.
 */
import { bridge } from '../../bridge';
import { getDb } from '../../db/database';
import { flushAllPending } from '../../stores/saveStatus/store';
import { useSync } from '../../stores/sync/store';
import { startAutomaticBackups, type AutomaticBackupsOptions } from './automatic';
import type { BackupContext } from './commands';
import { yieldToUi } from './storeFile';

export const appBackupContext = (): BackupContext & { pauseSync: () => Promise<void>; resumeSync: () => void } => ({
  appVersion: __APP_VERSION__,
  pause: yieldToUi,
  // Typed text not yet saved goes into the store first, so the revert point holds it too.
  pauseSync: async () => {
    await flushAllPending();
    await useSync.getState().pauseSync();
  },
  resumeSync: () => useSync.getState().startSync(),
});

export { bridge };

/**
 * Automatic backups of the app's store where there is a backups folder (desktop; web mode has
 * none, its backups are downloads the facilitator asks for). Returns the stop.
 */
export function startAppAutomaticBackups(onResult: AutomaticBackupsOptions['onResult']): () => void {
  let stop: (() => void) | null = null;
  let cancelled = false;
  void bridge.backupsList().then((listed) => {
    if (cancelled || listed.status === 'unsupported') return;
    const auto = startAutomaticBackups({ ...appBackupContext(), db: getDb(), bridge, onResult });
    stop = () => auto.stop();
  });
  return () => {
    cancelled = true;
    stop?.();
  };
}

/** A restore reloads the app; the message is shown once it is back. */
const RESTORED_KEY = 'cg-restored';

export function rememberRestored(message: string): void {
  try {
    sessionStorage.setItem(RESTORED_KEY, message);
  } catch {
    // Storage disabled: the reload still shows the restored data.
  }
}

export function takeRestoredMessage(): string | null {
  try {
    const message = sessionStorage.getItem(RESTORED_KEY);
    sessionStorage.removeItem(RESTORED_KEY);
    return message;
  } catch {
    return null;
  }
}

/** Views of the backups list re-read it when a backup is written. */
const listeners = new Set<() => void>();
let revision = 0;
export function backupsChanged(): void {
  revision++;
  for (const l of listeners) l();
}
export function subscribeBackups(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
export const backupsRevision = (): number => revision;
