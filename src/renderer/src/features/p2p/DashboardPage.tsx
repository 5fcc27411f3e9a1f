import { BarChart } from '@mantine/charts';
import { ActionIcon, Anchor, Badge, Box, Button, Card, Grid, Group, Menu, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileImport, IconStairsUp, IconTrash } from '@tabler/icons-react';
import { startTransition, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { today } from '@shared/clock';
import { P2P_LEVELS } from '@shared/model/p2p';
import { VALUE_COMPASS_POINTS } from '@shared/model/rim';
import { QUIET_AFTER_DAYS, type DashboardData } from '@shared/p2p/dashboard';
import { buildReport } from '@shared/p2p/report';
import { REPORT_FORMATS, type ReportFormat } from '@shared/p2p/reportExports';
import { DOCUMENTATION_INTERVAL_DAYS } from '@shared/rim/pdsa';
import { EmptyState } from '../../components/EmptyState';
import { notifyError, notifySuccess, removeWithUndo } from '../../components/notify';
import { useLive, useRepos } from '../../db/live';
import { removeProgramFigure, restoreProgramFigure } from './commands';
import { exportReport } from './exportReport';
import { ImportFiguresButton } from './ImportFiguresButton';
import { LEVEL_COLORS, LEVEL_HUES, assessmentHref, useP2pWords } from './labels';
import { dashboardPage, NO_REGION, type DashboardView } from './queries';

const TEAMS_SHOWN = 25;
/** Long lists show this many first; the rest is one click away. */
const LIST_FIRST = 10;

/** The council and region dashboard: teams by level, the share high performing, movement, and what needs attention. */
export function DashboardPage() {
  const [councilId, setCouncilId] = useState<string | null>(null);
  const [region, setRegion] = useState<string | null>(null);
  const [quarter, setQuarter] = useState<string | null>(null);
  const view = useLive((r) => dashboardPage(r, { councilId, region, quarter }), [councilId, region, quarter]);
  const w = useP2pWords();
  const { t } = w;
  if (!view) return null;
  const { data } = view;
  const q = w.quarter(view.quarter);
  const council = view.council ? view.council.name : t('dashboard.allCouncils');

  return (
    <Stack data-testid="p2p-dashboard">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('title')}
          </Title>
          <Text c="dimmed" size="sm">
            {region ? t('dashboard.scopeRegion', { council, region, quarter: q }) : t('dashboard.scope', { council, quarter: q })}
          </Text>
        </Stack>
        <Group gap="xs">
          <ImportFiguresButton council={view.council} />
          <ExportMenu view={view} region={region} />
        </Group>
      </Group>
      <Group gap="sm" align="flex-end">
        <Select
          label={t('dashboard.council')}
          placeholder={t('dashboard.allCouncilsPlaceholder')}
          clearable
          searchable
          w={280}
          data={view.councils.map((c) => ({ value: c.id, label: c.name }))}
          value={councilId}
          onChange={setCouncilId}
        />
        <Select
          label={t('dashboard.region')}
          placeholder={t('dashboard.allRegions')}
          clearable
          w={220}
          data={view.regions.map((r) => ({ value: r, label: r === NO_REGION ? t('dashboard.noRegion') : r }))}
          value={region}
          onChange={setRegion}
        />
        <Select
          label={t('dashboard.quarter')}
          w={140}
          data={view.quarters.map((x) => ({ value: x, label: w.quarter(x) }))}
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
            {t('dashboard.allOf', { region: view.council.region })}
          </Button>
        )}
      </Group>
      {data.teams === 0 && data.regions.length === 0 ? (
        <EmptyState icon={<IconStairsUp size={30} />} title={t('dashboard.empty.title')}>
          {t('dashboard.empty.body')}
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
  const { t } = useP2pWords();
  const shown = all ? items : items.slice(0, n);
  const more =
    items.length > n ? (
      <Button variant="subtle" size="compact-xs" onClick={() => setAll(!all)} style={{ alignSelf: 'flex-start' }}>
        {all ? t('dashboard.showFirst', { count: n }) : t('dashboard.showAll', { count: items.length })}
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
  const w = useP2pWords();
  const { t } = w;
  const q = w.quarter(data.quarter);
  const since = w.quarter(data.movement.since);
  const c = data.counts;
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat
          testId="share-high-performing"
          label={t('dashboard.stat.highPerforming', { quarter: q })}
          value={c.rated ? w.share(c.share) : t('dashboard.stat.noRated')}
          detail={t('dashboard.stat.highDetail', { count: c.rated })}
        />
        <Stat
          testId="movement"
          label={t('dashboard.stat.since', { quarter: since })}
          value={t('dashboard.stat.upDown', { up: data.movement.up, down: data.movement.down })}
          detail={t('dashboard.stat.movementDetail', { compared: data.movement.compared, same: data.movement.same })}
        />
        <Stat
          testId="not-assessed"
          label={t('dashboard.stat.notAssessed', { quarter: q })}
          value={t('dashboard.stat.ofTeams', { count: c.notAssessed.length, total: data.teams })}
          detail={t('dashboard.stat.notAssessedDetail')}
        />
        <Stat
          testId="attention"
          label={t('dashboard.stat.attention')}
          value={w.f.number(data.staleProjects.length + data.overdueActions.length + data.quietTeams.length)}
          detail={t('dashboard.stat.attentionDetail', { stale: data.staleProjects.length, overdue: data.overdueActions.length, quiet: data.quietTeams.length })}
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
        {t('dashboard.footnote', { quarter: q, date: w.f.date(data.today) })}
      </Text>
    </>
  );
}

function LevelsSection({ data }: { data: DashboardData }) {
  const c = data.counts;
  const w = useP2pWords();
  const { t } = w;
  const rows = P2P_LEVELS.map((l) => ({ level: w.levelShort(l), lower: l < 4 ? c.byLevel[l] : 0, high: l >= 4 ? c.byLevel[l] : 0 }));
  return (
    <ChartWithTable
      testId="levels-section"
      title={t('dashboard.levels.title', { quarter: w.quarter(data.quarter) })}
      chart={
        <BarChart
          h={240}
          data={rows}
          dataKey="level"
          type="stacked"
          withLegend
          series={[
            { name: 'lower', label: t('dashboard.levels.lower'), color: 'blue.5' },
            { name: 'high', label: t('dashboard.levels.high'), color: 'teal.6' },
          ]}
          yAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        <Table withTableBorder verticalSpacing={4} data-testid="levels-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.levels.level')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.levels.teams')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.levels.shareOfRated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {P2P_LEVELS.map((l) => (
              <Table.Tr key={l} data-level={l}>
                <Table.Td>{t('dashboard.levels.row', { level: l, label: w.levelLabel(l) })}</Table.Td>
                <Table.Td ta="right">{w.f.number(c.byLevel[l])}</Table.Td>
                <Table.Td ta="right">{w.percent(c.rated ? Math.round((c.byLevel[l] * 100) / c.rated) : null)}</Table.Td>
              </Table.Tr>
            ))}
            {c.byLevel[0] > 0 && (
              <Table.Tr data-level={0}>
                <Table.Td>{w.levelLabel(0)}</Table.Td>
                <Table.Td ta="right">{w.f.number(c.byLevel[0])}</Table.Td>
                <Table.Td ta="right">{w.percent(Math.round((c.byLevel[0] * 100) / c.rated))}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr fw={700}>
              <Table.Td>{t('dashboard.levels.highRow')}</Table.Td>
              <Table.Td ta="right" colSpan={2} data-testid="levels-share">
                {c.rated ? w.share(c.share) : '–'}
              </Table.Td>
            </Table.Tr>
            <Table.Tr c="dimmed">
              <Table.Td>{t('dashboard.levels.notAssessed')}</Table.Td>
              <Table.Td ta="right">{w.f.number(c.notAssessed.length)}</Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tbody>
        </Table>
      }
    />
  );
}

