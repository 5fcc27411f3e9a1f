import { ActionIcon, Badge, Group, NumberInput, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconClock, IconPlayerPause, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { nowMs } from '@shared/clock';
import type { AgendaItem } from '@shared/model';
import type { IbpsSession, IbpsStep } from '@shared/model/ibps';
import { useRepos } from '../../db/live';
import { useLiveSession } from '../../stores/liveSession/store';
import { formatClock, readClock, readTimer } from '../../stores/liveSession/timer';
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
      {/* Opening it puts focus in its one field (trapFocus), so the minutes can be typed at once. */}
      <Popover position="bottom-end" withArrow trapFocus>
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
 * The agenda item's own time box (from the meeting agenda). The timekeeper starts it when the
 * item starts, not when this screen happens to open, and can pause it (a break, a fire drill);
 * the step's clock above runs on its own.
 */
export function AgendaItemTimer({ item }: { item: AgendaItem }) {
  const clock = useLiveSession((s) => s.itemClocks[item.id]);
  const startClock = useLiveSession((s) => s.startItemClock);
  const pauseClock = useLiveSession((s) => s.pauseItemClock);
  const resetClock = useLiveSession((s) => s.resetItemClock);
  const [now, setNow] = useState(() => nowMs());
  const interval = useInterval(() => setNow(nowMs()), 1000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  if (!item.timeBoxMinutes) return null;
  const reading = readClock(clock, item.timeBoxMinutes, now);
  const started = clock !== undefined;
  const label = !started
    ? `Item: ${item.timeBoxMinutes}:00`
    : reading.state === 'over'
      ? `Item: over by ${formatClock(-reading.remainingMs)}`
      : `Item: ${formatClock(reading.remainingMs)} left`;
  return (
    <Group gap={2} wrap="nowrap" data-testid="agenda-item-clock">
      <Tooltip label={`Agenda item “${item.title}”: ${item.timeBoxMinutes} minutes${started && !reading.running ? ' (paused)' : ''}`}>
        <Badge
          size="xl"
          variant="light"
          color={started ? (reading.running ? COLORS[reading.state === 'none' ? 'running' : reading.state] : 'gray') : 'gray'}
          data-testid="agenda-item-timer"
          data-state={started ? (reading.running ? reading.state : 'paused') : 'not-started'}
        >
          {label}
          {started && !reading.running ? ' (paused)' : ''}
        </Badge>
      </Tooltip>
      {reading.running ? (
        <Tooltip label="Pause the item's clock">
          <ActionIcon variant="subtle" color="gray" aria-label="Pause the agenda item timer" onClick={() => pauseClock(item.id)}>
            <IconPlayerPause size={16} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Tooltip label={started ? "Resume the item's clock" : "Start the item's clock"}>
          <ActionIcon
            variant="subtle"
            color="teal"
            aria-label={started ? 'Resume the agenda item timer' : 'Start the agenda item timer'}
            onClick={() => startClock(item.id)}
          >
            <IconPlayerPlay size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {started && (
        <Tooltip label="Reset the item's clock">
          <ActionIcon variant="subtle" color="gray" aria-label="Reset the agenda item timer" onClick={() => resetClock(item.id)}>
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
