import { ActionIcon, Anchor, Button, Grid, Group, NavLink, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed, IconCircleDot, IconMinus, IconPlus, IconPresentation } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { sessionCloseProblem } from '@shared/ibps/session';
import { Link } from 'wouter';
import { IBPS_STEPS, type IbpsStep, type IbpsStepStatus } from '@shared/model/ibps';
import { useLive, useRepos } from '../../db/live';
import { goToStep, setStepStatus } from './commands';
import { loadSession, sessionLock, type SessionRecord } from './queries';
import { LockedFieldset, RecordLockNotice } from '../minutes/RecordLockNotice';
import { trackSave } from '../../stores/saveStatus/store';
import { NotFound } from '../placeholders/NotFound';
import { openRoomView } from './openRoomView';
import { useMenuCommand } from '../../app/useMenuCommands';
import { ParkingLotPanel } from './ParkingLotPanel';
import { SetUpPanel } from './SetUpPanel';
import { AgendaItemTimer } from './StepTimer';
import { PlusDeltaPanel } from './PlusDeltaPanel';
import { StepTimer } from './StepTimer';
import { HelpButton } from '../help/HelpButton';
import { ActionPlanStep } from './steps/ActionPlanStep';
import { ConsensusStep } from './steps/ConsensusStep';
import { CriteriaStep } from './steps/CriteriaStep';
import { EvaluateStep } from './steps/EvaluateStep';
import { InterestsStep } from './steps/InterestsStep';
import { IssueStep } from './steps/IssueStep';
import { OptionsStep } from './steps/OptionsStep';
import { firstControl, useFocusNeverDrops, useFocusStepOnChange } from './focus';
import { ROOM_SCALE_MAX, ROOM_SCALE_MIN, ROOM_SCALE_STEP, setRoomScale, useRoomScale } from './roomScale';
import { notifyError } from '../../components/notify';
import { useFormat } from '../../i18n';
import { stepLabel, useIbpsT } from './words';
import { shownError } from './refusals';

const STATUS_ICON: Record<IbpsStepStatus, typeof IconCircleCheck> = { 'not-started': IconCircleDashed, 'in-progress': IconCircleDot, done: IconCircleCheck };

