import { Alert, Badge, Button, Card, Code, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconFolderOpen, IconHistory, IconLock } from '@tabler/icons-react';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { BackupListEntry, BackupsListResponse } from '@shared/ipc';
import { notifyError } from '../../components/notify';
import { useRepos } from '../../db/live';
import { appBackupContext, backupsChanged, backupsRevision, bridge, subscribeBackups } from './appContext';
import { backUpNow } from './commands';
import { bridgeMessage, contents, errorText, reasonLabel, refusalText, sizeText, useBackupWords, when, type BackupWords } from './labels';
import { listBackups } from './queries';
import { RestoreModal, type RestoreSource } from './RestoreModal';
import { SaveCopyModal } from './SaveCopyModal';
import { describeWrite } from './useBackups';

/** Settings > Backups: the folder and what is in it, back up now, save a copy, restore. */
export function BackupsCard() {
  const repos = useRepos();
  const w = useBackupWords();
  const { t } = w;
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
      notifications.show({ ...describeWrite(result, w), autoClose: result.status === 'error' ? 10_000 : 5000 });
      backupsChanged();
    } catch (error) {
      notifyError(t('write.failed'), new Error(errorText(error, w)));
    } finally {
      setBusy(false);
    }
  }, [repos, t, w]);

  const folderAction = async (action: 'open' | 'change') => {
    const result = action === 'open' ? await bridge.backupsOpenFolder() : await bridge.backupsChooseFolder();
    if (result.status === 'error' || result.status === 'unsupported')
      notifications.show({ color: 'red', message: bridgeMessage(result.message, w), autoClose: 8000 });
    if (result.status === 'changed') {
      notifications.show({ color: 'teal', message: t('folderChanged', { folder: result.folder }), autoClose: 5000 });
      backupsChanged();
    }
  };

  const web = listed?.status === 'unsupported';
  return (
    <Card withBorder data-testid="backups-card">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('title')}
        </Title>
        {listed?.status === 'ok' && <Badge variant="light">{t('count', { count: listed.backups.length })}</Badge>}
      </Group>
      {listed === null ? (
        <Loader size="sm" />
      ) : web ? (
        <Text size="sm" c="dimmed" mb="md">
          {bridgeMessage(listed.message, w)}
        </Text>
      ) : (
        <Stack gap={4} mb="md">
          <Text size="sm" c="dimmed">
            {t('explain')}
          </Text>
          <Group gap="xs">
            <Text size="sm">{t('folder')}</Text>
            <Code data-testid="backups-folder">{listed.folder}</Code>
          </Group>
        </Stack>
      )}
      {listed?.status === 'error' && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('folderUnreadable')} mb="md" role="alert">
          {t('folderUnreadableBody', { message: bridgeMessage(listed.message, w) })}
        </Alert>
      )}
      <Group mb="md">
        <Button leftSection={<IconDeviceFloppy size={16} />} onClick={() => void backUp()} loading={busy} data-testid="backup-now">
          {web ? t('backUpNowDownload') : t('backUpNow')}
        </Button>
        <Button variant="default" leftSection={<IconLock size={16} />} onClick={() => setSavingCopy(true)} data-testid="backup-save-copy">
          {t('saveCopy')}
        </Button>
        <Button
          variant="default"
          leftSection={<IconHistory size={16} />}
          onClick={() => setRestoring({ source: { kind: 'file' }, key: Math.random() })}
          data-testid="restore-from-file"
        >
          {t('restoreFromFile')}
        </Button>
        {listed && !web && (
          <>
            <Button variant="subtle" leftSection={<IconFolderOpen size={16} />} onClick={() => void folderAction('open')}>
              {t('openFolder')}
            </Button>
            <Button variant="subtle" onClick={() => void folderAction('change')} data-testid="backups-change-folder">
              {t('changeFolder')}
            </Button>
          </>
        )}
      </Group>
      {listed?.status === 'ok' && listed.backups.length > 0 && (
        <BackupsTable words={w} backups={listed.backups} onRestore={(name) => setRestoring({ source: { kind: 'folder', name }, key: Math.random() })} />
      )}
      {listed?.status === 'ok' && listed.backups.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('none')}
        </Text>
      )}
      {restoring && <RestoreModal key={restoring.key} source={restoring.source} onClose={() => setRestoring(null)} />}
      <SaveCopyModal opened={savingCopy} onClose={() => setSavingCopy(false)} />
    </Card>
  );
}

function BackupsTable({ words: w, backups, onRestore }: { words: BackupWords; backups: BackupListEntry[]; onRestore: (name: string) => void }) {
  const { t } = w;
  return (
    <Table striped data-testid="backups-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('table.made')}</Table.Th>
          <Table.Th>{t('table.why')}</Table.Th>
          <Table.Th>{t('table.size')}</Table.Th>
          <Table.Th>{t('table.contents')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((b) => (
          <Table.Tr key={b.name} data-testid="backup-row" data-name={b.name}>
            <Table.Td>{b.createdAt ? when(w, b.createdAt) : b.name}</Table.Td>
            <Table.Td>{reasonLabel(w, b.reason)}</Table.Td>
            <Table.Td>{sizeText(w, b.bytes)}</Table.Td>
            <Table.Td>
              {b.header ? (
                <Text size="sm">{contents(w, b.header.summary)}</Text>
              ) : b.encrypted ? (
                <Text size="sm" c="dimmed">
                  {t('table.protected')}
                </Text>
              ) : (
                <Text size="sm" c="red">
                  {b.refusal ? refusalText(b.refusal, w) : b.problem}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Button size="compact-sm" variant="light" disabled={b.problem !== null} onClick={() => onRestore(b.name)} data-testid="backup-restore">
                {t('table.restore')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