function TrendSection({ data }: { data: DashboardData }) {
  const w = useP2pWords();
  const { t } = w;
  const rows = data.trend.map((x) => ({ quarter: w.quarter(x.quarter), ...Object.fromEntries(P2P_LEVELS.map((l) => [`L${l}`, x.byLevel[l]])) }));
  return (
    <ChartWithTable
      testId="trend-section"
      title={t('dashboard.trend.title')}
      chart={
        <BarChart
          h={240}
          data={rows}
          dataKey="quarter"
          type="stacked"
          withLegend
          series={P2P_LEVELS.map((l) => ({ name: `L${l}`, label: w.levelShort(l), color: LEVEL_COLORS[l]! }))}
          yAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        <Table withTableBorder verticalSpacing={2} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.trend.quarter')}</Table.Th>
              {P2P_LEVELS.map((l) => (
                <Table.Th key={l} ta="right">
                  {t('dashboard.trend.levelColumn', { level: l })}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('dashboard.trend.highPerforming')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.trend.map((x) => (
              <Table.Tr key={x.quarter}>
                <Table.Td>{w.quarter(x.quarter)}</Table.Td>
                {P2P_LEVELS.map((l) => (
                  <Table.Td key={l} ta="right">
                    {w.f.number(x.byLevel[l])}
                  </Table.Td>
                ))}
                <Table.Td ta="right">{x.rated ? w.share(x.share) : '–'}</Table.Td>
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
  const w = useP2pWords();
  const { t } = w;
  const { shown, more } = useFirst(m.moves, LIST_FIRST);
  const bucket = (from: number, to: number) =>
    Object.entries(m.byChange)
      .filter(([k]) => Number(k) >= from && Number(k) <= to)
      .reduce((n, [, v]) => n + v, 0);
  const rows = [
    { change: t('dashboard.movement.down2'), teams: bucket(-5, -2) },
    { change: t('dashboard.movement.down1'), teams: bucket(-1, -1) },
    { change: t('dashboard.movement.same'), teams: m.same },
    { change: t('dashboard.movement.up1'), teams: bucket(1, 1) },
    { change: t('dashboard.movement.up2'), teams: bucket(2, 5) },
  ];
  return (
    <ChartWithTable
      testId="movement-section"
      title={t('dashboard.movement.title', { quarter: w.quarter(m.since) })}
      chart={
        <BarChart
          h={200}
          data={rows}
          dataKey="change"
          series={[{ name: 'teams', label: t('dashboard.movement.teams'), color: 'indigo.5' }]}
          yAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        m.moves.length === 0 ? (
          <Text size="sm" c="dimmed">
            {m.compared === 0
              ? t('dashboard.movement.noneCompared', { since: w.quarter(m.since), quarter: w.quarter(m.quarter) })
              : t('dashboard.movement.allSame', { count: m.compared })}
          </Text>
        ) : (
          <Stack gap={4}>
            <Table withTableBorder verticalSpacing={2} fz="sm" data-testid="moves-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('dashboard.movement.team')}</Table.Th>
                  <Table.Th>{w.quarter(m.since)}</Table.Th>
                  <Table.Th>{w.quarter(m.quarter)}</Table.Th>
                  <Table.Th>{t('dashboard.movement.change')}</Table.Th>
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
                    <Table.Td>{w.levelShort(x.from)}</Table.Td>
                    <Table.Td>{w.levelShort(x.to)}</Table.Td>
                    <Table.Td c={x.change > 0 ? 'teal.8' : 'red.8'}>{w.change(x.change)}</Table.Td>
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
  const w = useP2pWords();
  const { t } = w;
  const longDate = (d: string) => w.f.date(d);
  const assessments = t('dashboard.regions.assessments', { quarter: w.quarter(data.quarter) });
  const regions = [...new Set(data.regions.map((r) => r.region))];
  const rows = regions.map((region) => ({
    region: region === NO_REGION ? t('dashboard.noRegion') : region,
    computed: data.regions.find((r) => r.region === region && r.source === 'computed')?.share.percent ?? null,
    imported: data.regions.find((r) => r.region === region && r.source === 'imported')?.share.percent ?? null,
  }));
  return (
    <ChartWithTable
      testId="region-section"
      chartSpan={5}
      title={t('dashboard.regions.title')}
      chart={
        <BarChart
          h={320}
          data={rows}
          dataKey="region"
          withLegend
          unit="%"
          series={[
            { name: 'computed', label: assessments, color: 'teal.6' },
            { name: 'imported', label: t('dashboard.regions.importedFigures'), color: 'gray.5' },
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
                <Table.Th>{t('dashboard.regions.region')}</Table.Th>
                <Table.Th>{t('dashboard.regions.source')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.regions.highPerforming')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.regions.map((r) => (
                <Table.Tr key={`${r.region}-${r.source}`} data-source={r.source}>
                  <Table.Td>{r.region === NO_REGION ? t('dashboard.noRegion') : r.region}</Table.Td>
                  <Table.Td>
                    <SourceLabel imported={r.source === 'imported'} title={r.sourceFile ? t('dashboard.regions.fromFile', { file: r.sourceFile }) : undefined}>
                      {r.source === 'computed' ? assessments : t('dashboard.regions.importedAsOf', { dates: longDate(r.asOf) })}
                    </SourceLabel>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {w.share(r.share)}
                  </Table.Td>
                  <Table.Td w={30}>
                    {r.figureId && (
                      <ActionIcon
                        size="sm"
                        variant="subtle"
                        color="gray"
                        aria-label={t('dashboard.regions.remove', { region: r.region })}
                        onClick={() =>
                          void removeWithUndo(
                            t('dashboard.regions.removed', { region: r.region }),
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
                  <Table.Td>{t('dashboard.regions.all')}</Table.Td>
                  <Table.Td>{assessments}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {w.share(data.computedTotal)}
                  </Table.Td>
                  <Table.Td />
                </Table.Tr>
              )}
              {data.imported && data.imported.regions > 1 && (
                <Table.Tr fw={700} data-testid="program-wide-imported">
                  <Table.Td>{t('dashboard.regions.programWide', { count: data.imported.regions })}</Table.Td>
                  <Table.Td>
                    <SourceLabel imported>{t('dashboard.regions.importedAsOf', { dates: data.imported.asOf.map(longDate).join(' / ') })}</SourceLabel>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {w.share(data.imported.share)}
                  </Table.Td>
                  <Table.Td />
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {data.imported && (
            <Text size="xs" c="dimmed">
              {t('dashboard.regions.importedNote')}
            </Text>
          )}
        </Stack>
      }
    />
  );
}

function ValueCompassSection({ data }: { data: DashboardData }) {
  const v = data.valueCompass;
  const w = useP2pWords();
  const { t } = w;
  const rows = VALUE_COMPASS_POINTS.map((p) => ({ point: w.valueCompass(p), teams: v.teamsByPoint[p] }));
  return (
    <ChartWithTable
      testId="value-compass-section"
      title={t('dashboard.compass.title')}
      chart={
        <BarChart
          h={200}
          data={rows}
          dataKey="point"
          orientation="vertical"
          series={[{ name: 'teams', label: t('dashboard.compass.teamsWithProject'), color: 'grape.5' }]}
          yAxisProps={{ width: 120 }}
          xAxisProps={{ allowDecimals: false }}
        />
      }
      table={
        <Table withTableBorder verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('dashboard.compass.point')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.compass.teamsOnIt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.point}>
                <Table.Td>{r.point}</Table.Td>
                <Table.Td ta="right">{t('dashboard.compass.ofTeams', { count: r.teams, total: data.teams })}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr fw={700}>
              <Table.Td>{t('dashboard.compass.allFour')}</Table.Td>
              <Table.Td ta="right">{t('dashboard.compass.ofTeams', { count: v.teamsWithAllFour, total: data.teams })}</Table.Td>
            </Table.Tr>
            <Table.Tr c="dimmed">
              <Table.Td>{t('dashboard.compass.noneTagged')}</Table.Td>
              <Table.Td ta="right">{w.f.number(v.teamsWithoutTaggedProject)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      }
    />
  );
}

function AttentionList<T>({ title, items, render, testId }: { title: string; items: readonly T[]; render: (item: T) => ReactNode; testId: string }) {
  const { shown, more } = useFirst(items, LIST_FIRST);
  const { t } = useP2pWords();
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
          {t('dashboard.attention.none')}
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
  const w = useP2pWords();
  const { t } = w;
  const q = w.quarter(data.quarter);
  return (
    <Card withBorder data-testid="attention-section">
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.attention.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md">
        <AttentionList
          title={t('dashboard.attention.notAssessed', { quarter: q })}
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
          title={t('dashboard.attention.stale', { days: DOCUMENTATION_INTERVAL_DAYS })}
          items={data.staleProjects}
          testId="attention-stale"
          render={({ project, team }) => (
            <Text key={project.id} size="sm">
              <Anchor component={Link} href={`/improvement/projects/${project.id}`} size="sm">
                {project.title}
              </Anchor>{' '}
              {t('dashboard.attention.staleDays', { team: team.name, days: project.daysSinceUpdate })}
            </Text>
          )}
        />
        <AttentionList
          title={t('dashboard.attention.overdue')}
          items={data.overdueActions}
          testId="attention-overdue"
          render={({ item, team, daysOverdue }) => (
            <Text key={item.id} size="sm">
              {t('dashboard.attention.overdueItem', { what: item.what, team: team.name, date: item.dueDate ? w.f.date(item.dueDate) : '', days: daysOverdue })}
            </Text>
          )}
        />
        <AttentionList
          title={t('dashboard.attention.quiet', { days: QUIET_AFTER_DAYS })}
          items={data.quietTeams}
          testId="attention-quiet"
          render={({ team, lastMeeting, daysSince }) => (
            <Text key={team.id} size="sm">
              <Anchor component={Link} href={`/roster/teams/${team.id}`} size="sm">
                {team.name}
              </Anchor>
              : {lastMeeting ? t('dashboard.attention.lastMet', { date: w.f.date(lastMeeting), days: daysSince }) : t('dashboard.attention.noMeeting')}
            </Text>
          )}
        />
      </SimpleGrid>
    </Card>
  );
}

function TeamsSection({ data }: { data: DashboardData }) {
  const [all, setAll] = useState(false);
  const w = useP2pWords();
  const { t } = w;
  const rows = all ? data.teamLevels : data.teamLevels.slice(0, TEAMS_SHOWN);
  return (
    <Card withBorder data-testid="teams-section">
      <Title order={3} size="h4" mb="sm">
        {t('dashboard.teams.title')}
      </Title>
      <Table verticalSpacing={4} fz="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('dashboard.teams.team')}</Table.Th>
            <Table.Th>{t('dashboard.teams.region')}</Table.Th>
            <Table.Th>{w.quarter(data.movement.since)}</Table.Th>
            <Table.Th>{w.quarter(data.quarter)}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ team, level, previous }) => (
            <Table.Tr key={team.id} data-testid="team-level-row">
              <Table.Td>{team.name}</Table.Td>
              <Table.Td>{team.region === NO_REGION ? t('dashboard.noRegion') : team.region}</Table.Td>
              <Table.Td>{previous === null ? '–' : w.levelShort(previous)}</Table.Td>
              <Table.Td>
                {level === null ? (
                  <Text size="sm" c="dimmed">
                    {t('dashboard.teams.notAssessed')}
                  </Text>
                ) : (
                  <Badge color={LEVEL_HUES[level]} variant="light" tt="none">
                    {w.levelShort(level)}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td ta="right">
                <Anchor component={Link} href={assessmentHref(team.id, data.quarter)} size="sm">
                  {level === null ? t('dashboard.teams.assess') : t('dashboard.teams.open')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.teamLevels.length > TEAMS_SHOWN && (
        <Button variant="subtle" size="compact-sm" mt="xs" onClick={() => setAll(!all)}>
          {all ? t('dashboard.showFirst', { count: TEAMS_SHOWN }) : t('dashboard.showAllTeams', { count: data.teamLevels.length })}
        </Button>
      )}
    </Card>
  );
}

function ExportMenu({ view, region }: { view: DashboardView; region: string | null }) {
  const [busy, setBusy] = useState(false);
  const w = useP2pWords();
  const { t } = w;
  const run = async (format: ReportFormat) => {
    setBusy(true);
    try {
      const doc = buildReport(view.data, { councilName: view.council?.name ?? null, region, preparedOn: today() }, w.words);
      const result = await exportReport(doc, format);
      if (result.status === 'saved') notifySuccess(t('dashboard.export.saved', { path: result.path }));
      else if (result.status === 'error') notifyError(t('dashboard.export.notSaved'), new Error(result.message));
    } catch (e) {
      notifyError(t('dashboard.export.notSaved'), e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />} loading={busy} data-testid="export-report">
          {t('dashboard.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {REPORT_FORMATS.map((f) => (
          <Menu.Item key={f.format} onClick={() => void run(f.format)} data-testid={`export-report-${f.format}`}>
            {t('dashboard.export.format', { label: f.label, extension: f.extension })}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
