/**
 * Path to Performance in the bench page: a council of many teams with several quarters of
 * confirmed assessments in the app's real database, and the dashboard query timed alone.
 */
import Dexie from 'dexie';
import { nowIso, today } from '@shared/clock';
import { CRITERIA, CRITERIA_EDITION } from '@shared/p2p/criteria';
import { freezeResult } from '@shared/p2p/confirmation';
import { addQuarters, quarterBounds, quarterOf } from '@shared/p2p/quarters';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories } from '@renderer/db/repositories';
import { newId } from '@renderer/db/repositories/repository';
import { DB_NAME } from '@renderer/db/schema';
import { dashboardPage } from '@renderer/features/p2p/queries';
import { rng } from './generate';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const DEPTS = ['Pharmacy', 'ICU', 'Radiology', 'Lab', 'Primary care', 'Pediatrics', 'Oncology', 'Emergency', 'Surgery', 'Imaging'];
const POINTS = ['best-quality', 'best-service', 'most-affordable', 'best-place-to-work'] as const;

/** The met criteria of a team at `level` (all of levels 1..level, and a few above). */
function metFor(level: number, random: () => number): string[] {
  return CRITERIA.filter((c) => c.level <= level || (c.level === level + 1 && random() < 0.5)).map((c) => c.id);
}

export const p2pApi = {
  /**
   * One council of `teams` teams, each assessed in each of the last `quarters` quarters (a level
   * that drifts up or down by one now and then), with a project, its measure and cycles, meetings,
   * and open action items, in the app's real database. Returns what was written.
   */
  async seedP2pCouncil(teams: number, quarters: number) {
    await Dexie.delete(DB_NAME);
    const repos = createRepositories(new CommonGroundDb());
    const random = rng(21);
    const t0 = performance.now();
    const council = await repos.councils.create({ name: 'Colorado Regional Council', level: 'regional', region: 'Colorado' });
    const teamIds = Array.from({ length: teams }, () => newId());
    await repos.teams.createMany(
      teamIds.map((_, i) => ({ councilId: council.id, name: `${DEPTS[i % DEPTS.length]} UBT ${i + 1}`, department: DEPTS[i % DEPTS.length]! })),
      { ids: teamIds },
    );
    const last = quarterOf(today());
    const assessments: Array<{ id: string; input: Parameters<typeof repos.p2pAssessments.createMany>[0][number] }> = [];
    const ratings: Array<Parameters<typeof repos.p2pRatings.createMany>[0][number]> = [];
    const meetings: Array<Parameters<typeof repos.meetings.createMany>[0][number]> = [];
    for (const teamId of teamIds) {
      let level = 1 + Math.floor(random() * 4);
      for (let k = quarters - 1; k >= 0; k--) {
        const quarter = addQuarters(last, -k);
        if (random() < 0.25) level = Math.max(1, Math.min(5, level + (random() < 0.6 ? 1 : -1)));
        const id = newId();
        assessments.push({ id, input: { teamId, quarter, status: 'confirmed' } });
        const frozen = freezeResult({ met: metFor(level, random), notes: [], evidence: [] });
        const at = nowIso();
        const sign = (side: 'management' | 'union', name: string) => ({
          side,
          name,
          role: `${side === 'union' ? 'Union' : 'Management'} co-lead`,
          confirmedAt: at,
          method: 'in-room' as const,
          recordedByName: 'Bench facilitator',
          evidenceNote: '',
        });
        ratings.push({
          assessmentId: id,
          teamId,
          quarter,
          version: 1,
          ...frozen,
          criteriaEdition: CRITERIA_EDITION,
          confirmations: [sign('management', 'Ben Okafor'), sign('union', 'Ana Torres')],
          confirmedAt: at,
        });
        const { start } = quarterBounds(quarter);
        meetings.push({
          bodyKind: 'team',
          bodyId: teamId,
          title: `${quarter} team meeting`,
          startsAt: `${start.slice(0, 8)}1${1 + Math.floor(random() * 8)}T09:00`,
        });
      }
    }
    await repos.p2pAssessments.createMany(
      assessments.map((a) => a.input),
      { ids: assessments.map((a) => a.id) },
    );
    await repos.p2pRatings.createMany(ratings, { ids: ratings.map((r) => r.assessmentId) });
    await repos.meetings.createMany(meetings);
    const projectIds = teamIds.map(() => newId());
    await repos.improvementProjects.createMany(
      teamIds.map((teamId, i) => ({ teamId, title: `Project of team ${i + 1}`, status: 'active' as const, valueCompass: [POINTS[i % 4]!] })),
      { ids: projectIds },
    );
    const measureIds = projectIds.map(() => newId());
    await repos.measures.createMany(
      projectIds.map((projectId) => ({ projectId, name: 'Outcome', kind: 'outcome' as const, direction: 'down' as const, position: 1 })),
      { ids: measureIds },
    );
    await repos.dataPoints.createMany(
      measureIds.flatMap((measureId) =>
        Array.from({ length: 12 }, (_, w) => ({ measureId, date: `2026-0${1 + Math.floor(w / 4)}-${String(1 + (w % 4) * 7).padStart(2, '0')}`, value: 5 + w })),
      ),
    );
    await repos.pdsaCycles.createMany(projectIds.flatMap((projectId) => [1, 2, 3].map((number) => ({ projectId, number, title: `Test ${number}` }))));
    const meetingOf = new Map((await repos.db.meetings.toArray()).map((m) => [m.bodyId, m.id]));
    await repos.actionItems.createMany(
      teamIds.map((teamId, i) => ({
        bodyKind: 'team' as const,
        bodyId: teamId,
        meetingId: meetingOf.get(teamId)!,
        what: `Follow up ${i + 1}`,
        dueDate: i % 3 === 0 ? '2026-01-15' : '2099-01-01',
      })),
    );
    const seedMs = performance.now() - t0;
    repos.db.close();
    return { councilId: council.id, teams, quarters, ratings: ratings.length, seedMs };
  },

  /** The dashboard's read alone (what the page's live query runs), median of `runs` after a warm-up. */
  async dashboardQuery(councilId: string, runs: number) {
    const repos = createRepositories(new CommonGroundDb());
    await dashboardPage(repos, { councilId, region: null, quarter: null });
    const times: number[] = [];
    let view: Awaited<ReturnType<typeof dashboardPage>> | null = null;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      view = await dashboardPage(repos, { councilId, region: null, quarter: null });
      times.push(performance.now() - t0);
    }
    repos.db.close();
    console.log(JSON.stringify((globalThis as Record<string, unknown>).__p2p));
    return { queryMs: median(times), teams: view!.data.teams, rated: view!.data.counts.rated, share: view!.data.counts.share.percent };
  },
};
