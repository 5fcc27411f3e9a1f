import { Alert, Badge, Button, Card, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconFolderOpen, IconHistory, IconLock } from '@tabler/icons-react';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { formatSize } from '@shared/backup/format';
import type { BackupListEntry, BackupsListResponse } from '@shared/ipc';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { appBackupContext, backupsChanged, backupsRevision, bridge, subscribeBackups } from './appContext';
import { backUpNow } from './commands';
import { REASON_LABELS, contents, when } from './labels';
import { listBackups } from './queries';
import { RestoreModal, type RestoreSource } from './RestoreModal';
import { SaveCopyModal } from './SaveCopyModal';
import { describeWrite } from './useBackups';

/** Settings > Backups: the folder and what is in it, back up now, save a copy, restore. */
export function BackupsCard() {
  const repos = useRepos();
  const revision = useSyncExternalStore(subscribeBackups, backupsRevision);
  const [listed, setListed] = useState<BackupsListResponse | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<{ source: RestoreSource; key: number } | null>(null);
  const [savingCopy, setSavingCopy] = useState(false);

  useEffect(() => {
    let active = true;
    void listBackups(bridge).then((r) => active && setListed(r));
    return () => {
      active = false;
    };
  }, [revision]);

  const backUp = useCallback(async () => {
    setBusy(true);
    try {
      const { result } = await backUpNow(repos, bridge, appBackupContext());
      notifications.show({ ...describeWrite(result), autoClose: result.status === 'error' ? 10_000 : 5000 });
      backupsChanged();
    } catch (error) {
      notifyError('Could not back up', error);
    } finally {
      setBusy(false);
    }
  }, [repos]);

  const folderAction = async (action: 'open' | 'change') => {
    const result = action === 'open' ? await bridge.backupsOpenFolder() : await bridge.backupsChooseFolder();
    if (result.status === 'error' || result.status === 'unsupported') notifications.show({ color: 'red', message: result.message, autoClose: 8000 });
    if (result.status === 'changed') {
      notifications.show({ color: 'teal', message: `New backups go to ${result.folder}.`, autoClose: 5000 });
      backupsChanged();
    }
  };

  const web = listed?.status === 'unsupported';
  return (
    <Card withBorder data-testid="backups-card">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Backups
        </Title>
        {listed?.status === 'ok' && <Badge variant="light">{listed.backups.length === 1 ? '1 backup' : `${listed.backups.length} backups`}</Badge>}
      </Group>
      {listed === null ? (
        <Loader size="sm" />
      ) : web ? (
        <Text size="sm" c="dimmed" mb="md">
          {listed.message}
        </Text>
      ) : (
        <Stack gap={4} mb="md">
          <Text size="sm" c="dimmed">
            Everything on this laptop is backed up every 15 minutes while you work, when the app closes, before an update changes your data, and before a
            restore. The latest 3 from today are kept, then one a day: 10 in all; revert points are kept 30 days.
          </Text>
          <Group gap="xs">
            <Text size="sm">Folder:</Text>
            <Code data-testid="backups-folder">{listed.folder}</Code>
          </Group>
        </Stack>
      )}
      {listed?.status === 'error' && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The backups folder cannot be read" mb="md" role="alert">
          {listed.message} Choose another folder, or reconnect the drive.
        </Alert>
      )}
      <Group mb="md">
        <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => void backUp()} loading={busy} data-testid="backup-now">
          {web ? 'Back up now (download)' : 'Back up now'}
        </Button>
        <Button variant="default" leftSection={<IconLock size={16} />} onClick={() => setSavingCopy(true)} data-testid="backup-save-copy">
          Save a copy to a file…
        </Button>
        <Button
          variant="default"
          leftSection={<IconHistory size={16} />}
          onClick={() => setRestoring({ source: { kind: 'file' }, key: Math.random() })}
          data-testid="restore-from-file"
        >
          Restore from a file…
        </Button>
        {listed && !web && (
          <>
            <Button variant="subtle" leftSection={<IconFolderOpen size={16} />} onClick={() => void folderAction('open')}>
              Open folder
            </Button>
            <Button variant="subtle" onClick={() => void folderAction('change')} data-testid="backups-change-folder">
              Change folder…
            </Button>
          </>
        )}
      </Group>
      {listed?.status === 'ok' && listed.backups.length > 0 && (
        <BackupsTable backups={listed.backups} onRestore={(name) => setRestoring({ source: { kind: 'folder', name }, key: Math.random() })} />
      )}
      {listed?.status === 'ok' && listed.backups.length === 0 && (
        <Text size="sm" c="dimmed">
          No backups yet: the first one is made within 15 minutes of your next change, or now with Back up now.
        </Text>
      )}
      {restoring && <RestoreModal key={restoring.key} source={restoring.source} onClose={() => setRestoring(null)} />}
      <SaveCopyModal opened={savingCopy} onClose={() => setSavingCopy(false)} />
    </Card>
  );
}

function BackupsTable({ backups, onRestore }: { backups: BackupListEntry[]; onRestore: (name: string) => void }) {
  return (
    <Table striped data-testid="backups-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Made</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th>Contents</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((b) => (
          <Table.Tr key={b.name} data-testid="backup-row" data-name={b.name}>
            <Table.Td>{b.createdAt ? when(b.createdAt) : b.name}</Table.Td>
            <Table.Td>{REASON_LABELS[b.reason]}</Table.Td>
            <Table.Td>{formatSize(b.bytes)}</Table.Td>
            <Table.Td>
              {b.header ? (
                <Text size="sm">{contents(b.header.summary)}</Text>
              ) : b.encrypted ? (
                <Text size="sm" c="dimmed">
                  Protected with a passphrase
                </Text>
              ) : (
                <Text size="sm" c="red">
                  {b.problem}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Button size="compact-sm" variant="light" disabled={b.problem !== null} onClick={() => onRestore(b.name)} data-testid="backup-restore">
                Restore…
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
