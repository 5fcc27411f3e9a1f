/**
 * Automatic backups (desktop): every 15 minutes while something changed, and when the app closes
 * (main asks; see src/main/services/backups.ts). "Changed" is any committed write to the store,
 * the facilitator's or sync's, seen through Dexie's storagemutated event: a quiet laptop does not
 * fill its folder with identical copies. One backup at a time; a failed one leaves the store
 * marked changed so the next tick tries again.
 */
import Dexie from 'dexie';
import type { BackupsWriteResponse, RendererApi } from '@shared/ipc';
import { backUpNow, type BackupContext } from './commands';

export const AUTOMATIC_BACKUP_INTERVAL_MS = 15 * 60 * 1000;

export interface AutomaticBackupsOptions extends BackupContext {
  db: Dexie;
  bridge: Pick<RendererApi, 'backupsWrite' | 'saveFile' | 'backupsQuitDone' | 'onBackupRequest'>;
  intervalMs?: number;
  /** Every automatic backup's outcome (the shell tells the facilitator about failures). */
  onResult?: (result: BackupsWriteResponse | { status: 'error'; message: string }, reason: 'automatic' | 'quit') => void;
}

export interface AutomaticBackups {
  /** Whether the store changed since the last backup began. */
  readonly changed: boolean;
  /** Run the periodic check now (what the timer does). */
  tick(): Promise<void>;
  stop(): void;
}

export function startAutomaticBackups(options: AutomaticBackupsOptions): AutomaticBackups {
  let changed = false;
  let running: Promise<void> | null = null;
  const prefix = `idb://${options.db.name}/`;
  const onMutated = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((k) => k.startsWith(prefix))) changed = true;
  };
  Dexie.on('storagemutated', onMutated);

  const run = (reason: 'automatic' | 'quit'): Promise<void> => {
    // Writes from now on belong to the next backup: the snapshot is taken in one transaction.
    running ??= (async () => {
      changed = false;
      try {
        const { result } = await backUpNow({ db: options.db }, options.bridge, options, reason);
        if (result.status !== 'saved' && result.status !== 'downloaded') changed = true;
        options.onResult?.(result, reason);
      } catch (error) {
        changed = true;
        options.onResult?.({ status: 'error', message: error instanceof Error ? error.message : String(error) }, reason);
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const tick = async () => {
    if (running) return running;
    if (changed) await run('automatic');
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? AUTOMATIC_BACKUP_INTERVAL_MS);
  const unsubscribe = options.bridge.onBackupRequest((request) => {
    void (async () => {
      if (running) await running;
      if (changed) await run('quit');
      await options.bridge.backupsQuitDone({ requestId: request.requestId });
    })();
  });

  return {
    get changed() {
      return changed;
    },
    tick,
    stop() {
      clearInterval(timer);
      unsubscribe();
      Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}