/** An IBPS session; `openStep` (from search) shows that step first. */
export function SessionPage({ id, openStep }: { id: string; openStep?: string }) {
  const repos = useRepos();
  const t = useIbpsT();
  const [onInterests, setOnInterests] = useState(false);
  const record = useLive((r) => loadSession(r, id, { withoutInterests: onInterests }), [id, onInterests]);
  const lock = useLive((r) => sessionLock(r, id), [id]);
  // Steps of a locked session are browsed on this screen only: moving the session's step is a write.
  const target = IBPS_STEPS.find((s) => s === openStep) ?? null;
  const [viewed, setViewed] = useState<IbpsStep | null>(target);
  // Opened at a step (from search): an open session moves there, as a click on the step would;
  // a locked one is only browsed (viewed) on this screen.
  const unlocked = lock !== undefined && !lock.locked;
  useEffect(() => {
    if (target && unlocked) void trackSave(() => goToStep(repos, id, target));
  }, [target, unlocked, repos, id]);
  const showRoomView = useCallback(() => void openRoomView(id), [id]);
  useMenuCommand('room-view', showRoomView);
  const pageRef = useRef<HTMLDivElement>(null);
  const stepRef = useRef<HTMLDivElement>(null);
  const navRef = useRef<HTMLDivElement>(null);
  useFocusNeverDrops(pageRef, () => firstControl(stepRef.current) ?? firstControl(navRef.current));
  const shownStep = record && lock ? (lock.locked ? (viewed ?? record.session.currentStep) : record.session.currentStep) : null;
  useFocusStepOnChange(shownStep ?? '', stepRef, navRef);
  if (record === undefined || lock === undefined) return null;
  if (!record) return <NotFound what="IBPS session" />;
  const { session } = record;
  const locked = lock.locked;
  const step = locked ? (viewed ?? session.currentStep) : session.currentStep;
  // The interests step reads its own list (see loadSession); adjusted during render, not in an effect.
  if ((step === 'interests') !== onInterests) setOnInterests(step === 'interests');
  const presentIds = new Set(record.attendance.filter((a) => a.status === 'present' && a.personId).map((a) => a.personId!));
  const present = record.members.filter((m) => presentIds.has(m.id));
  const issue = record.revisions.at(-1)?.text;

  return (
    <Stack ref={pageRef}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            {t('session.kind')} ·{' '}
            {record.meeting ? (
              <Anchor component={Link} href={`/meetings/${record.meeting.id}`}>
                {record.meeting.title}
              </Anchor>
            ) : (
              t('session.meetingFallback')
            )}
          </Text>
          <Title order={1} size="h2">
            {session.title || t('session.titleFallback')}
          </Title>
          {issue && step !== 'issue' && (
            <Text size="lg" fs="italic" data-testid="session-issue">
              {issue}
            </Text>
          )}
        </Stack>
        <Group>
          {record.agendaItem && <AgendaItemTimer item={record.agendaItem} />}
          {!locked && <StepTimer session={session} step={step} />}
          <Group gap={2} wrap="nowrap">
            <Button variant="light" leftSection={<IconPresentation size={16} />} onClick={() => void openRoomView(session.id)}>
              {t('session.openRoomView')}
            </Button>
            <RoomTextSize />
          </Group>
        </Group>
      </Group>
      {lock.meetingId && <RecordLockNotice lock={lock} meetingId={lock.meetingId} />}
      <Grid>
        <Grid.Col span={{ base: 12, md: 2.4 }} ref={navRef}>
          <Paper withBorder p={4}>
            <nav aria-label={t('session.steps')}>
              {IBPS_STEPS.map((s, i) => {
                const Icon = STATUS_ICON[session.stepStatus[s]];
                return (
                  <NavLink
                    key={s}
                    component="button"
                    aria-current={s === step ? 'step' : undefined}
                    label={t('session.stepItem', { number: i + 1, step: stepLabel(t, s) })}
                    active={s === step}
                    data-status={session.stepStatus[s]}
                    leftSection={<Icon size={18} color={session.stepStatus[s] === 'done' ? 'var(--mantine-color-teal-6)' : undefined} />}
                    onClick={() => (locked ? setViewed(s) : void trackSave(() => goToStep(repos, session.id, s)))}
                  />
                );
              })}
            </nav>
          </Paper>
          {!locked && (
            <StepDoneButton
              sessionId={session.id}
              step={step}
              status={session.stepStatus[step]}
              next={IBPS_STEPS[IBPS_STEPS.indexOf(step) + 1]}
              record={record}
            />
          )}
          <HelpButton kind="ibps" topic={step} fullWidth />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7.1 }}>
          <LockedFieldset locked={locked}>
            <Paper withBorder p="md" data-testid={`step-${step}`} ref={stepRef}>
              <StepBody record={record} step={step} presentIds={presentIds} present={present} />
            </Paper>
            {step === 'action-plan' && record.meeting && (
              <Paper withBorder p="md" mt="md">
                <PlusDeltaPanel items={record.plusDeltas} meetingId={record.meeting.id} sessionId={session.id} />
              </Paper>
            )}
          </LockedFieldset>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 2.5 }}>
          <Paper withBorder p="sm">
            {record.meeting && (
              <ParkingLotPanel
                items={record.parkingLot}
                body={{ kind: session.bodyKind, id: session.bodyId }}
                meetingId={record.meeting.id}
                sessionId={session.id}
                captureLocked={locked}
              />
            )}
          </Paper>
          <Paper withBorder p="sm" mt="md">
            <LockedFieldset locked={locked}>
              <SetUpPanel record={record} present={present} />
            </LockedFieldset>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function StepBody({
  record,
  step,
  presentIds,
  present,
}: {
  record: SessionRecord;
  step: IbpsStep;
  presentIds: Set<string>;
  present: SessionRecord['members'];
}) {
  switch (step) {
    case 'issue':
      return <IssueStep record={record} />;
    case 'interests':
      return <InterestsStep record={record} />;
    case 'options':
      return <OptionsStep record={record} presentIds={presentIds} />;
    case 'criteria':
      return <CriteriaStep record={record} />;
    case 'evaluate':
      return <EvaluateStep record={record} />;
    case 'consensus':
      return <ConsensusStep record={record} present={present} />;
    case 'action-plan':
      return <ActionPlanStep record={record} />;
  }
}

