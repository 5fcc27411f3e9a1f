import { Anchor, Badge, Group, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'wouter';
import { ACTION_ITEM_STATUS_LABELS, type ActionItemStatus } from '@shared/model/ibps';
import { EmptyState } from '../../components/EmptyState';
import { useLive, useRepos } from '../../db/live';
import { actionsPage, type ActionFilter } from './queries';
import { setActionItemStatus, updateActionItem } from './commands';
import { trackSave } from '../../stores/saveStatus/store';
import { personOptions } from '../roster/labels';

/** Every body's action items in one place, so none goes stale without someone seeing it. */
export function ActionsPage() {
  const repos = useRepos();
  const [filter, setFilter] = useState<ActionFilter>('open');
  const data = useLive((r) => actionsPage(r, filter), [filter]);
  if (!data) return null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Action items</Title>
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
      {data.total === 0 ? (
        <EmptyState icon={<IconChecklist size={30} />} title="No action items yet">
          Action items agreed in meetings and IBPS sessions appear here, with overdue and stale ones flagged.
        </EmptyState>
      ) : data.rows.length === 0 ? (
        <Text c="dimmed">Nothing here with this filter.</Text>
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
            {data.rows.map(({ item, bodyName, meetingTitle, overdue, stale, daysSinceUpdate }) => (
              <Table.Tr key={item.id} data-testid="action-item-row" data-overdue={overdue} data-stale={stale}>
                <Table.Td>
                  <TextInput
                    variant="unstyled"
                    aria-label="What"
                    defaultValue={item.what}
                    onBlur={(e) =>
                      e.currentTarget.value.trim() &&
                      e.currentTarget.value !== item.what &&
                      void trackSave(() => updateActionItem(repos, item.id, { what: e.currentTarget.value }))
                    }
                  />
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
                    data={personOptions(data.people)}
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
