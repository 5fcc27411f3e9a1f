import { format, parseISO, subDays } from 'date-fns';
import { today as localToday } from '@shared/clock';
import type { Locale } from '@shared/i18n/locales';
import type { PSEUDO } from '@shared/i18n/pseudo';
import type { ApprovalBody } from '@shared/minutes/approval';
import type { Council, Person, Team } from '@shared/model';
import {
  P2P_DIMENSIONS,
  type P2pAssessment,
  type P2pCheck,
  type P2pConfirmation,
  type P2pDimension,
  type P2pDimensionNote,
  type P2pEvidence,
  type P2pRating,
  type ProgramFigure,
} from '@shared/model/p2p';
import { PROJECT_STATUS_LABELS, type ImprovementProject, type PdsaCycle } from '@shared/model/rim';
import { assessmentHash, type AssessmentContent } from '@shared/p2p/confirmation';
import { QUIET_AFTER_DAYS, buildDashboard, type DashboardData, type DashboardProject, type DashboardTeam } from '@shared/p2p/dashboard';
import { offerEvidence, type Offer, type ProjectFacts, type TeamFacts } from '@shared/p2p/evidence';
import type { EvidenceKind } from '@shared/p2p/criteria';
import { assessLevel, type LevelResult } from '@shared/p2p/level';
import { addQuarters, lastQuarters, quarterBounds, quarterOf, quartersBetween } from '@shared/p2p/quarters';
import { teamHistory, type HistoryEntry } from '@shared/p2p/rollup';
import { cycleDate } from '@shared/rim/chartSeries';
import { projectProgress } from '@shared/rim/pdsa';
import type { Repositories } from '../../db/repositories';
import { membersOf } from '../roster/queries';

/** Every table an assessment is read from; a command re-reads them in its own transaction. */
export const assessmentTables = (repos: Repositories) => {
  const { db } = repos;
  return [db.teams, db.people, db.memberships, db.p2pAssessments, db.p2pChecks, db.p2pDimensionNotes, db.p2pEvidence, db.p2pConfirmations, db.p2pRatings];
};

export interface AssessmentRows {
  checks: P2pCheck[];
  notes: P2pDimensionNote[];
  evidence: P2pEvidence[];
  confirmations: P2pConfirmation[];
}

/** The working copy's rows, with the newest row winning where two laptops wrote one each. */
export async function assessmentRows(repos: Repositories, assessmentId: string): Promise<AssessmentRows> {
  const { db } = repos;
  const [checks, notes, evidence, confirmations] = await Promise.all([
    db.p2pChecks.where('assessmentId').equals(assessmentId).toArray(),
    db.p2pDimensionNotes.where('assessmentId').equals(assessmentId).toArray(),
    db.p2pEvidence.where('assessmentId').equals(assessmentId).toArray(),
    db.p2pConfirmations.where('assessmentId').equals(assessmentId).toArray(),
  ]);
  return {
    checks,
    notes,
    evidence: evidence.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    confirmations: confirmations.sort((a, b) => a.confirmedAt.localeCompare(b.confirmedAt)),
  };
}

/** What the co-leads confirm: the boxes ticked, the notes and the evidence. */
export function contentOf(rows: Pick<AssessmentRows, 'checks' | 'notes' | 'evidence'>): AssessmentContent {
  return {
    met: rows.checks.filter((c) => c.met).map((c) => c.criterionId),
    notes: rows.notes.map((n) => ({ dimension: n.dimension, text: n.text })),
    evidence: rows.evidence.map((e) => ({ dimension: e.dimension, criterionId: e.criterionId, text: e.text, source: e.source })),
  };
}

export const approvalBodyOf = (team: Team): ApprovalBody => ({
  kind: 'team',
  managementCoLeadId: team.managementCoLeadId,
  unionCoLeadId: team.unionCoLeadId,
  physicianCoLeadId: team.physicianCoLeadId,
});

/** A team's assessment versions for a quarter, oldest first. */
export const versionsOf = (repos: Repositories, teamId: string, quarter: string): Promise<P2pAssessment[]> =>
  repos.db.p2pAssessments
    .where('[teamId+quarter]')
    .equals([teamId, quarter])
    .toArray()
    .then((rows) => rows.sort((a, b) => a.version - b.version || a.createdAt.localeCompare(b.createdAt)));

