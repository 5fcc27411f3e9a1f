import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { Meeting } from '@shared/model';
import { useLive } from '../../db/live';
import { useFormat, useT } from '../../i18n';
import { carriedForwardWithOwners } from './queries';

/** What this meeting inherits: unfinished action items and unanswered parking-lot items. */
export function CarriedForwardCard({ meeting }: { meeting: Meeting }) {
  const t = useT('meetings');
  const f = useFormat();
  const data = useLive((r) => carriedForwardWithOwners(r, meeting), [meeting.id, meeting.startsAt]);
  if (!data) return null;
  const { actionItems, parkingLot } = data.carried;
  if (actionItems.length === 0 && parkingLot.length === 0) return null;
  const owner = (id: string | null) => data.people.find((p) => p.id === id)?.name ?? t('carried.unassigned');
  return (
    <Card withBorder data-testid="carried-forward">
      <Title order={2} size="h4" mb="xs">
        {t('carried.title')}
      </Title>
      <Stack gap={6}>
        {actionItems.map(({ item, origin, overdue, stale, daysSinceUpdate }) => (
          <Group key={item.id} justify="space-between" wrap="nowrap" data-testid="carried-action">
            <Text size="sm">
              {item.what}{' '}
              <Text span c="dimmed" size="xs">
                {t('carried.detail', {
                  owner: owner(item.ownerId),
                  hasDue: item.dueDate ? 'yes' : 'no',
                  due: item.dueDate ? f.date(item.dueDate) : '',
                  origin: f.date(origin.startsAt),
                })}
              </Text>
            </Text>
            <Group gap={4} wrap="nowrap">
              <Badge size="xs" variant="light">
                {t(`status.${item.status}`)}
              </Badge>
              {overdue && (
                <Badge size="xs" color="red">
                  {t('carried.overdue')}
                </Badge>
              )}
              {stale && (
                <Badge size="xs" color="yellow">
                  {t('carried.stale', { days: daysSinceUpdate })}
                </Badge>
              )}
            </Group>
          </Group>
        ))}
        {parkingLot.map(({ item, scheduledHere }) => (
          <Group key={item.id} justify="space-between" data-testid="carried-parking">
            <Text size="sm">{t('carried.parking', { text: item.text })}</Text>
            {scheduledHere && <Badge size="xs">{t('carried.onAgenda')}</Badge>}
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
