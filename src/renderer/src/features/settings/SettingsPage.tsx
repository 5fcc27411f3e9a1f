import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppInfo } from '@shared/ipc';
import { bridge } from '../../bridge';
import { requestPersistentStorage } from '../../db/persistence';
import { CURRENT_SCHEMA_VERSION } from '../../db/schema';
import { formatBytes } from '../../bridge/browserBridge';
import { useSync } from '../../stores/sync/store';
import { BackupsCard } from '../backups/BackupsCard';
import { SyncSettingsCard } from '../sync/SyncSettingsCard';
import { LanguageCard } from './LanguageCard';

export function SettingsPage() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const [usage, setUsage] = useState<StorageEstimate | null>(null);
  // A sync can bring in a whole council: the space used is read again after each one.
  const lastSyncedAt = useSync((s) => s.status.lastSyncedAt);
  useEffect(() => {
    void bridge.appInfo().then(setInfo);
    void requestPersistentStorage().then(setPersisted);
  }, []);
  useEffect(() => {
    void navigator.storage?.estimate?.().then(setUsage);
  }, [lastSyncedAt]);
  return (
    <Stack>
      <Title order={1} size="h2">
        Settings
      </Title>
      <LanguageCard />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          This laptop
        </Title>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>App</Table.Td>
              <Table.Td>{info ? `${info.name} ${info.version}` : '…'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Mode</Table.Td>
              <Table.Td>{info?.mode === 'web' ? 'Web mode (browser fallback)' : 'Desktop app'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Data schema</Table.Td>
              <Table.Td>version {CURRENT_SCHEMA_VERSION}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>Storage</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {persisted === null ? (
                    '…'
                  ) : persisted ? (
                    <Badge color="teal">Protected from clean-up</Badge>
                  ) : (
                    <Badge color="yellow">May be cleared if the disk fills up</Badge>
                  )}
                  {usage?.usage !== undefined && (
                    <Text size="sm" c="dimmed">
                      {formatBytes(usage.usage)} used
                    </Text>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed" mt="sm">
          Everything you type is saved on this laptop as you type. Sync below shares it with the other facilitators through the council server.
        </Text>
      </Card>
      <SyncSettingsCard />
      <BackupsCard />
    </Stack>
  );
}
