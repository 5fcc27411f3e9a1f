import { Alert, Button, Group, List, Loader, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { BackupFileError } from '@shared/backup/format';
import { useRepos } from '../../db/live';
import { useSync } from '../../stores/sync/store';
import { appBackupContext, bridge, rememberRestored } from './appContext';
import { restoreBackup } from './commands';
import { contents, errorText, reasonLabel, sizeText, useBackupWords, when } from './labels';
import { inspectBackup, type RestorePreview } from './queries';
import type { OpenedBackup } from './storeFile';
import { yieldToUi } from './storeFile';

export type RestoreSource = { kind: 'folder'; name: string } | { kind: 'file' };

type Step =
  | { kind: 'reading' }
  | { kind: 'passphrase'; name: string; file: Uint8Array; error: string | null }
  | { kind: 'refused'; name: string | null; message: string }
  | { kind: 'preview'; name: string; file: Uint8Array; passphrase?: string; backup: OpenedBackup; preview: RestorePreview }
  | { kind: 'restoring'; name: string }
  | { kind: 'failed'; name: string; message: string };

/**
 * Restore, step by step: read the file, ask for its passphrase if it has one, check it and show
 * what it holds (and what this laptop would lose), then restore on confirmation. Nothing changes
 * before "Restore this backup", and nothing at all if any step fails. Mounted afresh (a new key)
 * for every source.
 */
export function RestoreModal({ source, onClose }: { source: RestoreSource | null; onClose: () => void }) {
  const repos = useRepos();
  const w = useBackupWords();
  const { t } = w;
  const [step, setStep] = useState<Step>({ kind: 'reading' });
  const enrolled = useSync((s) => s.status.account !== null);
  const syncNow = useSync((s) => s.syncNow);
  const [syncing, setSyncing] = useState(false);
  const [passphrase, setPassphrase] = useState('');

  const inspect = async (name: string, file: Uint8Array, secret?: string) => {
    setStep({ kind: 'reading' });
    try {
      const { backup, preview } = await inspectBackup(repos, file, { passphrase: secret, pause: yieldToUi });
      setStep({ kind: 'preview', name, file, passphrase: secret, backup, preview });
    } catch (error) {
      if (error instanceof BackupFileError && error.problem === 'encrypted') setStep({ kind: 'passphrase', name, file, error: null });
      else if (error instanceof BackupFileError && error.problem === 'wrong-passphrase')
        setStep({ kind: 'passphrase', name, file, error: errorText(error, w) });
      else setStep({ kind: 'refused', name, message: errorText(error, w) });
    }
  };

  useEffect(() => {
    if (!source) return;
    let active = true;
    void (async () => {
      const read = source.kind === 'folder' ? await bridge.backupsRead({ name: source.name }) : await bridge.backupsOpenFile();
      if (!active) return;
      if (read.status === 'canceled') return onClose();
      if (read.status === 'error') return setStep({ kind: 'refused', name: source.kind === 'folder' ? source.name : null, message: read.message });
      await inspect(read.name, read.data);
    })();
    return () => {
      active = false;
    };
    // `inspect` reads the latest repos; re-running on a new source only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source]);

  const restore = async (s: Extract<Step, { kind: 'preview' }>) => {
    setStep({ kind: 'restoring', name: s.name });
    try {
      const outcome = await restoreBackup(repos, bridge, appBackupContext(), s.backup);
      const restored = { name: s.name, when: when(w, s.preview.header.createdAt), revertPoint: outcome.revertPoint };
      rememberRestored(outcome.upgradedFrom ? t('restore.doneUpgraded', { ...restored, from: String(outcome.upgradedFrom) }) : t('restore.done', restored));
      // Every screen, live query and the sync engine start again on the restored store.
      window.location.reload();
    } catch (error) {
      setStep({ kind: 'failed', name: s.name, message: errorText(error, w) });
    }
  };

  const busy = step.kind === 'reading' || step.kind === 'restoring';
  return (
    <Modal
      opened={source !== null}
      onClose={busy ? () => undefined : onClose}
      title={t('restore.title')}
      size="lg"
      closeOnClickOutside={!busy}
      withCloseButton={!busy}
    >
      {step.kind === 'reading' && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('restore.reading')}</Text>
        </Group>
      )}
      {step.kind === 'restoring' && (
        <Group gap="xs" data-testid="restore-running">
          <Loader size="sm" />
          <Text size="sm">{t('restore.running', { name: step.name })}</Text>
        </Group>
      )}
      {step.kind === 'passphrase' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void inspect(step.name, step.file, passphrase);
          }}
        >
          <Stack>
            <Text size="sm">{t('restore.protected', { name: step.name })}</Text>
            <PasswordInput
              label={t('restore.passphrase')}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              error={step.error}
              autoFocus
              data-testid="restore-passphrase"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('restore.cancel')}
              </Button>
              <Button type="submit" disabled={passphrase.length === 0} data-testid="restore-unlock">
                {t('restore.open')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {(step.kind === 'refused' || step.kind === 'failed') && (
        <Stack>
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={
              step.kind === 'failed'
                ? t('restore.didNotHappen')
                : step.name === null
                  ? t('restore.fileCannotRestore')
                  : t('restore.cannotRestore', { name: step.name })
            }
            role="alert"
            data-testid="restore-problem"
          >
            <Text size="sm">{step.message}</Text>
            <Text size="sm" mt="xs">
              {t('restore.nothingChanged')}
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('restore.close')}</Button>
          </Group>
        </Stack>
      )}
      {step.kind === 'preview' && (
        <Stack data-testid="restore-preview">
          <Text size="sm">
            <b>{step.name}</b>{' '}
            {t(step.preview.encrypted ? 'restore.madeProtected' : 'restore.made', {
              size: sizeText(w, step.preview.fileBytes),
              when: when(w, step.preview.header.createdAt),
              reason: reasonLabel(w, step.preview.header.reason).toLocaleLowerCase(w.f.locale),
              version: step.preview.header.appVersion,
            })}
          </Text>
          <List size="sm" spacing={2}>
            <List.Item>{contents(w, step.preview.header.summary)}</List.Item>
            {step.preview.header.summary.councils.length > 0 && (
              <List.Item>{t('restore.councils', { names: step.preview.header.summary.councils.join(', ') })}</List.Item>
            )}
            <List.Item>
              {step.preview.header.summary.newestChangeAt
                ? t('restore.newestChange', { when: when(w, step.preview.header.summary.newestChangeAt) })
                : t('restore.newestChangeNone')}
            </List.Item>
            {step.preview.header.summary.unsentChanges > 0 && (
              <List.Item>{t('restore.unsentInBackup', { count: step.preview.header.summary.unsentChanges })}</List.Item>
            )}
          </List>
          {step.preview.upgrades && <Text size="sm">{t('restore.upgrades')}</Text>}
          {step.preview.unsentLost > 0 && (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('restore.unsentTitle')} data-testid="restore-unsent">
              <Text size="sm">{t('restore.unsentLost', { count: step.preview.unsentLost })}</Text>
              {enrolled && (
                <Button
                  mt="sm"
                  size="compact-sm"
                  variant="light"
                  leftSection={<IconCloudUpload size={14} />}
                  loading={syncing}
                  onClick={() => {
                    setSyncing(true);
                    void syncNow()
                      .then(() => inspect(step.name, step.file, step.passphrase))
                      .finally(() => setSyncing(false));
                  }}
                >
                  {t('restore.syncNow')}
                </Button>
              )}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t('restore.revertPointNote')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('restore.cancel')}
            </Button>
            <Button color="red" onClick={() => void restore(step)} data-testid="restore-confirm">
              {t('restore.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
