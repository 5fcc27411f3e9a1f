import { ActionIcon, Badge, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCalendarPlus, IconCheck, IconRotate } from '@tabler/icons-react';
import type { BodyKind } from '@shared/model';
import type { ParkingLotItem } from '@shared/model/ibps';
import { useRepos } from '../../db/live';
import { trackSave } from '../../stores/saveStatus/store';
import { CaptureInput } from './CaptureInput';
import { parkTopic, setParkingLotStatus } from './commands';
import { useIbpsT } from './words';

/** Out-of-scope topics, available at every step; open ones carry forward until answered. */
export function ParkingLotPanel({
  items,
  body,
  meetingId,
  sessionId,
  captureLocked = false,
}: {
  items: ParkingLotItem[];
  body: { kind: BodyKind; id: string };
  meetingId: string;
  sessionId: string | null;
  /** The meeting's minutes are approved: no new topic is parked in them; answers stay open. */
  captureLocked?: boolean;
}) {
  const repos = useRepos();
  const t = useIbpsT();
  const open = items.filter((i) => i.status !== 'answered');
  const setStatus = (item: ParkingLotItem, status: ParkingLotItem['status']) => trackSave(() => setParkingLotStatus(repos, item.id, status, meetingId));
  return (
    <Stack gap="xs" data-testid="parking-lot">
      <Group justify="space-between">
        <Title order={2} size="h5">
          {t('parking.title')}
        </Title>
        <Badge variant="light">{t('parking.open', { count: open.length })}</Badge>
      </Group>
      {!captureLocked && (
        <CaptureInput
          size="sm"
          aria-label={t('parking.park')}
          placeholder={t('parking.parkPlaceholder')}
          onAdd={(text) => trackSave(() => parkTopic(repos, { bodyKind: body.kind, bodyId: body.id, meetingId, sessionId, text }))}
        />
      )}
      {items.map((item) => (
        <Paper key={item.id} withBorder p={6} data-testid="parking-row" style={{ opacity: item.status === 'answered' ? 0.55 : 1 }}>
          <Group justify="space-between" wrap="nowrap" gap={4}>
            <Text size="sm" td={item.status === 'answered' ? 'line-through' : undefined}>
              {item.text}
            </Text>
            <Group gap={2} wrap="nowrap">
              {item.status === 'scheduled' && <Badge size="xs">{t('parking.nextAgenda')}</Badge>}
              {item.status === 'open' && (
                <Tooltip label={t('parking.scheduleTip')}>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    aria-label={t('parking.schedule', { text: item.text })}
                    onClick={() => void setStatus(item, 'scheduled')}
                  >
                    <IconCalendarPlus size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
              {item.status !== 'answered' ? (
                <Tooltip label={t('parking.answeredTip')}>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="teal"
                    aria-label={t('parking.answered', { text: item.text })}
                    onClick={() => void setStatus(item, 'answered')}
                  >
                    <IconCheck size={14} />
                  </ActionIcon>
                </Tooltip>
              ) : (
                <Tooltip label={t('parking.reopenTip')}>
                  <ActionIcon
                    size="sm"
                    variant="subtle"
                    color="gray"
                    aria-label={t('parking.reopen', { text: item.text })}
                    onClick={() => void setStatus(item, 'open')}
                  >
                    <IconRotate size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}
