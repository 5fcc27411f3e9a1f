import { Alert, Badge, Button, Card, Checkbox, Divider, Grid, Group, List, Menu, Select, Stack, Stepper, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPrinter, IconRepeat } from '@tabler/icons-react';
import { format, parseISO } from 'date-fns';
import { useState } from 'react';
import {
  PDSA_DECISION_LABELS,
  PDSA_STAGES,
  PDSA_STAGE_LABELS,
  type ChangeIdea,
  type ImprovementProject,
  type Measure,
  type PdsaCycle,
  type PdsaStage,
} from '@shared/model/rim';
import type { Meeting } from '@shared/model';
import { advanceProblems, nextStage } from '@shared/rim/pdsa';
import { AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError, notifySuccess } from '../../components/notify';
import { ValidationError } from '../../db/errors';
import { useRepos } from '../../db/live';
import { moveCycleTo, setCycleMeasure, spawnCycle, updateCycle } from './commands';
import { flushAllPending, trackSave } from '../../stores/saveStatus/store';
import { ActFields, DoFields, PlanFields, StudyFields } from './PdsaFields';
import { exportWorksheet } from './worksheetExport';
import { storedCycle } from './queries';
import { HelpButton } from '../help/HelpButton';

type CyclePatch = Parameters<typeof updateCycle>[2];

const ADVANCE_LABELS: Record<PdsaStage, string> = {
  plan: 'Back to Plan',
  do: 'Start the test (Do)',
  study: 'Study the results',
  act: 'Decide (Act)',
  done: 'Close the cycle',
};

const at = (s: PdsaStage) => PDSA_STAGES.indexOf(s);

/** What a cycle is printed and reviewed with: its project, its team and the team's meetings. */
export interface CycleContext {
  project: Pick<ImprovementProject, 'title' | 'aim'>;
  teamName: string;
  meetings: Array<Pick<Meeting, 'id' | 'title' | 'startsAt'>>;
}

