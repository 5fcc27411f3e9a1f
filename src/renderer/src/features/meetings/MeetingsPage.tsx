import { Anchor, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconCalendarEvent, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import { localDateTime, now as clockNow } from '@shared/clock';
import { EmptyState } from '../../components/EmptyState';
import { ListPager, usePaging } from '../../components/ListPager';
import { useLive } from '../../db/live';
import { meetingsListPage } from './queries';
import { useMeetingTime } from './format';
import { NewMeetingModal } from './NewMeetingModal';
import { useMenuCommand } from '../../app/useMenuCommands';
import { useT } from '../../i18n';

/** Meetings per page: the list reads and renders one page, however long the council's history. */
const PAGE_SIZE = 50;

export function MeetingsPage() {
  const t = useT('meetings');
  const meetingTime = useMeetingTime();
  const [, navigate] = useLocation();
  const [opened, modal] = useDisclosure(false);
  useMenuCommand('new-meeting', modal.open);
  const [search, setSearch] = useState('');
  // A search reads every meeting: wait for a pause in typing rather than re-reading per keystroke.
  const [query] = useDebouncedValue(search.trim(), 200);
  const [total, setTotal] = useState<number | null>(null);
  const paging = usePaging(total ?? Number.MAX_SAFE_INTEGER, PAGE_SIZE, query);
  const list = useLive((r) => meetingsListPage(r, { search: query, offset: paging.start, limit: PAGE_SIZE }), [query, paging.start]);
  if (list && list.total !== total) setTotal(list.total);
  const now = localDateTime(clockNow());
  if (!list) return null;

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
      {!list.any ? (
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
              {list.entries.map(({ meeting, bodyName }) => (
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
          {/* The pager names the rows on screen: while the next page is read, the last one stays. */}
          <ListPager
            paging={{ ...paging, page: list.offset / PAGE_SIZE + 1, start: list.offset, end: list.offset + list.entries.length }}
            testId="meetings-pager"
          />
          {list.total === 0 && <Text c="dimmed">{t('list.noMatch', { query })}</Text>}
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
