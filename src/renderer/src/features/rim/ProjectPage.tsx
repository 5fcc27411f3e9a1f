import { Anchor, Grid, Group, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { MEASURE_KINDS, MEASURE_KIND_LABELS } from '@shared/model/rim';
import { buildMeasureChart, sharedDomain } from '@shared/rim/measureChart';
import { useLive } from '../../db/live';

import { NotFound } from '../placeholders/NotFound';
import { ChangeIdeasCard } from './ChangeIdeasCard';
import { ChartNotesCard } from './ChartNotesCard';
import { CyclesSection } from './CyclesSection';
import { MeasureCard } from './MeasureCard';
import { NewMeasureForm } from './NewMeasureForm';
import { ProjectDetailsCard } from './ProjectDetailsCard';
import { projectPage } from './queries';
import { HelpButton } from '../help/HelpButton';

const KIND_HINTS = {
  outcome: 'Does the aim move?',
  process: 'Is the change done as intended?',
  balancing: 'Is the change hurting something else?',
} as const;

/** A RIM project: the three questions (aim, measures, changes) and its PDSA cycles on one page. */
export function ProjectPage({ id }: { id: string }) {
  const data = useLive((r) => projectPage(r, id), [id]);
  const [shareAxis, setShareAxis] = useState(false);
  const [view, setView] = useState<'data' | 'charts'>('data');
  const record = data?.record ?? null;
  const models = useMemo(
    () =>
      new Map(
        (record?.measures ?? []).map((m) => [
          m.measure.id,
          buildMeasureChart({ measure: m.measure, points: m.points, periods: m.periods, cycles: record?.cycles ?? [], notes: record?.notes ?? [] }),
        ]),
      ),
    [record],
  );
  // One array while the charts stay the same: a new one would lay every chart out again.
  const domain = useMemo(() => (shareAxis ? sharedDomain([...models.values()]) : null), [shareAxis, models]);
  if (!data) return null;
  if (!record) return <NotFound what="project" />;
  const { project, team, members, measures, ideas, cycles, notes } = record;
  const context = { teamName: team?.name ?? 'Team', projectTitle: project.title };

  return (
    <Stack>
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          <Anchor component={Link} href="/improvement">
            Improvement
          </Anchor>{' '}
          /{' '}
          {team ? (
            <Anchor component={Link} href={`/roster/teams/${team.id}`}>
              {team.name}
            </Anchor>
          ) : (
            'team'
          )}
        </Text>
        <Title order={2}>{project.title}</Title>
      </Stack>
      <ProjectDetailsCard key={project.id} project={project} members={members} />
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="xs">
            <Title order={3}>Measures</Title>
            <HelpButton kind="rim" topic="measures" />
          </Group>
          <Text size="sm" c="dimmed">
            How will we know that a change is an improvement? Outcome, process and balancing measures, each with its chart.
          </Text>
        </div>
        {measures.length > 0 && (
          <Group gap="md">
            <SegmentedControl
              size="xs"
              value={view}
              onChange={(v) => setView(v as 'data' | 'charts')}
              data={[
                { value: 'data', label: 'Data and charts' },
                { value: 'charts', label: 'Charts only' },
              ]}
              aria-label="Show"
            />
            <Switch
              size="sm"
              label="Same time axis for all charts"
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
              {MEASURE_KIND_LABELS[kind]} measures · {KIND_HINTS[kind]}
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
          No measures yet. Start with the outcome measure named in the aim.
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
            context={{ project, teamName: team?.name ?? 'Team', meetings: data.meetings }}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