function StepDoneButton({
  sessionId,
  step,
  status,
  next,
  record,
}: {
  sessionId: string;
  step: IbpsStep;
  status: IbpsStepStatus;
  next: IbpsStep | undefined;
  record: SessionRecord;
}) {
  const repos = useRepos();
  const t = useIbpsT();
  // The last step closes the session: not without a decision, or a failed consensus and where it goes.
  const closing =
    !next && sessionCloseProblem(record.decisions)
      ? t(record.decisions.some((d) => d.outcome === 'failed') ? 'session.closeNoPath' : 'session.closeNoDecision')
      : null;
  if (status === 'done') {
    return (
      <Button fullWidth mt="sm" variant="subtle" color="gray" onClick={() => void trackSave(() => setStepStatus(repos, sessionId, step, 'in-progress'))}>
        {t('session.reopenStep')}
      </Button>
    );
  }
  return (
    <>
      <Button
        fullWidth
        mt="sm"
        h="auto"
        py={8}
        // The step column is narrow at laptop size: a long step name wraps instead of being cut.
        styles={{ label: { whiteSpace: 'normal', textAlign: 'center', lineHeight: 1.3 } }}
        // aria-disabled, not disabled: the button keeps its place in the tab order and says why.
        aria-disabled={closing ? true : undefined}
        data-disabled={closing ? true : undefined}
        aria-describedby={closing ? 'session-close-problem' : undefined}
        onClick={() => {
          if (closing) return;
          trackSave(async () => {
            await setStepStatus(repos, sessionId, step, 'done');
            if (next) await goToStep(repos, record.session.id, next);
          }).catch((e: unknown) => notifyError(t('session.stepNotDone'), shownError(e, t)));
        }}
      >
        {next ? t('session.doneNext', { step: stepLabel(t, next) }) : t('session.doneSession')}
      </Button>
      {closing && (
        <Text size="xs" c="dimmed" mt={4} id="session-close-problem" data-testid="session-close-problem">
          {closing}
        </Text>
      )}
    </>
  );
}

/** The room view's text size, from here: the projector window has no controls of its own. */
function RoomTextSize() {
  const scale = useRoomScale();
  const t = useIbpsT();
  const f = useFormat();
  return (
    <Group gap={0} wrap="nowrap" aria-label={t('roomSize.group')} role="group">
      <Tooltip label={t('roomSize.smallerTip')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('roomSize.smaller')}
          disabled={scale <= ROOM_SCALE_MIN}
          onClick={() => setRoomScale(scale - ROOM_SCALE_STEP)}
        >
          <IconMinus size={14} />
        </ActionIcon>
      </Tooltip>
      <Text size="xs" c="dimmed" w={38} ta="center" data-testid="room-scale">
        {f.number(Math.round(scale * 100) / 100, { style: 'percent' })}
      </Text>
      <Tooltip label={t('roomSize.largerTip')}>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('roomSize.larger')}
          disabled={scale >= ROOM_SCALE_MAX}
          onClick={() => setRoomScale(scale + ROOM_SCALE_STEP)}
        >
          <IconPlus size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
