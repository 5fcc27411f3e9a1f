import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Meeting } from '@shared/model';
import { ACTION_ITEM_STATUS_LABELS } from '@shared/model/ibps';
import { useLive } from '../../db/live';
import { carriedForwardWithOwners } from './queries';

/** What this meeting inherits: unfinished action items and unanswered parking-lot items. */
export function CarriedForwardCard({ meeting }: { meeting: Meeting }) {
  const data = useLive((r) => carriedForwardWithOwners(r, meeting), [meeting.id, meeting.startsAt]);
  if (!data) return null;
  const { actionItems, parkingLot } = data.carried;
  if (actionItems.length === 0 && parkingLot.length === 0) return null;
  const owner = (id: string | null) => data.people.find((p) => p.id === id)?.name ?? 'Unassigned';
  return (
    <Card withBorder data-testid="carried-forward">
      <Title order={2} size="h4" mb="xs">
        Carried forward from earlier meetings
      </Title>
      <Stack gap={6}>
        {actionItems.map(({ item, origin, overdue, stale, daysSinceUpdate }) => (
          <Group key={item.id} justify="space-between" wrap="nowrap" data-testid="carried-action">
            <Text size="sm">
              {item.what}{' '}
              <Text span c="dimmed" size="xs">
                — {owner(item.ownerId)}
                {item.dueDate ? `, due ${item.dueDate}` : ''} (from {origin.startsAt.slice(0, 10)})
              </Text>
            </Text>
            <Group gap={4} wrap="nowrap">
              <Badge size="xs" variant="light">
                {ACTION_ITEM_STATUS_LABELS[item.status]}
              </Badge>
              {overdue && (
                <Badge size="xs" color="red">
                  Overdue
                </Badge>
              )}
              {stale && (
                <Badge size="xs" color="yellow">
                  {daysSinceUpdate} days without update
                </Badge>
              )}
            </Group>
          </Group>
        ))}
        {parkingLot.map(({ item, scheduledHere }) => (
          <Group key={item.id} justify="space-between" data-testid="carried-parking">
            <Text size="sm">Parking lot: {item.text}</Text>
            {scheduledHere && <Badge size="xs">On this agenda</Badge>}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
