import { differenceInCalendarDays, parseISO } from 'date-fns';
import { isOverdue } from '../actions/carryForward';
import { VALUE_COMPASS_POINTS, type ProjectStatus, type ValueCompassPoint } from '../model/rim';
import { valueCompassCoverage } from '../rim/pdsa';
import { importedTotal, latestByRegion, type FigureLike, type ImportedTotal } from './programFigures';
import { lastQuarters, previousQuarter, quarterBounds } from './quarters';
import { RatingIndex, levelCounts, levelTrend, movement, share, type LevelCounts, type Movement, type RatingLike, type Share } from './rollup';

// The council (or region) dashboard as data: every figure the screen, its tables and the exported
// report show, computed once from plain rows so the three can never disagree.

/** A team with no meeting for this many days is listed as quiet. */
export const QUIET_AFTER_DAYS = 60;
export const TREND_QUARTERS = 8;

export interface DashboardTeam {
  id: string;
  name: string;
  councilId: string;
  /** The team's region, or its council's when the team has none. */
  region: string;
}

export interface DashboardProject {
  id: string;
  teamId: string;
  title: string;
  status: ProjectStatus;
  archivedAt: string | null;
  valueCompass: ValueCompassPoint[];
  stale: boolean;
  daysSinceUpdate: number;
}

export interface DashboardActionItem {
  id: string;
  bodyId: string;
  what: string;
  dueDate: string | null;
  status: 'open' | 'in-progress' | 'done' | 'dropped';
}

export interface DashboardInput {
  quarter: string;
  /** Calendar date the "now" figures (overdue, quiet, stale) are judged on. */
  today: string;
  teams: readonly DashboardTeam[];
  ratings: readonly RatingLike[];
  figures: ReadonlyArray<FigureLike & { id: string; sourceFile?: string }>;
  projects: readonly DashboardProject[];
  actionItems: readonly DashboardActionItem[];
  /** Date of each team's latest meeting on or before today; absent when it never met. */
  lastMeeting: Readonly<Record<string, string | undefined>>;
}

export interface RegionRow {
  region: string;
  source: 'computed' | 'imported';
  share: Share;
  /** Computed: the quarter's last day; imported: the figure's as-of date. */
  asOf: string;
  figureId?: string;
  sourceFile?: string;
}

export interface DashboardData {
  quarter: string;
  today: string;
  teams: number;
  counts: LevelCounts<DashboardTeam>;
  /** Every team with its level this quarter and the quarter before (null: no confirmed rating). */
  teamLevels: Array<{ team: DashboardTeam; level: number | null; previous: number | null }>;
  movement: Movement<DashboardTeam>;
  trend: LevelCounts<DashboardTeam>[];
  regions: RegionRow[];
  computedTotal: Share;
  imported: ImportedTotal | null;
  valueCompass: {
    /** Teams with at least one live project tagged with each point. */
    teamsByPoint: Record<ValueCompassPoint, number>;
    teamsWithAllFour: number;
    teamsWithoutTaggedProject: number;
  };
  staleProjects: Array<{ project: DashboardProject; team: DashboardTeam }>;
  overdueActions: Array<{ item: DashboardActionItem; team: DashboardTeam; daysOverdue: number }>;
  quietTeams: Array<{ team: DashboardTeam; lastMeeting: string | null; daysSince: number | null }>;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export function buildDashboard(input: DashboardInput): DashboardData {
  const teams = [...input.teams].sort(byName);
  const teamById = new Map(teams.map((t) => [t.id, t]));
  const index = new RatingIndex(input.ratings);
  const counts = levelCounts(teams, index, input.quarter);
  const today = parseISO(input.today);

  // Computed per region, only where the region has a rated team this quarter.
  const regionNames = [...new Set(teams.map((t) => t.region || 'No region'))].sort();
  const quarterEnd = quarterBounds(input.quarter).end;
  const computed: RegionRow[] = regionNames
    .map((region) => ({
      region,
      c: levelCounts(
        teams.filter((t) => (t.region || 'No region') === region),
        index,
        input.quarter,
      ),
    }))
    .filter(({ c }) => c.rated > 0)
    .map(({ region, c }) => ({ region, source: 'computed' as const, share: c.share, asOf: quarterEnd }));
  const imported: RegionRow[] = latestByRegion(input.figures).map((f) => ({
    region: f.region,
    source: 'imported' as const,
    share: share(f.highPerforming, f.teams),
    asOf: f.asOf,
    figureId: f.id,
    sourceFile: f.sourceFile,
  }));
  const regions = [...computed, ...imported].sort((a, b) => a.region.localeCompare(b.region) || (a.source === 'computed' ? -1 : 1));

  const live = input.projects.filter((p) => p.archivedAt === null && teamById.has(p.teamId));
  const teamsByPoint = Object.fromEntries(VALUE_COMPASS_POINTS.map((p) => [p, 0])) as Record<ValueCompassPoint, number>;
  let teamsWithAllFour = 0;
  let teamsWithoutTaggedProject = 0;
  const liveByTeam = new Map<string, DashboardProject[]>();
  for (const p of live) {
    const own = liveByTeam.get(p.teamId);
    if (own) own.push(p);
    else liveByTeam.set(p.teamId, [p]);
  }
  for (const team of teams) {
    const coverage = valueCompassCoverage(liveByTeam.get(team.id) ?? []);
    for (const point of coverage.covered) teamsByPoint[point] += 1;
    if (coverage.allFour) teamsWithAllFour += 1;
    if (coverage.covered.length === 0) teamsWithoutTaggedProject += 1;
  }

  const staleProjects = live
    .filter((p) => p.stale)
    .map((project) => ({ project, team: teamById.get(project.teamId)! }))
    .sort((a, b) => b.project.daysSinceUpdate - a.project.daysSinceUpdate || a.project.title.localeCompare(b.project.title));

  const overdueActions = input.actionItems
    .filter((i) => teamById.has(i.bodyId) && isOverdue(i, input.today))
    .map((item) => ({ item, team: teamById.get(item.bodyId)!, daysOverdue: differenceInCalendarDays(today, parseISO(item.dueDate!)) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.item.what.localeCompare(b.item.what));

  const quietTeams = teams
    .map((team) => {
      const last = input.lastMeeting[team.id] ?? null;
      return { team, lastMeeting: last, daysSince: last ? differenceInCalendarDays(today, parseISO(last)) : null };
    })
    .filter((t) => t.daysSince === null || t.daysSince > QUIET_AFTER_DAYS)
    .sort((a, b) => (b.daysSince ?? Infinity) - (a.daysSince ?? Infinity) || byName(a.team, b.team));

  return {
    quarter: input.quarter,
    today: input.today,
    teams: teams.length,
    counts,
    teamLevels: teams.map((team) => ({
      team,
      level: index.get(team.id, input.quarter)?.level ?? null,
      previous: index.get(team.id, previousQuarter(input.quarter))?.level ?? null,
    })),
    movement: movement(teams, index, input.quarter),
    trend: levelTrend(teams, index, lastQuarters(input.quarter, TREND_QUARTERS)),
    regions,
    computedTotal: counts.share,
    imported: input.figures.length ? importedTotal(input.figures) : null,
    valueCompass: { teamsByPoint, teamsWithAllFour, teamsWithoutTaggedProject },
    staleProjects,
    overdueActions,
    quietTeams,
  };
}