/** The version a quarter's page shows: an open draft (a first assessment or a correction), else the latest confirmed one. */
export const currentVersion = (versions: readonly P2pAssessment[]): P2pAssessment | null =>
  versions.filter((v) => v.status === 'draft').at(-1) ?? versions.filter((v) => v.status === 'confirmed').at(-1) ?? null;

export interface AssessmentView {
  team: Team;
  council: Council | undefined;
  /** Everyone the page names: members, co-leads and sponsors. */
  people: Person[];
  members: Person[];
  quarter: string;
  versions: P2pAssessment[];
  assessment: P2pAssessment | null;
  rows: AssessmentRows;
  /** The frozen result when the shown version is confirmed. */
  rating: P2pRating | null;
  content: AssessmentContent;
  hash: string;
  result: LevelResult;
  /** The last confirmed rating of an earlier quarter, to start from or compare with. */
  previous: P2pRating | null;
  offers: Map<EvidenceKind, Offer>;
  approvalBody: ApprovalBody;
}

/**
 * Everything the assessment page shows for one team and quarter, read as one snapshot; the
 * evidence offered is worded in `language`, the screen's.
 */
export async function loadAssessment(
  repos: Repositories,
  teamId: string,
  quarter: string,
  today: string = localToday(),
  language: Locale | typeof PSEUDO = 'en',
): Promise<AssessmentView | null> {
  const { db } = repos;
  return db.transaction('r', db.tables, async () => {
    const team = await db.teams.get(teamId);
    if (!team) return null;
    const [council, members, versions, earlier] = await Promise.all([
      db.councils.get(team.councilId),
      membersOf(repos, teamId),
      versionsOf(repos, teamId, quarter),
      db.p2pRatings.where('teamId').equals(teamId).toArray(),
    ]);
    const assessment = currentVersion(versions);
    const rows = assessment ? await assessmentRows(repos, assessment.id) : { checks: [], notes: [], evidence: [], confirmations: [] };
    const rating = assessment?.status === 'confirmed' ? ((await db.p2pRatings.get(assessment.id)) ?? null) : null;
    // A confirmed assessment shows what was confirmed, not rows a late sync may have touched since.
    const content: AssessmentContent = rating ? { met: rating.met, notes: rating.notes, evidence: rating.evidence } : contentOf(rows);
    // The nearest earlier quarter's latest confirmed version.
    const previous =
      earlier.filter((r) => quartersBetween(r.quarter, quarter) > 0).sort((a, b) => quartersBetween(a.quarter, b.quarter) || b.version - a.version)[0] ?? null;
    const named = [team.managementCoLeadId, team.unionCoLeadId, team.physicianCoLeadId, team.managementSponsorId, team.unionSponsorId].filter(
      (id): id is string => Boolean(id) && !members.some((m) => m.id === id),
    );
    const others = (await db.people.bulkGet(named)).filter((p): p is Person => Boolean(p));
    const people = [...members, ...others];
    const facts = await teamFacts(repos, team, people, quarter, today);
    return {
      team,
      council,
      people,
      members,
      quarter,
      versions,
      assessment,
      rows,
      rating,
      content,
      hash: assessmentHash(content),
      result: assessLevel(content.met),
      previous,
      offers: offerEvidence(facts, language),
      approvalBody: approvalBodyOf(team),
    };
  });
}

