import { Anchor, Button, Grid, Group, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { IconMoodEmpty } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { MEASURE_KINDS } from '@shared/model/rim';
import { buildMeasureChart, sharedDomain } from '@shared/rim/measureChart';
import { EmptyState } from '../../components/EmptyState';
import { useLive } from '../../db/live';
import { useT } from '../../i18n';
import { ChangeIdeasCard } from './ChangeIdeasCard';
import { ChartNotesCard } from './ChartNotesCard';
import { CyclesSection } from './CyclesSection';
import { MeasureCard } from './MeasureCard';
import { NewMeasureForm } from './NewMeasureForm';
import { ProjectDetailsCard } from './ProjectDetailsCard';
import { projectPage } from './queries';
import { useRimWords } from './useRimWords';
import { HelpButton } from '../help/HelpButton';

/** A RIM project: the three questions (aim, measures, changes) and its PDSA cycles on one page. */
export function ProjectPage({ id }: { id: string }) {
  const t = useT('rim');
  const words = useRimWords();
  const data = useLive((r) => projectPage(r, id), [id]);
  const [shareAxis, setShareAxis] = useState(false);
  const [view, setView] = useState<'data' | 'charts'>('data');
  const record = data?.record ?? null;
  const models = useMemo(
    () =>
      new Map(
        (record?.measures ?? []).map((m) => [
          m.measure.id,
          buildMeasureChart({ measure: m.measure, points: m.points, periods: m.periods, cycles: record?.cycles ?? [], notes: record?.notes ?? [] }, words),
        ]),
      ),
    [record, words],
  );
  // One array while the charts stay the same: a new one would lay every chart out again.
  const domain = useMemo(() => (shareAxis ? sharedDomain([...models.values()]) : null), [shareAxis, models]);
  if (!data) return null;
  if (!record) {
    return (
      <EmptyState
        icon={<IconMoodEmpty size={30} />}
        title={t('project.notFound.title')}
        action={
          <Button component={Link} href="/improvement">
            {t('project.notFound.back')}
          </Button>
        }
      >
        {t('project.notFound.body')}
      </EmptyState>
    );
  }
  const { project, team, members, measures, ideas, cycles, notes } = record;
  const teamName = team?.name ?? t('project.teamFallback');
  const context = { teamName, projectTitle: project.title };

  return (
    <Stack>
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          <Anchor component={Link} href="/improvement">
            {t('improvement.title')}
          </Anchor>{' '}
          /{' '}
          {team ? (
            <Anchor component={Link} href={`/roster/teams/${team.id}`}>
              {team.name}
            </Anchor>
          ) : (
            t('project.teamFallback')
          )}
        </Text>
        <Title order={1} size="h2">
          {project.title}
        </Title>
      </Stack>
      <ProjectDetailsCard key={project.id} project={project} members={members} />
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={2} size="h3">
              {t('project.measures.title')}
            </Title>
            <HelpButton kind="rim" topic="measures" />
          </Group>
          <Text size="sm" c="dimmed">
            {t('project.measures.question')}
          </Text>
        </div>
        {measures.length > 0 && (
          <Group gap="md">
            <SegmentedControl
              size="xs"
              value={view}
              onChange={(v) => setView(v as 'data' | 'charts')}
              data={[
                { value: 'data', label: t('project.view.data') },
                { value: 'charts', label: t('project.view.charts') },
              ]}
              aria-label={t('project.view.label')}
            />
            <Switch
              size="sm"
              label={t('project.sharedAxis')}
              checked={shareAxis}
              onChange={(e) => setShareAxis(e.currentTarget.checked)}
              disabled={measures.length < 2}
            />
          </Group>
        )}
      </Group>
      {MEASURE_KINDS.map((kind) => {
        const own = measures.filter((m) => m.measure.kind === kind);
        if (own.length === 0) return null;
        return (
          <Stack key={kind} gap="sm" data-testid="measure-group" data-kind={kind}>
            <Text fw={600} size="sm" c="dimmed" tt="uppercase">
              {t(`project.measureGroup.${kind}`)}
            </Text>
            {own.map((m) => (
              <MeasureCard
                key={m.measure.id}
                record={m}
                model={models.get(m.measure.id)!}
                cycles={cycles}
                context={context}
                domain={domain}
                chartsOnly={view === 'charts'}
              />
            ))}
          </Stack>
        );
      })}
      {measures.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('project.noMeasures')}
        </Text>
      )}
      {view === 'data' && <NewMeasureForm projectId={project.id} />}
      {measures.length > 0 && <ChartNotesCard projectId={project.id} notes={notes} measures={measures.map((m) => m.measure)} />}
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ChangeIdeasCard projectId={project.id} ideas={ideas} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <CyclesSection
            projectId={project.id}
            cycles={cycles}
            measures={measures.map((m) => m.measure)}
            ideas={ideas}
            context={{ project, teamName, meetings: data.meetings }}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
