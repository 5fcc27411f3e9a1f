import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus, IconTrendingUp } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link, useLocation } from 'wouter';
import { DOCUMENTATION_INTERVAL_DAYS } from '@shared/rim/pdsa';
import { EmptyState } from '../../components/EmptyState';
import { ListPager, usePaging } from '../../components/ListPager';
import { useLive } from '../../db/live';
import { useFormat, useT } from '../../i18n';
import { loadImprovementOverview, type TeamImprovement } from './queries';
import { NewProjectModal } from './NewProjectModal';
import { ValueCompassBadges } from './ValueCompassBadges';
import { useRimWords } from './useRimWords';

/** Teams shown at once: a council of 2,000 teams has hundreds with projects, each a card and a table. */
const TEAMS_PER_PAGE = 20;

/** Every team's improvement projects: cycles completed, documentation flags and Value Compass coverage. */
export function ImprovementPage() {
  const [, navigate] = useLocation();
  const [opened, modal] = useDisclosure(false);
  const t = useT('rim');
  const teams = useLive((r) => loadImprovementOverview(r), []);
  const withProjects = useMemo(() => (teams ?? []).filter((t) => t.projects.length > 0), [teams]);
  const paging = usePaging(withProjects.length, TEAMS_PER_PAGE, '');
  if (!teams) return null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('improvement.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={modal.open} disabled={teams.length === 0}>
          {t('improvement.newProject')}
        </Button>
      </Group>
      {withProjects.length === 0 ? (
        <EmptyState icon={<IconTrendingUp size={30} />} title={teams.length === 0 ? t('improvement.noTeams.title') : t('improvement.noProjects.title')}>
          {teams.length === 0 ? t('improvement.noTeams.body') : t('improvement.noProjects.body')}
        </EmptyState>
      ) : (
        <>
          {withProjects.slice(paging.start, paging.end).map((t) => (
            <TeamProjects key={t.team.id} entry={t} />
          ))}
          <ListPager paging={paging} testId="improvement-pager" />
        </>
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
  const t = useT('rim');
  const words = useRimWords();
  const fmt = useFormat();
  const completed = progress?.cyclesCompleted ?? 0;
  return (
    <Card withBorder data-testid="team-improvement">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {team.name}
          </Title>
          <Text size="sm" c="dimmed" data-testid="team-cycles">
            {progress?.meetsLevel3Cycles
              ? t('improvement.cyclesCompletedLevel3', { count: completed })
              : t('improvement.cyclesCompleted', { count: completed })}
          </Text>
        </Group>
        <ValueCompassBadges coverage={coverage} />
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('improvement.column.project')}</Table.Th>
              <Table.Th>{t('improvement.column.status')}</Table.Th>
              <Table.Th>{t('improvement.column.cycles')}</Table.Th>
              <Table.Th>{t('improvement.column.updated')}</Table.Th>
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
                <Table.Td>{words.t(`vocab.projectStatus.${project.status}`)}</Table.Td>
                <Table.Td>
                  {p.cyclesInProgress > 0
                    ? t('improvement.cyclesUnderWay', { completed: p.cyclesCompleted, inProgress: p.cyclesInProgress })
                    : fmt.number(p.cyclesCompleted)}
                </Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm">{fmt.date(p.lastUpdated)}</Text>
                    {p.stale && (
                      <Badge
                        color="orange"
                        variant="light"
                        size="sm"
                        data-testid="stale-flag"
                        title={t('improvement.staleHint', { days: DOCUMENTATION_INTERVAL_DAYS })}
                      >
                        {t('improvement.stale', { days: DOCUMENTATION_INTERVAL_DAYS })}
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
