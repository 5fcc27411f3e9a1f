import { Anchor, Grid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import { useLive } from '../../db/live';

import { NotFound } from '../placeholders/NotFound';
import { ChangeIdeasCard } from './ChangeIdeasCard';
import { CyclesSection } from './CyclesSection';
import { MeasureCard } from './MeasureCard';
import { NewMeasureForm } from './NewMeasureForm';
import { ProjectDetailsCard } from './ProjectDetailsCard';
import { projectPage } from './queries';

/** A RIM project: the three questions (aim, measures, changes) and its PDSA cycles on one page. */
export function ProjectPage({ id }: { id: string }) {
  const data = useLive((r) => projectPage(r, id), [id]);
  if (!data) return null;
  if (!data.record) return <NotFound what="project" />;
  const { project, team, members, measures, ideas, cycles } = data.record;

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
      <Title order={3}>Measures</Title>
      <Text size="sm" c="dimmed">
        How will we know that a change is an improvement? Outcome, process and balancing measures, each with its run chart.
      </Text>
      {measures.map((m) => (
        <MeasureCard key={m.measure.id} record={m} cycles={cycles} />
      ))}
      {measures.length === 0 && (
        <Text size="sm" c="dimmed">
          No measures yet. Start with the outcome measure named in the aim.
        </Text>
      )}
      <NewMeasureForm projectId={project.id} />
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
