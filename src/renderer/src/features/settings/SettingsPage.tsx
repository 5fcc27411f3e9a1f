import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AppInfo } from '@shared/ipc';
import { bridge } from '../../bridge';
import { requestPersistentStorage } from '../../db/persistence';
import { CURRENT_SCHEMA_VERSION } from '../../db/schema';
import { useSync } from '../../stores/sync/store';
import { BackupsCard } from '../backups/BackupsCard';
import { SyncSettingsCard } from '../sync/SyncSettingsCard';
import { useFormat, useT } from '../../i18n';
import { LanguageCard } from './LanguageCard';

/** Bytes in the largest unit that keeps the number readable, in the screens' locale ("3.4 MB", "3,4 MB"). */
function byteUnits(n: number): { value: number; unit: 'byte' | 'kilobyte' | 'megabyte'; digits: number } {
  if (n < 1024) return { value: n, unit: 'byte', digits: 0 };
  if (n < 1024 * 1024) return { value: n / 1024, unit: 'kilobyte', digits: 0 };
  return { value: n / 1024 / 1024, unit: 'megabyte', digits: 1 };
}

export function SettingsPage() {
  const t = useT('settings');
  const f = useFormat();
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
  const bytes = (n: number) => {
    const { value, unit, digits } = byteUnits(n);
    return f.number(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: digits, minimumFractionDigits: digits });
  };
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('title')}
      </Title>
      <LanguageCard />
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('laptop.title')}
        </Title>
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t('laptop.app')}</Table.Td>
              <Table.Td>{info ? `${info.name} ${info.version}` : t('loading')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('laptop.mode')}</Table.Td>
              <Table.Td>{info ? (info.mode === 'web' ? t('laptop.web') : t('laptop.desktop')) : t('loading')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('laptop.schema')}</Table.Td>
              <Table.Td>{t('laptop.schemaVersion', { version: CURRENT_SCHEMA_VERSION })}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('laptop.storage')}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {persisted === null ? (
                    t('loading')
                  ) : persisted ? (
                    <Badge color="teal">{t('laptop.persisted')}</Badge>
                  ) : (
                    <Badge color="yellow">{t('laptop.notPersisted')}</Badge>
                  )}
                  {usage?.usage !== undefined && (
                    <Text size="sm" c="dimmed">
                      {t('laptop.used', { size: bytes(usage.usage) })}
                    </Text>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed" mt="sm">
          {t('laptop.note')}
        </Text>
      </Card>
      <SyncSettingsCard />
      <BackupsCard />
    </Stack>
  );
}