const nameIs = (presenter: string, person: Person | undefined) => {
  if (!person) return false;
  const text = presenter.toLowerCase();
  const full = person.name.toLowerCase();
  const first = full.split(/\s+/)[0] ?? '';
  return text.includes(full) || (first.length > 1 && new RegExp(`\\b${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text));
};

/** What the app holds about a team in a quarter, for the evidence it offers. */
export async function teamFacts(repos: Repositories, team: Team, people: readonly Person[], quarter: string, today: string): Promise<TeamFacts> {
  const { db } = repos;
  const { start, end } = quarterBounds(quarter);
  const until = end < today ? end : today;
  const person = (id: string | null) => (id ? people.find((p) => p.id === id) : undefined);
  const mgmt = person(team.managementCoLeadId);
  const union = person(team.unionCoLeadId);

  const meetings = (
    await db.meetings
      .where('[bodyId+startsAt]')
      .between([team.id, start], [team.id, `${until}T99:99`], true, true)
      .toArray()
  ).filter((m) => m.bodyKind === 'team');
  const meetingIds = meetings.map((m) => m.id);
  const [agenda, attendance, sessions, actionItems, projects] = await Promise.all([
    db.agendaItems.where('meetingId').anyOf(meetingIds).toArray(),
    db.attendance.where('meetingId').anyOf(meetingIds).toArray(),
    db.ibpsSessions.where('bodyId').equals(team.id).toArray(),
    db.actionItems.where('bodyId').equals(team.id).toArray(),
    db.improvementProjects.where('teamId').equals(team.id).toArray(),
  ]);
  const inQuarter = new Set(meetingIds);
  const decisions = (
    await db.decisions
      .where('sessionId')
      .anyOf(sessions.map((s) => s.id))
      .toArray()
  ).filter((d) => (d.meetingId ? inQuarter.has(d.meetingId) : d.createdAt.slice(0, 10) >= start && d.createdAt.slice(0, 10) <= until));
  const quarterActions = actionItems.filter((a) => inQuarter.has(a.meetingId));

  return {
    quarter,
    sponsors: { management: person(team.managementSponsorId)?.name ?? null, union: person(team.unionSponsorId)?.name ?? null },
    coLeads: { management: mgmt?.name ?? null, union: union?.name ?? null, physician: person(team.physicianCoLeadId)?.name ?? null },
    charter: {
      purpose: team.charter.purpose.trim() !== '',
      scope: team.charter.scope.trim() !== '',
      groundRules: team.charter.groundRules.length,
      whenConsensusFails: team.charter.whenConsensusFails.trim() !== '',
    },
    meetings: meetings.map((m) => {
      const presenters = agenda.filter((a) => a.meetingId === m.id).map((a) => a.presenter);
      const present = new Set(attendance.filter((a) => a.meetingId === m.id && a.status === 'present').map((a) => a.personId));
      return {
        date: m.startsAt.slice(0, 10),
        bothCoLeadsPresenting: Boolean(mgmt && union) && presenters.some((p) => nameIs(p, mgmt)) && presenters.some((p) => nameIs(p, union)),
        bothCoLeadsPresent: Boolean(mgmt && union) && present.has(mgmt!.id) && present.has(union!.id),
      };
    }),
    consensusDecisions: decisions.filter((d) => d.outcome === 'consensus').length,
    failedDecisions: decisions.filter((d) => d.outcome === 'failed').length,
    actionItems: quarterActions.length,
    actionOwners: new Set(quarterActions.map((a) => a.ownerId).filter(Boolean)).size,
    projects: await projectFacts(repos, projects, today),
  };
}

async function projectFacts(repos: Repositories, all: readonly ImprovementProject[], today: string): Promise<ProjectFacts[]> {
  const { db } = repos;
  const projects = all.filter((p) => p.archivedAt === null);
  const ids = projects.map((p) => p.id);
  const [cycles, measures, ideas] = await Promise.all([
    db.pdsaCycles.where('projectId').anyOf(ids).toArray(),
    db.measures.where('projectId').anyOf(ids).toArray(),
    db.changeIdeas.where('projectId').anyOf(ids).toArray(),
  ]);
  const points = await db.dataPoints
    .where('measureId')
    .anyOf(measures.map((m) => m.id))
    .toArray();
  const touched: Record<string, string> = {};
  const touch = (projectId: string | undefined, at: string) => {
    if (projectId && (!touched[projectId] || at > touched[projectId])) touched[projectId] = at;
  };
  const projectOfMeasure = new Map(measures.map((m) => [m.id, m.projectId]));
  for (const m of measures) touch(m.projectId, m.updatedAt);
  for (const i of ideas) touch(i.projectId, i.updatedAt);
  for (const p of points) touch(projectOfMeasure.get(p.measureId), p.updatedAt);
  const progress = new Map(projectProgress(projects, cycles, touched, today).projects.map((p) => [p.projectId, p]));
  return projects
    .sort((a, b) => a.title.localeCompare(b.title))
    .map((project) => {
      const own = measures.filter((m) => m.projectId === project.id);
      const ownCycles = cycles.filter((c) => c.projectId === project.id && cycleDate(c) !== null);
      const withData = own.filter((m) => points.some((p) => p.measureId === m.id && (p.value !== null || p.numerator !== null)));
      const annotated = withData.filter(
        (m) => ownCycles.some((c) => c.measureIds.includes(m.id)) || points.some((p) => p.measureId === m.id && p.note.trim() !== ''),
      );
      const lastPoint =
        points
          .filter((p) => own.some((m) => m.id === p.measureId))
          .map((p) => p.date)
          .sort()
          .at(-1) ?? null;
      const row = progress.get(project.id)!;
      return {
        title: project.title,
        statusLabel: PROJECT_STATUS_LABELS[project.status],
        status: project.status,
        valueCompass: project.status === 'abandoned' ? [] : project.valueCompass,
        cyclesCompleted: row.cyclesCompleted,
        stale: row.stale,
        daysSinceUpdate: row.daysSinceUpdate,
        measuresWithData: withData.length,
        annotatedCharts: annotated.map((m) => `${m.name} (${project.title})`),
        lastPoint,
      };
    });
}

export interface TeamHistoryView {
  entries: HistoryEntry<P2pRating>[];
  /** A quarter with an assessment under way (not yet confirmed by both co-leads). */
  drafts: P2pAssessment[];
  /** The level typed by hand on the team record before assessments existed, if any. */
  legacy: { level: number; ratedOn: string | null } | null;
  currentQuarter: string;
}

/** The team page's Path to Performance card: level per quarter, with what changed. */
export async function teamP2pHistory(repos: Repositories, teamId: string, today: string = localToday()): Promise<TeamHistoryView | null> {
  const { db } = repos;
  return db.transaction('r', [db.teams, db.p2pRatings, db.p2pAssessments], async () => {
    const team = await db.teams.get(teamId);
    if (!team) return null;
    const [ratings, assessments] = await Promise.all([
      db.p2pRatings.where('teamId').equals(teamId).toArray(),
      db.p2pAssessments.where('teamId').equals(teamId).toArray(),
    ]);
    return {
      entries: teamHistory(ratings).reverse(),
      drafts: assessments.filter((a) => a.status === 'draft').sort((a, b) => quartersBetween(a.quarter, b.quarter)),
      legacy: team.p2pLevel !== null && ratings.length === 0 ? { level: team.p2pLevel, ratedOn: team.p2pRatedOn } : null,
      currentQuarter: quarterOf(today),
    };
  });
}

export interface DashboardFilter {
  councilId: string | null;
  region: string | null;
  /** null: the latest quarter with a confirmed rating in scope, else the current quarter. */
  quarter: string | null;
}

export interface DashboardView {
  councils: Council[];
  regions: string[];
  quarters: string[];
  quarter: string;
  data: DashboardData;
  figures: ProgramFigure[];
  council: Council | null;
}

/** The group of teams with no region, as the shared dashboard names it (a value, worded on screen). */
export const NO_REGION = 'No region';

/**
 * The council/region dashboard. Teams are those of the chosen council (or all) in the chosen
 * region (a team's own region, else its council's); archived teams are left out.
 */
export async function dashboardPage(repos: Repositories, filter: DashboardFilter, today: string = localToday()): Promise<DashboardView> {
  const { db } = repos;
  return db.transaction(
    'r',
    [
      db.councils,
      db.teams,
      db.p2pRatings,
      db.programFigures,
      db.improvementProjects,
      db.pdsaCycles,
      db.measures,
      db.changeIdeas,
      db.dataPoints,
      db.actionItems,
      db.meetings,
    ],
    async () => {
      const [councils, allTeams, all] = await Promise.all([db.councils.orderBy('name').toArray(), db.teams.toArray(), allRatingKeys(repos)]);
      const councilById = new Map(councils.map((c) => [c.id, c]));
      const regionOf = (t: Team) => t.region || councilById.get(t.councilId)?.region || NO_REGION;
      const active = allTeams.filter((t) => !t.archivedAt);
      const teams: DashboardTeam[] = active
        .filter((t) => (!filter.councilId || t.councilId === filter.councilId) && (!filter.region || regionOf(t) === filter.region))
        .map((t) => ({ id: t.id, name: t.name, councilId: t.councilId, region: regionOf(t) }));
      const teamIds = teams.map((t) => t.id);

      const scope = new Set(teamIds);
      const current = quarterOf(today);
      const inScope = all.filter((r) => scope.has(r.teamId));
      // The latest rated quarter by default; a rating "from the future" (a laptop whose clock was
      // years ahead) never becomes the default.
      const latest = inScope.reduce<string | null>(
        (best, r) => (quartersBetween(r.quarter, current) >= 0 && (best === null || quartersBetween(best, r.quarter) > 0) ? r.quarter : best),
        null,
      );
      const quarter = filter.quarter ?? latest ?? current;
      // The trend's eight quarters and the one before them.
      const ratings = inScope.filter((r) => quartersBetween(r.quarter, quarter) >= 0 && quartersBetween(r.quarter, quarter) <= 8);

      const [figureRows, projects, actionItems, lastMeeting] = await Promise.all([
        filter.councilId ? db.programFigures.where('councilId').equals(filter.councilId).toArray() : db.programFigures.toArray(),
        dashboardProjects(repos, teamIds, today),
        // Open items by status (two index ranges read in one go), then the teams in scope.
        db.actionItems
          .where('status')
          .anyOf(['open', 'in-progress'])
          .toArray()
          .then((items) => items.filter((a) => scope.has(a.bodyId))),
        lastMeetings(repos, teamIds, today),
      ]);
      const figures = figureRows.filter((f) => !filter.region || f.region === filter.region);
      const data = buildDashboard({
        quarter,
        today,
        teams,
        ratings,
        figures,
        projects,
        actionItems,
        lastMeeting,
      });
      // Quarter choices: the last two years, and back to the first rating the laptop holds.
      const earliest = all.reduce((e, r) => (quartersBetween(r.quarter, e) > 0 ? r.quarter : e), addQuarters(current, -7));
      const quarters = lastQuarters(current, quartersBetween(earliest, current) + 1).reverse();
      if (!quarters.includes(quarter)) quarters.push(quarter);
      const regions = [...new Set([...active.map(regionOf), ...figureRows.map((f) => f.region)])].sort();
      return {
        councils: councils.filter((c) => !c.archivedAt),
        regions,
        quarters,
        quarter,
        data,
        figures: figures.sort((a, b) => a.region.localeCompare(b.region) || b.asOf.localeCompare(a.asOf)),
        council: filter.councilId ? (councilById.get(filter.councilId) ?? null) : null,
      };
    },
  );
}

interface RatingKey {
  quarter: string;
  teamId: string;
  version: number;
  level: number;
}

/**
 * Ratings are written once and never changed (sync refuses edits and deletes of them), so what a
 * dashboard needs of each is kept here by rating id after the first read. A later read lists the
 * table's primary keys (one batch, no values) and fetches only ratings it has not seen: a
 * 400-team council's eight quarters cost a few milliseconds instead of a scan. Per database, so a
 * test's database or one restored from a backup starts afresh.
 */
const ratingCache = new WeakMap<object, Map<string, RatingKey>>();

async function allRatingKeys(repos: Repositories): Promise<RatingKey[]> {
  const { db } = repos;
  const known = ratingCache.get(db);
  if (!known) {
    const first = new Map<string, RatingKey>();
    // The index's keys carry everything needed, so the first read loads no rating record either.
    await db.p2pRatings.orderBy('[quarter+teamId+version+level]').eachKey((key, cursor) => {
      const [quarter, teamId, version, level] = key as unknown as [string, string, number, number];
      first.set(cursor.primaryKey as string, { quarter, teamId, version, level });
    });
    ratingCache.set(db, first);
    return [...first.values()];
  }
  const ids = (await db.p2pRatings.toCollection().primaryKeys()) as string[];
  const present = new Set(ids);
  for (const id of known.keys()) if (!present.has(id)) known.delete(id);
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    for (const r of await db.p2pRatings.bulkGet(missing)) if (r) known.set(r.id, { quarter: r.quarter, teamId: r.teamId, version: r.version, level: r.level });
  }
  return [...known.values()];
}

/**
 * The teams' live projects with the 90-day documentation flag. Data points are read only for
 * projects that look stale without them: a point can only make a project more recent, so the
 * points of a project documented within 90 days cannot change its flag.
 */
async function dashboardProjects(repos: Repositories, teamIds: readonly string[], today: string): Promise<DashboardProject[]> {
  const { db } = repos;
  // All projects in one read, then the teams in scope: a laptop holds a few councils' projects,
  // and one batch costs less than walking an index key by key for hundreds of teams.
  const scope = new Set(teamIds);
  const projects = (await db.improvementProjects.toArray()).filter((p) => p.archivedAt === null && scope.has(p.teamId));
  const touched: Record<string, string> = {};
  const touch = (projectId: string | undefined, at: string) => {
    if (projectId && (!touched[projectId] || at > touched[projectId])) touched[projectId] = at;
  };
  // Every row of a project can only make it more recent, so each stage reads the rows of the
  // projects that still look stale, and most councils stop after the projects themselves.
  let progress = projectProgress(projects, [], touched, today).projects;
  const suspects = () => progress.filter((p) => p.stale).map((p) => p.projectId);
  let cycles: PdsaCycle[] = [];
  if (suspects().length) {
    const ids = suspects();
    const [c, measures, ideas] = await Promise.all([
      db.pdsaCycles.where('projectId').anyOf(ids).toArray(),
      db.measures.where('projectId').anyOf(ids).toArray(),
      db.changeIdeas.where('projectId').anyOf(ids).toArray(),
    ]);
    cycles = c;
    for (const m of measures) touch(m.projectId, m.updatedAt);
    for (const i of ideas) touch(i.projectId, i.updatedAt);
    progress = projectProgress(projects, cycles, touched, today).projects;
    const still = new Set(suspects());
    const stillMeasures = measures.filter((m) => still.has(m.projectId));
    if (stillMeasures.length) {
      const projectOfMeasure = new Map(stillMeasures.map((m) => [m.id, m.projectId]));
      const points = await db.dataPoints
        .where('measureId')
        .anyOf(stillMeasures.map((m) => m.id))
        .toArray();
      for (const p of points) touch(projectOfMeasure.get(p.measureId), p.updatedAt);
      progress = projectProgress(projects, cycles, touched, today).projects;
    }
  }
  const byId = new Map(progress.map((p) => [p.projectId, p]));
  return projects.map((p) => ({
    id: p.id,
    teamId: p.teamId,
    title: p.title,
    status: p.status,
    archivedAt: p.archivedAt,
    valueCompass: p.valueCompass,
    stale: byId.get(p.id)?.stale ?? false,
    daysSinceUpdate: byId.get(p.id)?.daysSinceUpdate ?? 0,
  }));
}

/**
 * Each quiet team's latest meeting on or before today, and a recent date for the others: the
 * meetings of the last 60 days tell who met; only teams that did not are looked up one by one.
 */
async function lastMeetings(repos: Repositories, teamIds: readonly string[], today: string): Promise<Record<string, string | undefined>> {
  const { db } = repos;
  const until = `${today}T99:99`;
  const since = format(subDays(parseISO(today), QUIET_AFTER_DAYS), 'yyyy-MM-dd');
  const wanted = new Set(teamIds);
  const last: Record<string, string | undefined> = {};
  for (const m of await db.meetings.where('startsAt').between(since, until, true, true).toArray()) {
    const date = m.startsAt.slice(0, 10);
    if (wanted.has(m.bodyId) && (last[m.bodyId] ?? '') < date) last[m.bodyId] = date;
  }
  const quiet = teamIds.filter((id) => !last[id]);
  const found = await Promise.all(quiet.map((id) => db.meetings.where('[bodyId+startsAt]').between([id, ''], [id, until], true, true).last()));
  quiet.forEach((id, i) => (last[id] = found[i]?.startsAt.slice(0, 10)));
  return last;
}

/** The dimensions in order with their notes text, for the page (missing notes read as empty). */
export const notesByDimension = (notes: ReadonlyArray<{ dimension: P2pDimension; text: string }>): Record<P2pDimension, string> =>
  Object.fromEntries(P2P_DIMENSIONS.map((d) => [d, notes.find((n) => n.dimension === d)?.text ?? ''])) as Record<P2pDimension, string>;
