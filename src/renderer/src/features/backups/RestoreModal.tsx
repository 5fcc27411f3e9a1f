import { Alert, Button, Group, List, Loader, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { BackupFileError, formatSize } from '@shared/backup/format';
import { useRepos } from '../../db/live';
import { useSync } from '../../stores/sync/store';
import { appBackupContext, bridge, rememberRestored } from './appContext';
import { restoreBackup } from './commands';
import { REASON_LABELS, contents, plural, when } from './labels';
import { inspectBackup, type RestorePreview } from './queries';
import type { OpenedBackup } from './storeFile';
import { yieldToUi } from './storeFile';

export type RestoreSource = { kind: 'folder'; name: string } | { kind: 'file' };

type Step =
  | { kind: 'reading' }
  | { kind: 'passphrase'; name: string; file: Uint8Array; error: string | null }
  | { kind: 'refused'; name: string; message: string }
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
      else if (error instanceof BackupFileError && error.problem === 'wrong-passphrase') setStep({ kind: 'passphrase', name, file, error: error.message });
      else setStep({ kind: 'refused', name, message: error instanceof Error ? error.message : String(error) });
    }
  };

  useEffect(() => {
    if (!source) return;
    let active = true;
    void (async () => {
      const read = source.kind === 'folder' ? await bridge.backupsRead({ name: source.name }) : await bridge.backupsOpenFile();
      if (!active) return;
      if (read.status === 'canceled') return onClose();
      if (read.status === 'error') return setStep({ kind: 'refused', name: source.kind === 'folder' ? source.name : 'The file', message: read.message });
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
      rememberRestored(
        `${s.name} (${when(s.preview.header.createdAt)}) is restored. What was here before is kept as ${outcome.revertPoint}${outcome.upgradedFrom ? `; the data was updated from version ${outcome.upgradedFrom}` : ''}.`,
      );
      // Every screen, live query and the sync engine start again on the restored store.
      window.location.reload();
    } catch (error) {
      setStep({ kind: 'failed', name: s.name, message: error instanceof Error ? error.message : String(error) });
    }
  };

  const busy = step.kind === 'reading' || step.kind === 'restoring';
  return (
    <Modal
      opened={source !== null}
      onClose={busy ? () => undefined : onClose}
      title="Restore a backup"
      size="lg"
      closeOnClickOutside={!busy}
      withCloseButton={!busy}
    >
      {step.kind === 'reading' && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">Reading and checking the backup…</Text>
        </Group>
      )}
      {step.kind === 'restoring' && (
        <Group gap="xs" data-testid="restore-running">
          <Loader size="sm" />
          <Text size="sm">Saving a copy of the current data, then restoring {step.name}… Do not close the app.</Text>
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
            <Text size="sm">{step.name} is protected with a passphrase.</Text>
            <PasswordInput
              label="Passphrase"
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              error={step.error}
              autoFocus
              data-testid="restore-passphrase"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={passphrase.length === 0} data-testid="restore-unlock">
                Open
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
            title={step.kind === 'refused' ? `${step.name} cannot be restored` : 'The restore did not happen'}
            role="alert"
            data-testid="restore-problem"
          >
            <Text size="sm">{step.message}</Text>
            <Text size="sm" mt="xs">
              Nothing on this laptop was changed.
            </Text>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      )}
      {step.kind === 'preview' && (
        <Stack data-testid="restore-preview">
          <Text size="sm">
            <b>{step.name}</b> ({formatSize(step.preview.fileBytes)}
            {step.preview.encrypted ? ', protected with a passphrase' : ''}) was made on {when(step.preview.header.createdAt)} (
            {REASON_LABELS[step.preview.header.reason].toLowerCase()}) by Common Ground {step.preview.header.appVersion}.
          </Text>
          <List size="sm" spacing={2}>
            <List.Item>{contents(step.preview.header.summary)}</List.Item>
            {step.preview.header.summary.councils.length > 0 && <List.Item>Councils: {step.preview.header.summary.councils.join(', ')}</List.Item>}
            <List.Item>Newest change: {step.preview.header.summary.newestChangeAt ? when(step.preview.header.summary.newestChangeAt) : 'none'}</List.Item>
            {step.preview.header.summary.unsentChanges > 0 && (
              <List.Item>
                {plural(step.preview.header.summary.unsentChanges, 'change')} in it had not been sent to a council server; they go with the next sync.
              </List.Item>
            )}
          </List>
          {step.preview.upgrades && (
            <Text size="sm">This backup comes from an older version of the app: its data is updated on the way in, as an app update would.</Text>
          )}
          {step.preview.unsentLost > 0 && (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} title="Changes not yet on the council server" data-testid="restore-unsent">
              <Text size="sm">
                This laptop has {plural(step.preview.unsentLost, 'change')} that {step.preview.unsentLost === 1 ? 'has' : 'have'} not reached the council server
                and {step.preview.unsentLost === 1 ? 'is' : 'are'} not in this backup. Restoring replaces {step.preview.unsentLost === 1 ? 'it' : 'them'}: sync
                first to keep {step.preview.unsentLost === 1 ? 'it' : 'them'}.
              </Text>
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
                  Sync now
                </Button>
              )}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            Before anything changes, everything on this laptop now is saved as a revert point, so this restore can be undone by restoring that.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void restore(step)} data-testid="restore-confirm">
              Restore this backup
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
