import { Alert, Button, Group, Text } from '@mantine/core';
import { IconLock, IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { RecordLock } from './recordLock';
import { useFormat, useT } from '../../i18n';

/** Says why a meeting's record cannot be edited (approved minutes), or that an amendment is open. */
export function RecordLockNotice({ lock, meetingId }: { lock: RecordLock; meetingId: string }) {
  const t = useT('minutes');
  const f = useFormat();
  if (lock.locked) {
    return (
      <Alert color="teal" icon={<IconLock size={18} />} title={t('lock.title')} data-testid="record-locked">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm">{lock.approvedAt ? t('lock.body', { date: f.date(lock.approvedAt) }) : t('lock.bodyNoDate')}</Text>
          <Button component={Link} href={`/meetings/${meetingId}/minutes`} size="compact-sm" variant="light" leftSection={<IconPencil size={14} />}>
            {t('lock.open')}
          </Button>
        </Group>
      </Alert>
    );
  }
  if (lock.amending) {
    return (
      <Alert color="orange" icon={<IconPencil size={18} />} title={t('lock.amendingTitle', { number: lock.version - 1 })} data-testid="record-amending">
        <Text size="sm">{t('lock.amendingBody')}</Text>
      </Alert>
    );
  }
  return null;
}

/**
 * A region of inputs that the browser makes read-only as one when the record is locked: a
 * disabled fieldset disables every input, select and button inside it (links stay usable).
 */
export function LockedFieldset({ locked, children }: { locked: boolean; children: ReactNode }) {
  return (
    <fieldset disabled={locked} data-locked={locked || undefined} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      {children}
    </fieldset>
  );
}
