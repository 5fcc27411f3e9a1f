import { ActionIcon, Badge, Button, Card, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { SIDE_LABELS, SIDES, type Attendance, type Person, type Side } from '@shared/model';
import { useRepos } from '../../db/live';
import { addGuest, markAllPresent, removeAttendance, restoreAttendance, setAttendance } from './commands';
import { notifyError, removeWithUndo } from '../../components/notify';
import { trackSave } from '../../stores/saveStatus/store';
import { SideBadge } from '../roster/SideBadge';
import { personLabel } from '../roster/labels';

export function AttendanceCard({ meetingId, members, attendance }: { meetingId: string; members: Person[]; attendance: Attendance[] }) {
  const repos = useRepos();
  const byPerson = new Map(attendance.filter((a) => a.personId).map((a) => [a.personId!, a]));
  const guests = attendance.filter((a) => !a.personId);
  const [guestName, setGuestName] = useState('');
  const [guestSide, setGuestSide] = useState<string | null>(null);
  const presentCount = members.filter((m) => byPerson.get(m.id)?.status === 'present').length;

  const markAll = () =>
    trackSave(() =>
      markAllPresent(
        repos,
        meetingId,
        members.map((m) => m.id),
      ),
    );
  const submitGuest = async () => {
    if (!guestName.trim()) return;
    try {
      await trackSave(() => addGuest(repos, meetingId, guestName, (guestSide as Side | null) ?? null));
      setGuestName('');
    } catch (e) {
      notifyError('Could not add the guest', e);
    }
  };

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={4}>Attendance</Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {presentCount} of {members.length} members present
          </Text>
          <Button size="xs" variant="light" onClick={() => void markAll()} disabled={members.every((m) => byPerson.has(m.id))}>
            Mark the rest present
          </Button>
        </Group>
      </Group>
      <Stack gap={6}>
        {members.length === 0 && (
          <Text c="dimmed" size="sm">
            This body has no members yet: add them on its roster page.
          </Text>
        )}
        {members.map((m) => (
          <Group key={m.id} justify="space-between" wrap="nowrap" data-testid="attendance-row">
            <Group gap="xs" wrap="nowrap">
              <SideBadge side={m.side} />
              <Text size="sm">{personLabel(m)}</Text>
            </Group>
            <SegmentedControl
              size="xs"
              aria-label={`Attendance of ${m.name}`}
              data={[
                { value: '', label: 'Not marked' },
                { value: 'present', label: 'Present' },
                { value: 'absent', label: 'Absent' },
              ]}
              value={byPerson.get(m.id)?.status ?? ''}
              onChange={(v) => v && void trackSave(() => setAttendance(repos, meetingId, m.id, v as Attendance['status']))}
            />
          </Group>
        ))}
        <Text fw={600} size="sm" mt="sm">
          Guests (not counted toward quorum)
        </Text>
        {guests.map((g) => (
          <Group key={g.id} justify="space-between" data-testid="guest-row">
            <Group gap="xs">
              {g.guestSide ? (
                <SideBadge side={g.guestSide} />
              ) : (
                <Badge size="sm" color="gray" variant="light">
                  Guest
                </Badge>
              )}
              <Text size="sm">{g.guestName}</Text>
            </Group>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Remove guest ${g.guestName}`}
              onClick={() =>
                void removeWithUndo(
                  `Removed guest ${g.guestName}`,
                  () => removeAttendance(repos, g.id),
                  (row) => restoreAttendance(repos, row),
                )
              }
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group align="flex-end">
          <TextInput
            style={{ flex: 1 }}
            label="Guest name"
            value={guestName}
            onChange={(e) => setGuestName(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void submitGuest();
              }
            }}
          />
          <Select
            label="Side (optional)"
            w={170}
            clearable
            data={SIDES.map((s) => ({ value: s, label: SIDE_LABELS[s] }))}
            value={guestSide}
            onChange={setGuestSide}
          />
          <Button variant="light" onClick={() => void submitGuest()} disabled={!guestName.trim()}>
            Add guest
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
