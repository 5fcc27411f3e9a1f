import { notifications } from '@mantine/notifications';
import { useCallback, useEffect } from 'react';
import { formatSize } from '@shared/backup/format';
import type { BackupsWriteResponse } from '@shared/ipc';
import { useMenuCommand } from '../../app/useMenuCommands';
import { useRepos } from '../../db/live';
import { appBackupContext, backupsChanged, bridge, startAppAutomaticBackups, takeRestoredMessage } from './appContext';
import { takeUpgradeBackupResult } from './beforeUpgrade';
import { backUpNow } from './commands';

/** What a finished backup means to the facilitator. */
export function describeWrite(result: BackupsWriteResponse): { color: string; message: string } {
  switch (result.status) {
    case 'saved':
      return { color: 'teal', message: `Backed up (${formatSize(result.backup.bytes)}) in ${result.folder}.` };
    case 'downloaded':
      return { color: 'teal', message: `Backup downloaded as ${result.name}. Keep it somewhere safe, such as a USB stick or a shared drive.` };
    default:
      return { color: 'red', message: result.message };
  }
}

/**
 * Backups for the whole app, used once by the shell: "Back up now" from the menu or its shortcut,
 * automatic backups where there is a backups folder (desktop), the last backup before the window
 * closes, and what happened before this start (an update's backup, a restore).
 */
export function useBackups(): void {
  const repos = useRepos();
  const runNow = useCallback(() => {
    const id = notifications.show({ loading: true, message: 'Backing up…', autoClose: false });
    backUpNow(repos, bridge, appBackupContext())
      .then(({ result }) => {
        backupsChanged();
        notifications.update({ id, loading: false, autoClose: result.status === 'error' ? 10_000 : 5000, ...describeWrite(result) });
      })
      .catch((error: unknown) =>
        notifications.update({ id, loading: false, color: 'red', message: `Could not back up: ${String(error instanceof Error ? error.message : error)}` }),
      );
  }, [repos]);
  useMenuCommand('back-up-now', runNow);

  useEffect(() => {
    let lastProblem = '';
    return startAppAutomaticBackups((result, reason) => {
      backupsChanged();
      const problem = result.status === 'error' || result.status === 'unsupported' ? result.message : '';
      // Said once per problem, not every 15 minutes.
      if (problem && problem !== lastProblem)
        notifications.show({
          color: 'red',
          title: reason === 'quit' ? 'The last backup failed' : 'Automatic backup failed',
          message: problem,
          autoClose: false,
        });
      lastProblem = problem;
    });
  }, []);

  useEffect(() => {
    const restored = takeRestoredMessage();
    if (restored) notifications.show({ color: 'teal', title: 'Backup restored', message: restored, autoClose: 10_000 });
    const upgrade = takeUpgradeBackupResult();
    if (upgrade?.status === 'saved')
      notifications.show({ color: 'teal', message: `Your data was backed up before this update (${upgrade.name}).`, autoClose: 8000 });
    if (upgrade?.status === 'error')
      notifications.show({
        color: 'orange',
        title: 'No backup before this update',
        message: `Your data was updated without a backup first: ${upgrade.message}`,
        autoClose: false,
      });
  }, []);
}

/** useBackups as a component, so the shell can load the backup code after the first screen. */
export function AppBackups(): null {
  useBackups();
  return null;
}
