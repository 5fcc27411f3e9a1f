import { BarChart } from '@mantine/charts';
import { ActionIcon, Anchor, Badge, Box, Button, Card, Grid, Group, Menu, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileImport, IconStairsUp, IconTrash } from '@tabler/icons-react';
import { format, parseISO } from 'date-fns';
import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { today } from '@shared/clock';
import { P2P_LEVEL_LABELS, P2P_LEVELS } from '@shared/model/p2p';
import { VALUE_COMPASS_LABELS, VALUE_COMPASS_POINTS } from '@shared/model/rim';
import { QUIET_AFTER_DAYS, type DashboardData } from '@shared/p2p/dashboard';
import { quarterLabel } from '@shared/p2p/quarters';
import { buildReport, sourceLabel } from '@shared/p2p/report';
import { REPORT_FORMATS, type ReportFormat } from '@shared/p2p/reportExports';
import { describeChange, formatShare } from '@shared/p2p/rollup';
import { DOCUMENTATION_INTERVAL_DAYS } from '@shared/rim/pdsa';
import { EmptyState } from '../../components/EmptyState';
import { notifyError, notifySuccess, removeWithUndo } from '../../components/notify';
import { useLive, useRepos } from '../../db/live';
import { removeProgramFigure, restoreProgramFigure } from './commands';
import { exportReport } from './exportReport';
import { ImportFiguresButton } from './ImportFiguresButton';
import { LEVEL_COLORS, LEVEL_HUES, assessmentHref } from './labels';
import { dashboardPage, type DashboardView } from './queries';

const pct = (p: number | null) => (p === null ? '–' : `${p}%`);
const longDate = (d: string) => format(parseISO(d), 'MMM d, yyyy');
const TEAMS_SHOWN = 25;
/** Long lists show this many first; the rest is one click away. */
const LIST_FIRST = 10;

/** The council and region dashboard: teams by level, the share high performing, movement, and what needs attention. */
export function DashboardPage() {
  const [councilId, setCouncilId] = useState<string | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [quarter, setQuarter] = useState<string | null>(null);
  const view = useLive((r) => dashboardPage(r, { councilId, region, quarter }), [councilId, region, quarter]);
  if (!view) return null;
  const { data } = view;
  const q = quarterLabel(view.quarter);

  return (
    <Stack data-testid="p2p-dashboard">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Path to Performance
          </Title>
          <Text c="dimmed" size="sm">
            Confirmed assessments of {view.council ? view.council.name : 'all councils'}
            {region ? ` in ${region}` : ''}, {q}
          </Text>
        </Stack>
        <Group gap="xs">
          <ImportFiguresButton council={view.council} />
          <ExportMenu view={view} region={region} />
        </Group>
      </Group>
      <Group gap="sm" align="flex-end">
        <Select
          label="Council"
          placeholder="All councils"
          clearable
          searchable
          w={280}
          data={view.councils.map((c) => ({ value: c.id, label: c.name }))}
          value={councilId}
          onChange={setCouncilId}
        />
        <Select label="Region" placeholder="All regions" clearable w={220} data={view.regions} value={region} onChange={setRegion} />
        <Select
          label="Quarter"
          w={140}
          data={view.quarters.map((x) => ({ value: x, label: quarterLabel(x) }))}
          value={view.quarter}
          allowDeselect={false}
          onChange={setQuarter}
        />
        {view.council?.region && region === null && (
          <Button
            variant="subtle"
            onClick={() => {
              setRegion(view.council!.region);
              setCouncilId(null);
            }}
          >
            All of {view.council.region}
          </Button>
        )}
      </Group>
      {data.teams === 0 && data.regions.length === 0 ? (
        <EmptyState icon={<IconStairsUp size={30} />} title="No teams here yet">
          Teams of the chosen council and region appear here with their confirmed Path to Performance levels. Imported program figures appear here too.
        </EmptyState>
      ) : (
        <Dashboard data={data} />
      )}
    </Stack>
  );
}

/**
 * Sections below the fold render in the frame after the first: the figures and the first chart
 * a facilitator sees on opening are on screen without waiting for charts they must scroll to.
 */
function Later({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => startTransition(() => setReady(true)));
    return () => cancelAnimationFrame(frame);
  }, []);
  return ready ? children : <Box h={600} aria-busy="true" />;
}

/** The first items of a long list, with a button for the rest. */
function useFirst<T>(items: readonly T[], n: number) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, n);
  const more =
    items.length > n ? (
      <Button variant="subtle" size="compact-xs" onClick={() => setAll(!all)} style={{ alignSelf: 'flex-start' }}>
        {all ? `Show the first ${n}` : `Show all ${items.length}`}
      </Button>
    ) : null;
  return { shown, more };
}