/** One PDSA cycle: Plan, Do, Study, Act, opened stage by stage, with the stage rules enforced. */
export function PdsaCycleCard({
  cycle,
  measures,
  ideas,
  context,
  onSpawned,
}: {
  cycle: PdsaCycle;
  measures: Measure[];
  ideas: ChangeIdea[];
  context: CycleContext;
  onSpawned: (id: string) => void;
}) {
  const repos = useRepos();
  const [problems, setProblems] = useState<ValidationError | null>(null);
  const save = (patch: CyclePatch) => trackSave(() => updateCycle(repos, cycle.id, patch));
  const saveNow = (patch: CyclePatch) => void save(patch).catch((e: unknown) => notifyError('Could not save the cycle', e));
  const next = nextStage(cycle.stage);
  const previous = PDSA_STAGES[at(cycle.stage) - 1];
  const props = { cycle, save, saveNow, problems };

  const move = async (to: PdsaStage) => {
    try {
      // Save what was just typed first, then judge the stored cycle: a refusal is not a failed save.
      await flushAllPending();
      const found = advanceProblems(await storedCycle(repos, cycle.id), to);
      if (found.length) return setProblems(new ValidationError(found.map((p) => ({ path: p.field, message: p.message }))));
      await trackSave(() => moveCycleTo(repos, cycle.id, to));
      setProblems(null);
    } catch (e) {
      if (e instanceof ValidationError) setProblems(e);
      else notifyError('Could not move the cycle', e);
    }
  };
  const spawn = async () => {
    try {
      onSpawned((await trackSave(() => spawnCycle(repos, cycle.id))).id);
    } catch (e) {
      notifyError('Could not start the next cycle', e);
    }
  };

  const reviewedAt = context.meetings.find((m) => m.id === cycle.reviewedMeetingId) ?? null;
  const worksheet = async (as: 'pdf' | 'html') => {
    try {
      await flushAllPending();
      const current = await storedCycle(repos, cycle.id);
      const result = await exportWorksheet(
        {
          project: context.project,
          teamName: context.teamName,
          cycle: current,
          changeIdea: ideas.find((i) => i.id === current.changeIdeaId) ?? null,
          measures,
          reviewedAt,
        },
        as,
      );
      if (result.status === 'saved') notifySuccess(`Saved ${result.path}`);
      else if (result.status === 'error') notifyError('The worksheet was not saved', new Error(result.message));
    } catch (e) {
      notifyError('The worksheet was not saved', e);
    }
  };

  return (
    <Card withBorder data-testid="pdsa-cycle" data-stage={cycle.stage} data-number={cycle.number}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Group gap="xs" align="flex-end">
            <Title order={4}>Cycle {cycle.number}</Title>
            <AutosaveTextInput
              draftKey={`pdsaCycles:${cycle.id}:title`}
              aria-label="Cycle title"
              placeholder="Short name of the test"
              value={cycle.title}
              onSave={(title) => save({ title })}
              w={280}
            />
            {/* Help for the stage the cycle is at (a finished cycle's last stage is Act). */}
            <HelpButton kind="rim" topic={cycle.stage === 'done' ? 'act' : cycle.stage} />
            {cycle.decision && (
              <Badge color={cycle.decision === 'adopt' ? 'teal' : cycle.decision === 'adapt' ? 'blue' : 'gray'}>{PDSA_DECISION_LABELS[cycle.decision]}</Badge>
            )}
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="subtle" leftSection={<IconPrinter size={14} />}>
                Worksheet
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void worksheet('pdf')}>PDF worksheet</Menu.Item>
              <Menu.Item onClick={() => void worksheet('html')}>Printable web page</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Stepper active={cycle.stage === 'done' ? 4 : at(cycle.stage)} size="xs" w={420} allowNextStepsSelect={false} aria-label="PDSA stage">
            {PDSA_STAGES.slice(0, 4).map((s) => (
              <Stepper.Step key={s} label={PDSA_STAGE_LABELS[s]} />
            ))}
          </Stepper>
        </Group>
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Select
              label="Change idea tested"
              placeholder={ideas.length ? 'Choose a change idea' : 'No change ideas yet'}
              data={ideas.map((i) => ({ value: i.id, label: i.text }))}
              value={cycle.changeIdeaId}
              onChange={(changeIdeaId) => saveNow({ changeIdeaId })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Select
              label="Reviewed at meeting"
              description="The cycle goes into that meeting's minutes."
              placeholder={context.meetings.length ? 'Choose the meeting' : 'The team has no meetings yet'}
              data={context.meetings.map((m) => ({ value: m.id, label: `${m.title} (${format(parseISO(m.startsAt), 'MMM d, yyyy')})` }))}
              value={cycle.reviewedMeetingId}
              onChange={(reviewedMeetingId) => saveNow({ reviewedMeetingId })}
              searchable
              clearable
              limit={50}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Checkbox.Group label="Measures this cycle affects (drawn on their run charts)" value={cycle.measureIds}>
              <Group mt={6}>
                {measures.length === 0 && <span>Add a measure first.</span>}
                {measures.map((m) => (
                  <Checkbox
                    key={m.id}
                    value={m.id}
                    label={m.name}
                    onChange={(e) =>
                      void trackSave(() => setCycleMeasure(repos, cycle.id, m.id, e.currentTarget.checked)).catch((err: unknown) =>
                        notifyError('Could not link the measure', err),
                      )
                    }
                  />
                ))}
              </Group>
            </Checkbox.Group>
          </Grid.Col>
        </Grid>
        <Divider />
        <PlanFields {...props} />
        {at(cycle.stage) >= at('do') && <DoFields {...props} />}
        {at(cycle.stage) >= at('study') && <StudyFields {...props} />}
        {at(cycle.stage) >= at('act') && <ActFields {...props} />}
        {problems && (
          <Alert color="orange" title="Not yet" withCloseButton onClose={() => setProblems(null)} data-testid="stage-problems">
            <List size="sm">
              {problems.problems.map((p) => (
                <List.Item key={p.path}>{p.message}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="space-between">
          {previous ? (
            <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => void move(previous)}>
              Back to {PDSA_STAGE_LABELS[previous]}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            {cycle.stage === 'done' && cycle.decision === 'adapt' && (
              <Button leftSection={<IconRepeat size={16} />} onClick={() => void spawn()}>
                Start the next cycle
              </Button>
            )}
            {next && (
              <Button rightSection={<IconArrowRight size={16} />} onClick={() => void move(next)}>
                {ADVANCE_LABELS[next]}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}
