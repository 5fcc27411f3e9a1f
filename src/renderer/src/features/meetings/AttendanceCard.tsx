import { ActionIcon, Alert, Badge, Button, Card, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { SIDES, type Attendance, type Person, type Side } from '@shared/model';
import { absentRoleHolders, type RoleHolder } from '@shared/meetings/roles';
import { useRepos } from '../../db/live';
import { addGuest, markAllPresent, removeAttendance, restoreAttendance, setAttendance } from './commands';
import { notifyError, removeWithUndo } from '../../components/notify';
import { trackSave } from '../../stores/saveStatus/store';
import { SideBadge } from '../roster/SideBadge';
import { personLabel } from '../roster/labels';
import { useFormat, useT } from '../../i18n';
import { describeAbsent, roleName } from './absentRoles';
import { useRosterWords } from '../roster/useRosterWords';

/** Roll call by side (the way quorum is counted), with a warning when someone holding a role is marked absent. */
export function AttendanceCard({
  meetingId,
  members,
  attendance,
  roleHolders = [],
  people = members,
}: {
  meetingId: string;
  members: Person[];
  attendance: Attendance[];
  /** The meeting's roles and the team's co-leads. */
  roleHolders?: readonly RoleHolder[];
  /** Everyone who may hold a role (a facilitator from outside the body included), for names. */
  people?: readonly Person[];
}) {
  const repos = useRepos();
  const t = useT('meetings');
  const { local } = useRosterWords();
  const { locale } = useFormat();
  const words = (key: string, values?: Record<string, unknown>) => t(key, values);
  const byPerson = new Map(attendance.filter((a) => a.personId).map((a) => [a.personId!, a]));
  const guests = attendance.filter((a) => !a.personId);
  const [guestName, setGuestName] = useState('');
  const [guestSide, setGuestSide] = useState<string | null>(null);
  const presentCount = members.filter((m) => byPerson.get(m.id)?.status === 'present').length;
  const absentHolders = absentRoleHolders(roleHolders, attendance);
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? members.find((m) => m.id === id)?.name ?? t('attendance.someone');
  const bySide = SIDES.map((side) => ({ side, people: members.filter((m) => m.side === side) })).filter((g) => g.people.length > 0);

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
      notifyError(t('attendance.addGuestFailed'), e);
    }
  };

  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('attendance.title')}
        </Title>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('attendance.count', { present: presentCount, total: members.length })}
          </Text>
          <Button size="xs" variant="light" onClick={() => void markAll()} disabled={members.every((m) => byPerson.has(m.id))}>
            {t('attendance.markRest')}
          </Button>
        </Group>
      </Group>
      <Stack gap={6}>
        {members.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('attendance.noMembers')}
          </Text>
        )}
        {bySide.map(({ side, people: sidePeople }) => (
          <Stack key={side} gap={4} data-testid="attendance-side" data-side={side}>
            <Group gap="xs" mt={4}>
              <SideBadge side={side} />
              <Text size="sm" fw={600}>
                {t('attendance.sideCount', { present: sidePeople.filter((m) => byPerson.get(m.id)?.status === 'present').length, total: sidePeople.length })}
              </Text>
            </Group>
            {sidePeople.map((m) => (
              <Group key={m.id} justify="space-between" wrap="nowrap" data-testid="attendance-row" pl="sm">
                <Text size="sm">
                  {personLabel(m, local)}
                  {roleHolders
                    .filter((h) => h.personId === m.id)
                    .map((h) => (
                      <Badge key={h.role} size="xs" variant="outline" ml={6} color="gray">
                        {roleName(h.role, words)}
                      </Badge>
                    ))}
                </Text>
                <SegmentedControl
                  size="xs"
                  aria-label={t('attendance.of', { name: m.name })}
                  data={[
                    { value: '', label: t('attendance.notMarked') },
                    { value: 'present', label: t('attendance.present') },
                    { value: 'absent', label: t('attendance.absent') },
                  ]}
                  value={byPerson.get(m.id)?.status ?? ''}
                  onChange={(v) => v && void trackSave(() => setAttendance(repos, meetingId, m.id, v as Attendance['status']))}
                />
              </Group>
            ))}
          </Stack>
        ))}
        {/* Below the roll call: appearing, it never moves the rows the facilitator is clicking. */}
        {absentHolders.length > 0 && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} p="xs" data-testid="absent-role-holders">
            {absentHolders.map((a) => (
              <Text key={a.personId} size="sm">
                {describeAbsent(a, nameOf(a.personId), words, locale)}
              </Text>
            ))}
          </Alert>
        )}
        <Text fw={600} size="sm" mt="sm">
          {t('attendance.guests')}
        </Text>
        {guests.map((g) => (
          <Group key={g.id} justify="space-between" data-testid="guest-row">
            <Group gap="xs">
              {g.guestSide ? (
                <SideBadge side={g.guestSide} />
              ) : (
                <Badge size="sm" color="gray" variant="light">
                  {t('attendance.guest')}
                </Badge>
              )}
              <Text size="sm">{g.guestName}</Text>
            </Group>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('attendance.removeGuest', { name: g.guestName })}
              onClick={() =>
                void removeWithUndo(
                  t('attendance.removedGuest', { name: g.guestName }),
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
            label={t('attendance.guestName')}
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
            label={t('attendance.guestSide')}
            w={170}
            clearable
            data={SIDES.map((s) => ({ value: s, label: t(`side.${s}`) }))}
            value={guestSide}
            onChange={setGuestSide}
          />
          <Button variant="light" onClick={() => void submitGuest()} disabled={!guestName.trim()}>
            {t('attendance.addGuest')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
