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
import { useIbpsT } from './words';

const COLORS = { none: 'gray', running: 'teal', warning: 'yellow', over: 'red' } as const;

/** The timekeeper's view of the current step's time box, with a gentle warning near the end. */
export function StepTimer({ session, step }: { session: IbpsSession; step: IbpsStep }) {
  const repos = useRepos();
  const t = useIbpsT();
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
          <Tooltip label={t('timer.setTip')}>
            <Badge
              size="xl"
              variant={reading.state === 'none' ? 'outline' : 'filled'}
              color={COLORS[reading.state]}
              leftSection={<IconClock size={16} />}
              style={{ cursor: 'pointer' }}
              component="button"
              aria-label={t('timer.box')}
            >
              {reading.state === 'none'
                ? t('timer.none')
                : reading.state === 'over'
                  ? t('timer.over', { time: formatClock(-reading.remainingMs) })
                  : t('timer.left', { time: formatClock(reading.remainingMs) })}
            </Badge>
          </Tooltip>
        </Popover.Target>
        <Popover.Dropdown>
          <Stack gap="xs">
            <NumberInput
              label={t('timer.minutes')}
              min={0}
              max={600}
              allowDecimal={false}
              value={box ?? ''}
              onChange={(v) => void trackSave(() => setStepTimebox(repos, session.id, step, typeof v === 'number' ? v : null))}
            />
            <Text size="xs" c="dimmed">
              {t('timer.hint')}
            </Text>
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Tooltip label={t('timer.restartTip')}>
        <ActionIcon variant="subtle" color="gray" aria-label={t('timer.restart')} onClick={() => reset(session.id, step)}>
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
  const t = useIbpsT();
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
  const paused = started && !reading.running ? 'yes' : 'no';
  const label = !started
    ? t('timer.item.notStarted', { minutes: String(item.timeBoxMinutes) })
    : reading.state === 'over'
      ? t('timer.item.over', { time: formatClock(-reading.remainingMs), paused })
      : t('timer.item.left', { time: formatClock(reading.remainingMs), paused });
  return (
    <Group gap={2} wrap="nowrap" data-testid="agenda-item-clock">
      <Tooltip label={t('timer.item.tip', { title: item.title, minutes: item.timeBoxMinutes, paused })}>
        <Badge
          size="xl"
          variant="light"
          color={started ? (reading.running ? COLORS[reading.state === 'none' ? 'running' : reading.state] : 'gray') : 'gray'}
          data-testid="agenda-item-timer"
          data-state={started ? (reading.running ? reading.state : 'paused') : 'not-started'}
        >
          {label}
        </Badge>
      </Tooltip>
      {reading.running ? (
        <Tooltip label={t('timer.item.pauseTip')}>
          <ActionIcon variant="subtle" color="gray" aria-label={t('timer.item.pause')} onClick={() => pauseClock(item.id)}>
            <IconPlayerPause size={16} />
          </ActionIcon>
        </Tooltip>
      ) : (
        <Tooltip label={started ? t('timer.item.resumeTip') : t('timer.item.startTip')}>
          <ActionIcon variant="subtle" color="teal" aria-label={started ? t('timer.item.resume') : t('timer.item.start')} onClick={() => startClock(item.id)}>
            <IconPlayerPlay size={16} />
          </ActionIcon>
        </Tooltip>
      )}
      {started && (
        <Tooltip label={t('timer.item.resetTip')}>
          <ActionIcon variant="subtle" color="gray" aria-label={t('timer.item.reset')} onClick={() => resetClock(item.id)}>
            <IconRefresh size={16} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
