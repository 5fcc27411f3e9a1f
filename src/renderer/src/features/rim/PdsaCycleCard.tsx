import { Alert, Badge, Button, Card, Checkbox, Divider, Grid, Group, List, Menu, Select, Stack, Stepper, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconPrinter, IconRepeat } from '@tabler/icons-react';
import { useState } from 'react';
import { PDSA_STAGES, type ChangeIdea, type ImprovementProject, type Measure, type PdsaCycle, type PdsaStage } from '@shared/model/rim';
import type { Meeting } from '@shared/model';
import { missingToAdvance, nextStage } from '@shared/rim/pdsa';
import { AutosaveTextInput } from '../../components/AutosaveFields';
import { notifyError, notifySuccess } from '../../components/notify';
import { ValidationError } from '../../db/errors';
import { useRepos } from '../../db/live';
import { useFormat, useT } from '../../i18n';
import { moveCycleTo, setCycleMeasure, spawnCycle, updateCycle } from './commands';
import { flushAllPending, trackSave } from '../../stores/saveStatus/store';
import { ActFields, DoFields, PlanFields, StudyFields } from './PdsaFields';
import { exportWorksheet } from './worksheetExport';
import { storedCycle } from './queries';
import { fieldText, problemText, refusalProblem, shownError } from './refusals';
import { useRefusalWords } from './useRimWords';
import { HelpButton } from '../help/HelpButton';

type CyclePatch = Parameters<typeof updateCycle>[2];

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
  const t = useT('rim');
  const fmt = useFormat();
  const said = useRefusalWords();
  const { words } = said;
  const [problems, setProblems] = useState<ValidationError | null>(null);
  const save = (patch: CyclePatch) => trackSave(() => updateCycle(repos, cycle.id, patch));
  const saveNow = (patch: CyclePatch) => void save(patch).catch((e: unknown) => notifyError(t('cycle.saveFailed'), shownError(e, said)));
  const next = nextStage(cycle.stage);
  const previous = PDSA_STAGES[at(cycle.stage) - 1];
  const props = { cycle, save, saveNow, problem: (field: string) => fieldText(problems, field, said) };

  const move = async (to: PdsaStage) => {
    try {
      // Save what was just typed first, then judge the stored cycle: a refusal is not a failed save.
      await flushAllPending();
      const missing = missingToAdvance(await storedCycle(repos, cycle.id), to);
      if (missing.length) return setProblems(new ValidationError(missing.map((field) => refusalProblem(field, { code: 'stage', field }))));
      await trackSave(() => moveCycleTo(repos, cycle.id, to));
      setProblems(null);
    } catch (e) {
      if (e instanceof ValidationError) setProblems(e);
      else notifyError(t('cycle.moveFailed'), e);
    }
  };
  const spawn = async () => {
    try {
      onSpawned((await trackSave(() => spawnCycle(repos, cycle.id))).id);
    } catch (e) {
      notifyError(t('cycle.spawnFailed'), shownError(e, said));
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
        words,
        { title: t('cycle.worksheet.dialogTitle'), pdfFilter: t('cycle.worksheet.pdfFilter'), htmlFilter: t('cycle.worksheet.htmlFilter') },
      );
      if (result.status === 'saved') notifySuccess(t('saved', { path: result.path }));
      else if (result.status === 'error') notifyError(t('cycle.worksheet.failed'), new Error(result.message));
    } catch (e) {
      notifyError(t('cycle.worksheet.failed'), e);
    }
  };

  return (
    <Card withBorder data-testid="pdsa-cycle" data-stage={cycle.stage} data-number={cycle.number}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Group gap="xs" align="flex-end">
            <Title order={3} size="h4">
              {t('cycle.title', { number: String(cycle.number) })}
            </Title>
            <AutosaveTextInput
              draftKey={`pdsaCycles:${cycle.id}:title`}
              aria-label={t('cycle.name')}
              placeholder={t('cycle.namePlaceholder')}
              value={cycle.title}
              onSave={(title) => save({ title })}
              w={280}
            />
            {/* Help for the stage the cycle is at (a finished cycle's last stage is Act). */}
            <HelpButton kind="rim" topic={cycle.stage === 'done' ? 'act' : cycle.stage} />
            {cycle.decision && (
              <Badge color={cycle.decision === 'adopt' ? 'teal' : cycle.decision === 'adapt' ? 'blue' : 'gray'}>
                {words.t(`vocab.decision.${cycle.decision}`)}
              </Badge>
            )}
          </Group>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="xs" variant="subtle" leftSection={<IconPrinter size={14} />}>
                {t('cycle.worksheet.button')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void worksheet('pdf')}>{t('cycle.worksheet.pdf')}</Menu.Item>
              <Menu.Item onClick={() => void worksheet('html')}>{t('cycle.worksheet.html')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
          <Stepper active={cycle.stage === 'done' ? 4 : at(cycle.stage)} size="xs" w={420} allowNextStepsSelect={false} aria-label={t('cycle.stage')}>
            {PDSA_STAGES.slice(0, 4).map((s) => (
              <Stepper.Step key={s} label={words.t(`vocab.stage.${s}`)} />
            ))}
          </Stepper>
        </Group>
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Select
              label={t('cycle.changeIdea')}
              placeholder={ideas.length ? t('cycle.changeIdeaPick') : t('cycle.changeIdeaNone')}
              data={ideas.map((i) => ({ value: i.id, label: i.text }))}
              value={cycle.changeIdeaId}
              onChange={(changeIdeaId) => saveNow({ changeIdeaId })}
              clearable
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Select
              label={t('cycle.reviewedAt')}
              description={t('cycle.reviewedAtHint')}
              placeholder={context.meetings.length ? t('cycle.reviewedAtPick') : t('cycle.reviewedAtNone')}
              data={context.meetings.map((m) => ({ value: m.id, label: t('cycle.meeting', { title: m.title, date: fmt.date(m.startsAt) }) }))}
              value={cycle.reviewedMeetingId}
              onChange={(reviewedMeetingId) => saveNow({ reviewedMeetingId })}
              searchable
              clearable
              limit={50}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Checkbox.Group label={t('cycle.measures')} value={cycle.measureIds}>
              <Group mt={6}>
                {measures.length === 0 && <span>{t('cycle.measuresNone')}</span>}
                {measures.map((m) => (
                  <Checkbox
                    key={m.id}
                    value={m.id}
                    label={m.name}
                    onChange={(e) =>
                      void trackSave(() => setCycleMeasure(repos, cycle.id, m.id, e.currentTarget.checked)).catch((err: unknown) =>
                        notifyError(t('cycle.linkFailed'), err),
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
          <Alert
            color="orange"
            title={t('cycle.notYet')}
            withCloseButton
            closeButtonLabel={t('close')}
            onClose={() => setProblems(null)}
            data-testid="stage-problems"
          >
            <List size="sm">
              {problems.problems.map((p) => (
                <List.Item key={p.path}>{problemText(p, said)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="space-between">
          {previous ? (
            <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={() => void move(previous)}>
              {t('cycle.backTo', { stage: words.t(`vocab.stage.${previous}`) })}
            </Button>
          ) : (
            <span />
          )}
          <Group>
            {cycle.stage === 'done' && cycle.decision === 'adapt' && (
              <Button leftSection={<IconRepeat size={16} />} onClick={() => void spawn()}>
                {t('cycle.spawn')}
              </Button>
            )}
            {next && (
              <Button rightSection={<IconArrowRight size={16} />} onClick={() => void move(next)}>
                {t(`cycle.advance.${next}`)}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Card>
  );
}
