import type { Person, Team } from '@shared/model';

import type { ChangeIdea, ChartNote, DataPoint, ImprovementProject, Measure, MeasureEvent, MeasurePeriod, PdsaCycle } from '@shared/model/rim';
import { projectProgress, valueCompassCoverage, type ProjectProgress, type TeamProgress, type ValueCompassCoverage } from '@shared/rim/pdsa';

import type { Repositories } from '../../db/repositories';
import { listMeetings } from '../meetings/queries';
import { today as todayDate } from '@shared/clock';
import { membersOf } from '../roster/queries';
const latestOf = (dates: string[]): string | undefined => dates.reduce<string | undefined>((a, b) => (a === undefined || b > a ? b : a), undefined);

export interface ProjectRow {
  project: ImprovementProject;
  progress: ProjectProgress;
}

export interface TeamImprovement {
  team: Team;
  projects: ProjectRow[];
  progress: TeamProgress | undefined;
  coverage: ValueCompassCoverage;
}

/**
 * Every team's projects with cycles completed, the 90-day documentation flag and Value Compass
 * coverage. Teams without projects are listed too (so a team can start one); archived teams are not.
 */
export async function loadImprovementOverview(repos: Repositories, today: string = todayDate(), teamId?: string): Promise<TeamImprovement[]> {
  const { db } = repos;
  const teams = (teamId ? [await db.teams.get(teamId)] : await db.teams.toArray()).filter((t): t is Team => Boolean(t) && !t!.archivedAt);
  const projects = await db.improvementProjects
    .where('teamId')
    .anyOf(teams.map((t) => t.id))
    .toArray();
  const projectIds = projects.map((p) => p.id);
  const [cycles, measures, ideas] = await Promise.all([
    db.pdsaCycles.where('projectId').anyOf(projectIds).toArray(),
    db.measures.where('projectId').anyOf(projectIds).toArray(),
    db.changeIdeas.where('projectId').anyOf(projectIds).toArray(),
  ]);
  const points = await db.dataPoints
    .where('measureId')
    .anyOf(measures.map((m) => m.id))
    .toArray();

  // Entering data or a change idea is documenting the project too.
  const projectOfMeasure = new Map(measures.map((m) => [m.id, m.projectId]));
  const touched: Record<string, string[]> = {};
  const touch = (projectId: string | undefined, at: string) => {
    if (projectId) (touched[projectId] ??= []).push(at);
  };
  for (const m of measures) touch(m.projectId, m.updatedAt);
  for (const i of ideas) touch(i.projectId, i.updatedAt);
  for (const p of points) touch(projectOfMeasure.get(p.measureId), p.updatedAt);
  const lastUpdated = Object.fromEntries(Object.entries(touched).map(([id, dates]) => [id, latestOf(dates)]));

  const summary = projectProgress(projects, cycles, lastUpdated, today);
  const progressOf = new Map(summary.projects.map((p) => [p.projectId, p]));
  // Grouped through maps: with 2,000 teams, a search of every project and summary per team was quadratic.
  const byName = new Intl.Collator().compare;
  const projectsOf = new Map<string, ImprovementProject[]>();
  for (const p of projects) {
    if (p.archivedAt !== null) continue;
    const own = projectsOf.get(p.teamId);
    if (own) own.push(p);
    else projectsOf.set(p.teamId, [p]);
  }
  const teamProgress = new Map(summary.teams.map((t) => [t.teamId, t]));
  return teams
    .map((team) => {
      const own = (projectsOf.get(team.id) ?? []).sort((a, b) => byName(a.title, b.title));
      return {
        team,
        projects: own.map((project) => ({ project, progress: progressOf.get(project.id)! })),
        progress: teamProgress.get(team.id),
        coverage: valueCompassCoverage(own),
      };
    })
    .sort((a, b) => byName(a.team.name, b.team.name));
}

export interface MeasureRecord {
  measure: Measure;
  /** In date order. */
  points: DataPoint[];
  /** Re-bases, in start-date order. */
  periods: MeasurePeriod[];
  /** Baseline decisions, oldest first. */
  history: MeasureEvent[];
}

export interface ProjectRecord {
  project: ImprovementProject;
  team: Team | undefined;
  /** Team members: who can sponsor. */
  members: Person[];
  sponsor: Person | undefined;
  measures: MeasureRecord[];
  ideas: ChangeIdea[];
  /** By cycle number. */
  cycles: PdsaCycle[];
  /** The project's chart notes, by date. */
  notes: ChartNote[];
}

export async function loadProject(repos: Repositories, projectId: string): Promise<ProjectRecord | null> {
  const { db } = repos;
  const project = await db.improvementProjects.get(projectId);
  if (!project) return null;
  const [team, members, measures, ideas, cycles, sponsor, notes] = await Promise.all([
    db.teams.get(project.teamId),
    membersOf(repos, project.teamId),
    db.measures.where('[projectId+position]').between([projectId, -Infinity], [projectId, Infinity]).toArray(),
    db.changeIdeas.where('[projectId+position]').between([projectId, -Infinity], [projectId, Infinity]).toArray(),
    db.pdsaCycles.where('projectId').equals(projectId).toArray(),
    project.sponsorId ? db.people.get(project.sponsorId) : Promise.resolve(undefined),
    db.chartNotes.where('projectId').equals(projectId).toArray(),
  ]);
  const records = await Promise.all(
    measures.map(async (measure) => ({
      measure,
      points: await db.dataPoints.where('[measureId+date]').between([measure.id, ''], [measure.id, '\uffff']).toArray(),
      periods: (await db.measurePeriods.where('measureId').equals(measure.id).toArray()).sort((a, b) => a.startsOn.localeCompare(b.startsOn)),
      history: (await db.measureHistory.where('measureId').equals(measure.id).toArray()).sort(
        (a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
      ),
    })),
  );
  return {
    project,
    team,
    members,
    sponsor,
    measures: records,
    ideas,
    cycles: cycles.sort((a, b) => a.number - b.number),
    notes: notes.sort((a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt)),
  };
}

/** A project with the team's meetings, newest first: where a cycle can be reviewed (and so minuted). */
export async function projectPage(repos: Repositories, projectId: string) {
  const record = await loadProject(repos, projectId);
  const meetings = record ? (await listMeetings(repos, { bodyId: record.project.teamId, limit: 100 })).map((m) => m.meeting) : [];
  return { record, meetings };
}

/** The stored cycle (after pending typing is flushed): stage rules and worksheets judge this, not the screen's copy. */
export const storedCycle = (repos: Repositories, cycleId: string): Promise<PdsaCycle> => repos.pdsaCycles.require(cycleId);

/** Active teams as picker options. */
export async function teamOptions(repos: Repositories) {
  return (await repos.db.teams.orderBy('name').toArray()).filter((t) => !t.archivedAt).map((t) => ({ value: t.id, label: t.name }));
}
