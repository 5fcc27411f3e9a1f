import { Alert, Button, Group, Text } from '@mantine/core';
import { IconLock, IconPencil } from '@tabler/icons-react';
import { format, parseISO } from 'date-fns';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { RecordLock } from './recordLock';

/** Says why a meeting's record cannot be edited (approved minutes), or that an amendment is open. */
export function RecordLockNotice({ lock, meetingId }: { lock: RecordLock; meetingId: string }) {
  if (lock.locked) {
    return (
      <Alert color="teal" icon={<IconLock size={18} />} title="This record is approved" data-testid="record-locked">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm">
            Minutes approved{lock.approvedAt ? ` on ${format(parseISO(lock.approvedAt), 'MMM d, yyyy')}` : ''}: changes go through an amendment. Action items’
            status, owner and due date, and parking-lot answers, stay open.
          </Text>
          <Button component={Link} href={`/meetings/${meetingId}/minutes`} size="compact-sm" variant="light" leftSection={<IconPencil size={14} />}>
            Open the minutes to amend
          </Button>
        </Group>
      </Alert>
    );
  }
  if (lock.amending) {
    return (
      <Alert color="orange" icon={<IconPencil size={18} />} title={`Amendment ${lock.version - 1} is open`} data-testid="record-amending">
        <Text size="sm">Changes made now go into the amendment; both co-leads approve it again. The approved version is kept.</Text>
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