function Stat({ label, value, detail, testId }: { label: string; value: ReactNode; detail: ReactNode; testId: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} mt={2}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Card>
  );
}

/** A chart with its table beside it: every figure drawn is also there to read. */
function ChartWithTable({
  title,
  chart,
  table,
  testId,
  chartSpan = 6,
}: {
  title: string;
  chart: ReactNode;
  table: ReactNode;
  testId: string;
  chartSpan?: number;
}) {
  return (
    <Card withBorder data-testid={testId}>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, md: chartSpan }}>{chart}</Grid.Col>
        <Grid.Col span={{ base: 12, md: 12 - chartSpan }}>{table}</Grid.Col>
      </Grid>
    </Card>
  );
}

function Dashboard({ data }: { data: DashboardData }) {
  const q = quarterLabel(data.quarter);
  const since = quarterLabel(data.movement.since);
  const c = data.counts;
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat
          testId="share-high-performing"
          label={`High performing, ${q}`}
          value={c.rated ? formatShare(c.share) : 'No rated teams'}
          detail={`Level 4 or 5, of the ${c.rated} teams with a confirmed assessment`}
        />
        <Stat
          testId="movement"
          label={`Since ${since}`}
          value={`${data.movement.up} up · ${data.movement.down} down`}
          detail={`Of ${data.movement.compared} team${data.movement.compared === 1 ? '' : 's'} rated in both quarters; ${data.movement.same} stayed the same`}
        />
        <Stat
          testId="not-assessed"
          label={`Not assessed, ${q}`}
          value={`${c.notAssessed.length} of ${data.teams}`}
          detail="Teams without a confirmed assessment"
        />
        <Stat
          testId="attention"
          label="Needs attention"
          value={`${data.staleProjects.length + data.overdueActions.length + data.quietTeams.length}`}
          detail={`${data.staleProjects.length} stale projects · ${data.overdueActions.length} overdue items · ${data.quietTeams.length} quiet teams`}
        />
      </SimpleGrid>
      <LevelsSection data={data} />
      <Later>
        <TrendSection data={data} />
        <MovementSection data={data} />
        {data.regions.length > 0 && <RegionSection data={data} />}
        <ValueCompassSection data={data} />
        <AttentionSection data={data} />
        <TeamsSection data={data} />
      </Later>
      <Text size="xs" c="dimmed">
        Only assessments confirmed by both co-leads count. Figures for {q}; projects, action items and meetings as of {longDate(data.today)}.
      </Text>
    </>
  );
}

