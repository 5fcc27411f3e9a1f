import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconChecklist, IconDownload, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'wouter';
import { today } from '@shared/clock';
import { ACTION_ITEM_STATUS_LABELS, type ActionItemStatus } from '@shared/model/ibps';
import { EmptyState } from '../../components/EmptyState';
import { notifyError, notifySuccess } from '../../components/notify';
import { useLive, useRepos } from '../../db/live';
import { actionsPage, matchesActionSearch, type ActionFilter, type ActionSearch } from './queries';
import { setActionItemStatus, updateActionItem } from './commands';
import { exportActionRows } from './exportActions';
import { trackSave } from '../../stores/saveStatus/store';
import { personOptions } from '../roster/labels';

/** Every body's action items in one place, so none goes stale without someone seeing it. */
export function ActionsPage() {
  const repos = useRepos();
  const [filter, setFilter] = useState<ActionFilter>('open');
  const [search, setSearch] = useState<ActionSearch>({ text: '', ownerId: null, bodyId: null });
  const data = useLive((r) => actionsPage(r, filter), [filter]);
  if (!data) return null;
  const names = new Map(data.people.map((p) => [p.id, p.name]));
  // One options list for every row's owner picker: built per row, a roster of thousands times
  // hundreds of open items froze the page for seconds (bench scale suite).
  const ownerOptions = personOptions(data.people);
  const rows = data.rows.filter((r) => matchesActionSearch(r, search, (id) => (id ? (names.get(id) ?? '') : '')));
  const narrowed = search.text.trim() !== '' || search.ownerId !== null || search.bodyId !== null;
  const exportRows = async () => {
    try {
      const result = await exportActionRows(rows, data.people, `Action items ${today()}`);
      if (result.status === 'saved') notifySuccess(`Saved ${result.path}`);
      else if (result.status === 'error') notifyError('The file was not saved', new Error(result.message));
    } catch (e) {
      notifyError('The file was not saved', e);
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Action items
        </Title>
        <SegmentedControl
          aria-label="Filter action items"
          value={filter}
          onChange={(v) => setFilter(v as ActionFilter)}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'overdue', label: 'Overdue' },
            { value: 'stale', label: 'Stale (30+ days)' },
            { value: 'done', label: 'Done' },
            { value: 'all', label: 'All' },
          ]}
        />
      </Group>
      {data.total > 0 && (
        <Group align="flex-end" gap="sm">
          <TextInput
            style={{ flex: 1 }}
            leftSection={<IconSearch size={16} />}
            aria-label="Search action items"
            placeholder="Search what, how we'll know, team, meeting or owner"
            value={search.text}
            onChange={(e) => setSearch({ ...search, text: e.currentTarget.value })}
          />
          <Select
            w={200}
            aria-label="Owner filter"
            placeholder="Any owner"
            clearable
            searchable
            limit={50}
            data={[{ value: 'none', label: 'Unassigned' }, ...personOptions(data.people)]}
            value={search.ownerId}
            onChange={(ownerId) => setSearch({ ...search, ownerId })}
          />
          <Select
            w={220}
            aria-label="Council or team filter"
            placeholder="Any council or team"
            clearable
            searchable
            data={data.bodies.map((b) => ({ value: b.id, label: b.name }))}
            value={search.bodyId}
            onChange={(bodyId) => setSearch({ ...search, bodyId })}
          />
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            disabled={rows.length === 0}
            onClick={() => void exportRows()}
            data-testid="export-actions"
          >
            Export CSV ({rows.length})
          </Button>
        </Group>
      )}
      {data.total === 0 ? (
        <EmptyState icon={<IconChecklist size={30} />} title="No action items yet">
          Action items agreed in meetings and IBPS sessions appear here, with overdue and stale ones flagged.
        </EmptyState>
      ) : rows.length === 0 ? (
        <Text c="dimmed">{narrowed ? 'No action item matches this search.' : 'Nothing here with this filter.'}</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>What</Table.Th>
              <Table.Th>Council or team</Table.Th>
              <Table.Th w={200}>Owner</Table.Th>
              <Table.Th w={150}>Due</Table.Th>
              <Table.Th w={140}>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ item, bodyName, meetingTitle, meetingStartsAt, overdue, stale, daysSinceUpdate, recordLocked }) => (
              <Table.Tr key={item.id} data-testid="action-item-row" data-overdue={overdue} data-stale={stale}>
                <Table.Td>
                  {/* A long item is cut to the column in the field: the whole of it shows on hover. */}
                  <Tooltip
                    multiline
                    w={420}
                    openDelay={300}
                    label={item.measure ? `${item.what}\nWe will know it worked: ${item.measure}` : item.what}
                    style={{ whiteSpace: 'pre-line' }}
                  >
                    <TextInput
                      variant="unstyled"
                      aria-label="What"
                      title={recordLocked ? `${item.what} (agreed in approved minutes: start an amendment to change it)` : item.what}
                      readOnly={recordLocked}
                      defaultValue={item.what}
                      onBlur={(e) =>
                        !recordLocked &&
                        e.currentTarget.value.trim() &&
                        e.currentTarget.value !== item.what &&
                        void trackSave(() => updateActionItem(repos, item.id, { what: e.currentTarget.value }))
                      }
                    />
                  </Tooltip>
                  {item.measure && (
                    <Text size="xs" c="dimmed" lineClamp={1} title={item.measure}>
                      We will know it worked: {item.measure}
                    </Text>
                  )}
                  <Group gap={4}>
                    {overdue && (
                      <Badge color="red" size="xs">
                        Overdue
                      </Badge>
                    )}
                    {stale && (
                      <Badge color="yellow" size="xs">
                        No update in {daysSinceUpdate} days
                      </Badge>
                    )}
                    <Anchor component={Link} href={`/meetings/${item.meetingId}`} size="xs" c="dimmed">
                      {meetingTitle}
                      {meetingStartsAt ? ` (${meetingStartsAt.slice(0, 10)})` : ''}
                    </Anchor>
                  </Group>
                </Table.Td>
                <Table.Td>{bodyName}</Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={`Owner of ${item.what}`}
                    placeholder="Unassigned"
                    searchable
                    clearable
                    limit={50}
                    data={ownerOptions}
                    value={item.ownerId}
                    onChange={(ownerId) => void trackSave(() => updateActionItem(repos, item.id, { ownerId }))}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    type="date"
                    aria-label={`Due date of ${item.what}`}
                    value={item.dueDate ?? ''}
                    onChange={(e) => void trackSave(() => updateActionItem(repos, item.id, { dueDate: e.currentTarget.value || null }))}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    aria-label={`Status of ${item.what}`}
                    allowDeselect={false}
                    data={Object.entries(ACTION_ITEM_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
                    value={item.status}
                    onChange={(v) => v && void trackSave(() => setActionItemStatus(repos, item.id, v as ActionItemStatus))}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
