import { ActionIcon, Badge, Group, NumberInput, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconClock, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { nowMs } from '@shared/clock';
import type { AgendaItem } from '@shared/model';
import type { IbpsSession, IbpsStep } from '@shared/model/ibps';
import { useRepos } from '../../db/live';
import { useLiveSession } from '../../stores/liveSession/store';
import { formatClock, readTimer } from '../../stores/liveSession/timer';
import { trackSave } from '../../stores/saveStatus/store';
import { setStepTimebox } from './commands';

const COLORS = { none: 'gray', running: 'teal', warning: 'yellow', over: 'red' } as const;

/** The timekeeper's view of the current step's time box, with a gentle warning near the end. */
export function StepTimer({ session, step }: { session: IbpsSession; step: IbpsStep }) {
  const repos = useRepos();
  const startedAt = useLiveSession((s) => (s.stepStartedAt[session.id]?.step === step ? s.stepStartedAt[session.id]?.at : undefined));
  const start = useLiveSession((s) => s.startStepTimer);
  const reset = useLiveSession((s) => s.resetStepTimer);
  const [now, setNow] = useState(() => nowMs());
  const interval = useInterval(() => setNow(nowMs()), 1000);
  useEffect(() => {
    start(session.id, step);
    interval.start();
    return interval.stop;
  }, [session.id, step, start, interval]);
  const box = session.timeboxMinutes[step];
  const reading = readTimer(startedAt, box, now);

  return (
    <Group gap={6} data-testid="step-timer" data-state={reading.state}>
      <Popover position="bottom-end" withArrow>
        <Popover.Target>
          <Tooltip label="Set this step's time box">
            <Badge
              size="xl"
              variant={reading.state === 'none' ? 'outline' : 'filled'}
              color={COLORS[reading.state]}
              leftSection={<IconClock size={16} />}
              style={{ cursor: 'pointer' }}
              component="button"
              aria-label="Step time box"
            >
              {reading.state === 'none'
                ? 'Step: set a time box'
                : reading.state === 'over'
                  ? `Step over by ${formatClock(-reading.remainingMs)}`
                  : `Step: ${formatClock(reading.remainingMs)} left`}
            </Badge>
          </Tooltip>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <NumberInput
              label="Minutes for this step"
              min={0}
              max={600}
              allowDecimal={false}
              value={box ?? ''}
              onChange={(v) => void trackSave(() => setStepTimebox(repos, session.id, step, typeof v === 'number' ? v : null))}
            />
            <Text size="xs" c="dimmed">
              The timer turns yellow near the end and red when over.
            </Text>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Tooltip label="Restart the clock for this step">
        <ActionIcon variant="subtle" color="gray" aria-label="Restart step timer" onClick={() => reset(session.id, step)}>
          <IconRefresh size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/**
 * The agenda item's own time box (from the meeting agenda), running from when the session is
 * first opened in this meeting; the timekeeper sees both it and the step's clock.
 */
export function AgendaItemTimer({ item }: { item: AgendaItem }) {
  const key = `agenda:${item.id}`;
  const startedAt = useLiveSession((s) => s.stepStartedAt[key]?.at);
  const start = useLiveSession((s) => s.startStepTimer);
  const [now, setNow] = useState(() => nowMs());
  const interval = useInterval(() => setNow(nowMs()), 1000);
  useEffect(() => {
    start(key, 'agenda-item');
    interval.start();
    return interval.stop;
  }, [key, start, interval]);
  const reading = readTimer(startedAt, item.timeBoxMinutes || null, now);
  if (reading.state === 'none') return null;
  return (
    <Tooltip label={`Agenda item “${item.title}”: ${item.timeBoxMinutes} minutes`}>
      <Badge size="xl" variant="light" color={COLORS[reading.state]} data-testid="agenda-item-timer" data-state={reading.state}>
        Item: {reading.state === 'over' ? `over by ${formatClock(-reading.remainingMs)}` : `${formatClock(reading.remainingMs)} left`}
      </Badge>
    </Tooltip>
  );
}
