import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useRef } from 'react';
import type { BackupsWriteResponse } from '@shared/ipc';
import { useMenuCommand } from '../../app/useMenuCommands';
import { useRepos } from '../../db/live';
import { appBackupContext, backupsChanged, bridge, startAppAutomaticBackups, takeRestoredMessage } from './appContext';
import { takeUpgradeBackupResult } from './beforeUpgrade';
import { backUpNow } from './commands';
import { bridgeMessage, errorText, sizeText, useBackupWords, type BackupWords } from './labels';

/** What a finished backup means to the facilitator. */
export function describeWrite(result: BackupsWriteResponse, w: BackupWords): { color: string; message: string } {
  switch (result.status) {
    case 'saved':
      return { color: 'teal', message: w.t('write.saved', { size: sizeText(w, result.backup.bytes), folder: result.folder }) };
    case 'downloaded':
      return { color: 'teal', message: w.t('write.downloaded', { name: result.name }) };
    default:
      return { color: 'red', message: bridgeMessage(result.message, w) };
  }
}

/**
 * Backups for the whole app, used once by the shell: "Back up now" from the menu or its shortcut,
 * automatic backups where there is a backups folder (desktop), the last backup before the window
 * closes, and what happened before this start (an update's backup, a restore).
 */
export function useBackups(): void {
  const repos = useRepos();
  const w = useBackupWords();
  const { t } = w;
  // The automatic backups run for the app's lifetime: a language change rewords them without restarting them.
  const words = useRef(w);
  useEffect(() => {
    words.current = w;
  }, [w]);
  const runNow = useCallback(() => {
    const id = notifications.show({ loading: true, message: t('write.running'), autoClose: false });
    backUpNow(repos, bridge, appBackupContext())
      .then(({ result }) => {
        backupsChanged();
        notifications.update({ id, loading: false, autoClose: result.status === 'error' ? 10_000 : 5000, ...describeWrite(result, w) });
      })
      .catch((error: unknown) => notifications.update({ id, loading: false, color: 'red', message: t('write.failedWith', { message: errorText(error, w) }) }));
  }, [repos, t, w]);
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
          title: words.current.t(reason === 'quit' ? 'write.lastFailed' : 'write.automaticFailed'),
          message: bridgeMessage(problem, words.current),
          autoClose: false,
        });
      lastProblem = problem;
    });
  }, []);

  useEffect(() => {
    const restored = takeRestoredMessage();
    if (restored) notifications.show({ color: 'teal', title: t('write.restored'), message: restored, autoClose: 10_000 });
    const upgrade = takeUpgradeBackupResult();
    if (upgrade?.status === 'saved') notifications.show({ color: 'teal', message: t('write.beforeUpdate', { name: upgrade.name }), autoClose: 8000 });
    if (upgrade?.status === 'error')
      notifications.show({
        color: 'orange',
        title: t('write.noBackupBeforeUpdate'),
        message: t('write.updatedWithoutBackup', { message: upgrade.message }),
        autoClose: false,
      });
    // Said once, at start, in the language of that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}

/** useBackups as a component, so the shell can load the backup code after the first screen. */
export function AppBackups(): null {
  useBackups();
  return null;
}
