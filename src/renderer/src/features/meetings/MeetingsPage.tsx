import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarEvent, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { localDateTime, now as clockNow } from '@shared/clock';
import { EmptyState } from '../../components/EmptyState';
import { useLive } from '../../db/live';
import { listMeetings } from './queries';
import { useMeetingTime } from './format';
import { NewMeetingModal } from './NewMeetingModal';
import { useMenuCommand } from '../../app/useMenuCommands';
import { useT } from '../../i18n';

/** Rendering thousands of rows would make opening the list slow; search reaches the rest. */
const MAX_ROWS = 200;

export function MeetingsPage() {
  const t = useT('meetings');
  const meetingTime = useMeetingTime();
  const [, navigate] = useLocation();
  const [opened, modal] = useDisclosure(false);
  useMenuCommand('new-meeting', modal.open);
  const [search, setSearch] = useState('');
  const entries = useLive((r) => listMeetings(r), []);
  const now = localDateTime(clockNow());
  const filtered = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (entries ?? []).filter((e) => !q || e.meeting.title.toLowerCase().includes(q) || e.bodyName.toLowerCase().includes(q));
  }, [entries, search]);
  if (!entries) return null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('list.title')}
        </Title>
        <Group>
          <TextInput
            leftSection={<IconSearch size={16} />}
            placeholder={t('list.search')}
            aria-label={t('list.search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
          <Button leftSection={<IconPlus size={16} />} onClick={modal.open}>
            {t('list.plan')}
          </Button>
        </Group>
      </Group>
      {entries.length === 0 ? (
        <EmptyState icon={<IconCalendarEvent size={30} />} title={t('list.emptyTitle')}>
          {t('list.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <Table highlightOnHover verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.col.when')}</Table.Th>
                <Table.Th>{t('list.col.meeting')}</Table.Th>
                <Table.Th>{t('list.col.body')}</Table.Th>
                <Table.Th>{t('list.col.location')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {filtered.slice(0, MAX_ROWS).map(({ meeting, bodyName }) => (
                <Table.Tr key={meeting.id} data-testid="meeting-row">
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{meetingTime(meeting.startsAt)}</Text>
                      {meeting.startsAt >= now && (
                        <Badge size="xs" variant="light">
                          {t('list.upcoming')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} href={`/meetings/${meeting.id}`}>
                      {meeting.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{bodyName || t('list.unknownBody')}</Table.Td>
                  <Table.Td>{meeting.location}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {filtered.length > MAX_ROWS && (
            <Text c="dimmed" size="sm">
              {t('list.more', { shown: MAX_ROWS, total: filtered.length })}
            </Text>
          )}
          {filtered.length === 0 && <Text c="dimmed">{t('list.noMatch', { query: search })}</Text>}
        </>
      )}
      <NewMeetingModal
        opened={opened}
        onClose={modal.close}
        onCreated={(id) => {
          modal.close();
          navigate(`/meetings/${id}`);
        }}
      />
    </Stack>
  );
}