function LevelsSection({ data }: { data: DashboardData }) {
  const c = data.counts;
  const rows = P2P_LEVELS.map((l) => ({ level: `Level ${l}`, lower: l < 4 ? c.byLevel[l] : 0, high: l >= 4 ? c.byLevel[l] : 0 }));
  return (
    <ChartWithTable
      testId="levels-section"
      title={`Teams by level, ${quarterLabel(data.quarter)}`}
      chart={
        <BarChart
          h={240}
          data={rows}
          dataKey="level"
          type="stacked"
          withLegend
          series={[
            { name: 'lower', label: 'Levels 1-3', color: 'blue.5' },
            { name: 'high', label: 'High performing (4-5)', color: 'teal.6' },
          ]}
          yAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        <Table withTableBorder verticalSpacing={4} data-testid="levels-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Level</Table.Th>
              <Table.Th ta="right">Teams</Table.Th>
              <Table.Th ta="right">Share of rated</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {P2P_LEVELS.map((l) => (
              <Table.Tr key={l} data-level={l}>
                <Table.Td>
                  {l}. {P2P_LEVEL_LABELS[l]}
                </Table.Td>
                <Table.Td ta="right">{c.byLevel[l]}</Table.Td>
                <Table.Td ta="right">{pct(c.rated ? Math.round((c.byLevel[l] * 100) / c.rated) : null)}</Table.Td>
              </Table.Tr>
            ))}
            {c.byLevel[0] > 0 && (
              <Table.Tr data-level={0}>
                <Table.Td>{P2P_LEVEL_LABELS[0]}</Table.Td>
                <Table.Td ta="right">{c.byLevel[0]}</Table.Td>
                <Table.Td ta="right">{pct(Math.round((c.byLevel[0] * 100) / c.rated))}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr fw={700}>
              <Table.Td>High performing (4 or 5)</Table.Td>
              <Table.Td ta="right" colSpan={2} data-testid="levels-share">
                {c.rated ? formatShare(c.share) : '–'}
              </Table.Td>
            </Table.Tr>
            <Table.Tr c="dimmed">
              <Table.Td>Not assessed this quarter</Table.Td>
              <Table.Td ta="right">{c.notAssessed.length}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      }
    />
  );
}

function TrendSection({ data }: { data: DashboardData }) {
  const rows = data.trend.map((t) => ({ quarter: quarterLabel(t.quarter), ...Object.fromEntries(P2P_LEVELS.map((l) => [`L${l}`, t.byLevel[l]])) }));
  return (
    <ChartWithTable
      testId="trend-section"
      title="Levels over eight quarters"
      chart={
        <BarChart
          h={240}
          data={rows}
          dataKey="quarter"
          type="stacked"
          withLegend
          series={P2P_LEVELS.map((l) => ({ name: `L${l}`, label: `Level ${l}`, color: LEVEL_COLORS[l]! }))}
          yAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        <Table withTableBorder verticalSpacing={2} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Quarter</Table.Th>
              {P2P_LEVELS.map((l) => (
                <Table.Th key={l} ta="right">
                  L{l}
                </Table.Th>
              ))}
              <Table.Th ta="right">High performing</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.trend.map((t) => (
              <Table.Tr key={t.quarter}>
                <Table.Td>{quarterLabel(t.quarter)}</Table.Td>
                {P2P_LEVELS.map((l) => (
                  <Table.Td key={l} ta="right">
                    {t.byLevel[l]}
                  </Table.Td>
                ))}
                <Table.Td ta="right">{t.rated ? formatShare(t.share) : '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    />
  );
}

function MovementSection({ data }: { data: DashboardData }) {
  const m = data.movement;
  const { shown, more } = useFirst(m.moves, LIST_FIRST);
  const bucket = (from: number, to: number) =>
    Object.entries(m.byChange)
      .filter(([k]) => Number(k) >= from && Number(k) <= to)
      .reduce((n, [, v]) => n + v, 0);
  const rows = [
    { change: 'Down 2+', teams: bucket(-5, -2) },
    { change: 'Down 1', teams: bucket(-1, -1) },
    { change: 'Same', teams: m.same },
    { change: 'Up 1', teams: bucket(1, 1) },
    { change: 'Up 2+', teams: bucket(2, 5) },
  ];
  return (
    <ChartWithTable
      testId="movement-section"
      title={`Change since ${quarterLabel(m.since)}`}
      chart={
        <BarChart h={200} data={rows} dataKey="change" series={[{ name: 'teams', label: 'Teams', color: 'indigo.5' }]} yAxisProps={{ allowDecimals: false }} />
      }
      table={
        m.moves.length === 0 ? (
          <Text size="sm" c="dimmed">
            {m.compared === 0
              ? `No team has a confirmed assessment in both ${quarterLabel(m.since)} and ${quarterLabel(m.quarter)}.`
              : `All ${m.compared} teams rated in both quarters stayed at the same level.`}
          </Text>
        ) : (
          <Stack gap={4}>
            <Table withTableBorder verticalSpacing={2} fz="sm" data-testid="moves-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Team</Table.Th>
                  <Table.Th>{quarterLabel(m.since)}</Table.Th>
                  <Table.Th>{quarterLabel(m.quarter)}</Table.Th>
                  <Table.Th>Change</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((x) => (
                  <Table.Tr key={x.team.id}>
                    <Table.Td>
                      <Anchor component={Link} href={assessmentHref(x.team.id, m.quarter)} size="sm">
                        {x.team.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>Level {x.from}</Table.Td>
                    <Table.Td>Level {x.to}</Table.Td>
                    <Table.Td c={x.change > 0 ? 'teal.8' : 'red.8'}>{describeChange(x.change)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {more}
          </Stack>
        )
      }
    />
  );
}

/** Imported figures are never mistaken for computed ones: an icon, grey italics, and the words. */
function SourceLabel({ imported, title, children }: { imported?: boolean; title?: string; children: ReactNode }) {
  if (!imported)
    return (
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {children}
      </Text>
    );
  return (
    <Group gap={4} wrap="nowrap" title={title}>
      <IconFileImport size={14} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
      <Text size="sm" c="gray.7" fs="italic" style={{ whiteSpace: 'nowrap' }}>
        {children}
      </Text>
    </Group>
  );
}

function RegionSection({ data }: { data: DashboardData }) {
  const repos = useRepos();
  const regions = [...new Set(data.regions.map((r) => r.region))];
  const rows = regions.map((region) => ({
    region,
    computed: data.regions.find((r) => r.region === region && r.source === 'computed')?.share.percent ?? null,
    imported: data.regions.find((r) => r.region === region && r.source === 'imported')?.share.percent ?? null,
  }));
  return (
    <ChartWithTable
      testId="region-section"
      chartSpan={5}
      title="Share high performing by region"
      chart={
        <BarChart
          h={320}
          data={rows}
          dataKey="region"
          withLegend
          unit="%"
          series={[
            { name: 'computed', label: `Assessments, ${quarterLabel(data.quarter)}`, color: 'teal.6' },
            { name: 'imported', label: 'Imported figures', color: 'gray.5' },
          ]}
          yAxisProps={{ domain: [0, 100] }}
          xAxisProps={{ interval: 0, angle: -20, textAnchor: 'end', height: 56, fontSize: 11 }}
        />
      }
      table={
        <Stack gap="xs">
          <Table withTableBorder verticalSpacing={2} fz="sm" data-testid="region-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Region</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th ta="right">High performing</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.regions.map((r) => (
                <Table.Tr key={`${r.region}-${r.source}`} data-source={r.source}>
                  <Table.Td>{r.region}</Table.Td>
                  <Table.Td>
                    <SourceLabel imported={r.source === 'imported'} title={r.sourceFile ? `From ${r.sourceFile}` : undefined}>
                      {sourceLabel(r, data.quarter)}
                    </SourceLabel>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatShare(r.share)}
                  </Table.Td>
                  <Table.Td w={30}>
                    {r.figureId && (
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove the imported figure for ${r.region}`}
                        onClick={() =>
                          void removeWithUndo(
                            `Imported figure for ${r.region} removed`,
                            () => removeProgramFigure(repos, r.figureId!),
                            (row) => restoreProgramFigure(repos, row),
                          )
                        }
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {data.regions.filter((r) => r.source === 'computed').length > 1 && (
                <Table.Tr fw={700}>
                  <Table.Td>All regions</Table.Td>
                  <Table.Td>Assessments, {quarterLabel(data.quarter)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatShare(data.computedTotal)}
                  </Table.Td>
                  <Table.Td />
                </Table.Tr>
              )}
              {data.imported && data.imported.regions > 1 && (
                <Table.Tr fw={700} data-testid="program-wide-imported">
                  <Table.Td>Program-wide ({data.imported.regions} regions)</Table.Td>
                  <Table.Td>
                    <SourceLabel imported>Imported, as of {data.imported.asOf.map(longDate).join(' / ')}</SourceLabel>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatShare(data.imported.share)}
                  </Table.Td>
                  <Table.Td />
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {data.imported && (
            <Text size="xs" c="dimmed">
              Imported figures are aggregates from a file for regions without team-level data here; they are not computed from assessments in this app.
            </Text>
          )}
        </Stack>
      }
    />
  );
}

function ValueCompassSection({ data }: { data: DashboardData }) {
  const v = data.valueCompass;
  const rows = VALUE_COMPASS_POINTS.map((p) => ({ point: VALUE_COMPASS_LABELS[p], teams: v.teamsByPoint[p] }));
  return (
    <ChartWithTable
      testId="value-compass-section"
      title="Value Compass coverage"
      chart={
        <BarChart
          h={200}
          data={rows}
          dataKey="point"
          orientation="vertical"
          series={[{ name: 'teams', label: 'Teams with a project', color: 'grape.5' }]}
          yAxisProps={{ width: 120 }}
          xAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        <Table withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Value Compass point</Table.Th>
              <Table.Th ta="right">Teams with a project on it</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.point}>
                <Table.Td>{r.point}</Table.Td>
                <Table.Td ta="right">
                  {r.teams} of {data.teams}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>All four points</Table.Td>
              <Table.Td ta="right">
                {v.teamsWithAllFour} of {data.teams}
              </Table.Td>
            </Table.Tr>
            <Table.Tr c="dimmed">
              <Table.Td>No project tagged</Table.Td>
              <Table.Td ta="right">{v.teamsWithoutTaggedProject}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      }
    />
  );
}

function AttentionList<T>({ title, items, render, testId }: { title: string; items: readonly T[]; render: (item: T) => ReactNode; testId: string }) {
  const { shown, more } = useFirst(items, LIST_FIRST);
  return (
    <Stack gap={4} data-testid={testId}>
      <Group gap={6}>
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Badge size="sm" color={items.length ? 'orange' : 'gray'} variant="light">
          {items.length}
        </Badge>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None.
        </Text>
      ) : (
        <Stack gap={2}>
          {shown.map(render)}
          {more}
        </Stack>
      )}
    </Stack>
  );
}

function AttentionSection({ data }: { data: DashboardData }) {
  const q = quarterLabel(data.quarter);
  return (
    <Card withBorder data-testid="attention-section">
      <Title order={3} size="h4" mb="sm">
        Needs attention
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md">
        <AttentionList
          title={`Teams without an assessment for ${q}`}
          items={data.counts.notAssessed}
          testId="attention-not-assessed"
          render={(t) => (
            <Text key={t.id} size="sm">
              <Anchor component={Link} href={assessmentHref(t.id, data.quarter)} size="sm">
                {t.name}
              </Anchor>
            </Text>
          )}
        />
        <AttentionList
          title={`Projects not updated in ${DOCUMENTATION_INTERVAL_DAYS} days`}
          items={data.staleProjects}
          testId="attention-stale"
          render={({ project, team }) => (
            <Text key={project.id} size="sm">
              <Anchor component={Link} href={`/improvement/projects/${project.id}`} size="sm">
                {project.title}
              </Anchor>{' '}
              ({team.name}): {project.daysSinceUpdate} days
            </Text>
          )}
        />
        <AttentionList
          title="Overdue action items"
          items={data.overdueActions}
          testId="attention-overdue"
          render={({ item, team, daysOverdue }) => (
            <Text key={item.id} size="sm">
              {item.what} ({team.name}): due {item.dueDate}, {daysOverdue} day{daysOverdue === 1 ? '' : 's'} overdue
            </Text>
          )}
        />
        <AttentionList
          title={`Teams with no meeting in ${QUIET_AFTER_DAYS} days`}
          items={data.quietTeams}
          testId="attention-quiet"
          render={({ team, lastMeeting, daysSince }) => (
            <Text key={team.id} size="sm">
              <Anchor component={Link} href={`/roster/teams/${team.id}`} size="sm">
                {team.name}
              </Anchor>
              : {lastMeeting ? `last met ${longDate(lastMeeting)} (${daysSince} days ago)` : 'no meeting recorded'}
            </Text>
          )}
        />
      </SimpleGrid>
    </Card>
  );
}

function TeamsSection({ data }: { data: DashboardData }) {
  const [all, setAll] = useState(false);
  const rows = all ? data.teamLevels : data.teamLevels.slice(0, TEAMS_SHOWN);
  return (
    <Card withBorder data-testid="teams-section">
      <Title order={3} size="h4" mb="sm">
        Teams
      </Title>
      <Table verticalSpacing={4} fz="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Team</Table.Th>
            <Table.Th>Region</Table.Th>
            <Table.Th>{quarterLabel(data.movement.since)}</Table.Th>
            <Table.Th>{quarterLabel(data.quarter)}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ team, level, previous }) => (
            <Table.Tr key={team.id} data-testid="team-level-row">
              <Table.Td>{team.name}</Table.Td>
              <Table.Td>{team.region}</Table.Td>
              <Table.Td>{previous === null ? '–' : `Level ${previous}`}</Table.Td>
              <Table.Td>
                {level === null ? (
                  <Text size="sm" c="dimmed">
                    Not assessed
                  </Text>
                ) : (
                  <Badge color={LEVEL_HUES[level]} variant="light" tt="none">
                    Level {level}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Anchor component={Link} href={assessmentHref(team.id, data.quarter)} size="sm">
                  {level === null ? 'Assess' : 'Open'}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.teamLevels.length > TEAMS_SHOWN && (
        <Button variant="subtle" size="compact-sm" mt="xs" onClick={() => setAll(!all)}>
          {all ? `Show the first ${TEAMS_SHOWN}` : `Show all ${data.teamLevels.length} teams`}
        </Button>
      )}
    </Card>
  );
}

function ExportMenu({ view, region }: { view: DashboardView; region: string | null }) {
  const [busy, setBusy] = useState(false);
  const run = async (format: ReportFormat) => {
    setBusy(true);
    try {
      const doc = buildReport(view.data, { councilName: view.council?.name ?? null, region, preparedOn: today() });
      const result = await exportReport(doc, format);
      if (result.status === 'saved') notifySuccess(`Saved ${result.path}`);
      else if (result.status === 'error') notifyError('The report was not saved', new Error(result.message));
    } catch (e) {
      notifyError('The report was not saved', e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} loading={busy} data-testid="export-report">
          Export report
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {REPORT_FORMATS.map((f) => (
          <Menu.Item key={f.format} onClick={() => void run(f.format)} data-testid={`export-report-${f.format}`}>
            {f.label} (.{f.extension})
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
