import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconTrendingUp } from '@tabler/icons-react';
import { Link, useLocation } from 'wouter';
import { PROJECT_STATUS_LABELS } from '@shared/model/rim';
import { DOCUMENTATION_INTERVAL_DAYS } from '@shared/rim/pdsa';
import { EmptyState } from '../../components/EmptyState';
import { useLive } from '../../db/live';
import { loadImprovementOverview, type TeamImprovement } from './queries';
import { NewProjectModal } from './NewProjectModal';
import { ValueCompassBadges } from './ValueCompassBadges';

/** Every team's improvement projects: cycles completed, documentation flags and Value Compass coverage. */
export function ImprovementPage() {
  const [, navigate] = useLocation();
  const [opened, modal] = useDisclosure(false);
  const teams = useLive((r) => loadImprovementOverview(r), []);
  if (!teams) return null;
  const withProjects = teams.filter((t) => t.projects.length > 0);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Improvement</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={modal.open} disabled={teams.length === 0}>
          New project
        </Button>
      </Group>
      {withProjects.length === 0 ? (
        <EmptyState icon={<IconTrendingUp size={30} />} title={teams.length === 0 ? 'Add a team first' : 'No improvement projects yet'}>
          {teams.length === 0
            ? 'Improvement projects belong to a unit-based team. Create one under Councils & teams.'
            : 'Start a Rapid Improvement Model project: a SMART aim, measures with run charts, and PDSA cycles to test changes.'}
        </EmptyState>
      ) : (
        withProjects.map((t) => <TeamProjects key={t.team.id} entry={t} />)
      )}
      <NewProjectModal
        opened={opened}
        onClose={modal.close}
        onCreated={(id) => {
          modal.close();
          navigate(`/improvement/projects/${id}`);
        }}
      />
    </Stack>
  );
}

function TeamProjects({ entry }: { entry: TeamImprovement }) {
  const { team, projects, progress, coverage } = entry;
  return (
    <Card withBorder data-testid="team-improvement">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{team.name}</Title>
          <Text size="sm" c="dimmed" data-testid="team-cycles">
            {progress?.cyclesCompleted ?? 0} PDSA cycle{progress?.cyclesCompleted === 1 ? '' : 's'} completed
            {progress?.meetsLevel3Cycles ? ' · meets Path to Performance level 3 (2+ cycles)' : ''}
          </Text>
        </Group>
        <ValueCompassBadges coverage={coverage} />
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Project</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Cycles completed</Table.Th>
              <Table.Th>Last updated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {projects.map(({ project, progress: p }) => (
              <Table.Tr key={project.id} data-testid="project-row">
                <Table.Td>
                  <Anchor component={Link} href={`/improvement/projects/${project.id}`}>
                    {project.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{PROJECT_STATUS_LABELS[project.status]}</Table.Td>
                <Table.Td>
                  {p.cyclesCompleted}
                  {p.cyclesInProgress > 0 ? ` (${p.cyclesInProgress} under way)` : ''}
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm">{p.lastUpdated}</Text>
                    {p.stale && (
                      <Badge
                        color="orange"
                        variant="light"
                        size="sm"
                        data-testid="stale-flag"
                        title={`Path to Performance: document every project at least every ${DOCUMENTATION_INTERVAL_DAYS} days`}
                      >
                        Not updated in {DOCUMENTATION_INTERVAL_DAYS} days
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
