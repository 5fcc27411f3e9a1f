/**
 * Which app tables sync, and how each finds its council. Adding a table to sync is one line here
 * (beside its Dexie schema): capture, merge and transport never name a table.
 * Every table of the app is declared; `tests/unit/renderer/db/capture/syncedTables.test.ts` fails when a
 * new Dexie table is neither declared nor listed as local-only.
 */
import type Dexie from 'dexie';
import type { ZodType } from 'zod';
import { nowIso } from '@shared/clock';
import { AgendaItem, Attendance, Council, CouncilFields, Meeting, Membership, Person, Team } from '@shared/model';
import * as ibps from '@shared/model/ibps';
import * as minutes from '@shared/model/minutes';
import * as rim from '@shared/model/rim';
import * as p2p from '@shared/model/p2p';
import { SyncRegistry, type ParentTableOf } from '@shared/sync/registry';

/** A meeting, session or membership belongs to a council or a team, named by bodyKind + bodyId. */
const body: ParentTableOf = (row) => (row.bodyKind === 'team' ? 'teams' : row.bodyKind === 'council' ? 'councils' : null);
const parent = (table: string, foreignKey: string) => ({ kind: 'parent' as const, table, foreignKey });

export const appSyncRegistry = new SyncRegistry()
  .register({ name: 'councils', council: { kind: 'self' } })
  .register({ name: 'teams', council: { kind: 'field', field: 'councilId' } })
  // People have no council of their own: a person syncs with the council of their first membership.
  .register({ name: 'people', council: { kind: 'referencedBy', table: 'memberships', foreignKey: 'personId' } })
  .register({ name: 'memberships', council: { kind: 'parent', table: body, foreignKey: 'bodyId' } })
  .register({ name: 'meetings', council: { kind: 'parent', table: body, foreignKey: 'bodyId' } })
  .register({ name: 'agendaItems', council: parent('meetings', 'meetingId') })
  .register({ name: 'attendance', council: parent('meetings', 'meetingId') })
  .register({ name: 'ibpsSessions', council: parent('meetings', 'meetingId') })
  .register({ name: 'ibpsSessionMeetings', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'issueRevisions', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'interests', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'options', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'criteria', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'evaluations', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'coverage', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'consensusTests', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'votes', council: parent('consensusTests', 'testId') })
  .register({ name: 'tallies', council: parent('consensusTests', 'testId') })
  .register({ name: 'concerns', council: parent('consensusTests', 'testId') })
  .register({ name: 'decisions', council: parent('ibpsSessions', 'sessionId') })
  .register({ name: 'actionItems', council: parent('meetings', 'meetingId') })
  .register({ name: 'parkingLot', council: parent('meetings', 'meetingId') })
  .register({ name: 'plusDeltas', council: parent('meetings', 'meetingId') })
  .register({ name: 'minutes', council: parent('meetings', 'meetingId') })
  .register({ name: 'minutesSummaries', council: parent('meetings', 'meetingId') })
  .register({ name: 'minutesApprovals', council: parent('meetings', 'meetingId') })
  // The approved record: written once by the approving laptop, never changed by sync.
  .register({ name: 'minutesVersions', council: parent('meetings', 'meetingId'), immutable: true })
  .register({ name: 'improvementProjects', council: parent('teams', 'teamId') })
  .register({ name: 'measures', council: parent('improvementProjects', 'projectId') })
  .register({ name: 'measurePeriods', council: parent('measures', 'measureId') })
  .register({ name: 'dataPoints', council: parent('measures', 'measureId') })
  .register({ name: 'changeIdeas', council: parent('improvementProjects', 'projectId') })
  .register({ name: 'pdsaCycles', council: parent('improvementProjects', 'projectId') })
  .register({ name: 'p2pAssessments', council: parent('teams', 'teamId') })
  .register({ name: 'p2pChecks', council: parent('p2pAssessments', 'assessmentId') })
  .register({ name: 'p2pDimensionNotes', council: parent('p2pAssessments', 'assessmentId') })
  .register({ name: 'p2pEvidence', council: parent('p2pAssessments', 'assessmentId') })
  .register({ name: 'p2pConfirmations', council: parent('p2pAssessments', 'assessmentId') })
  // The confirmed result: written once by the laptop where the last co-lead confirmed, never changed by sync.
  .register({ name: 'p2pRatings', council: parent('p2pAssessments', 'assessmentId'), immutable: true })
  .register({ name: 'programFigures', council: { kind: 'field', field: 'councilId' } });

appSyncRegistry.validate();

/**
 * The record schema of each synced table: a merged row is written into the app's table only once
 * it is complete (a row's fields may arrive over several pulled pages), with defaults for fields
 * an older laptop never sent. Rows from a newer app that this version cannot read are still
 * written as they are, rather than hidden.
 */
export const syncRecordSchemas: Readonly<Record<string, ZodType>> = {
  councils: Council,
  teams: Team,
  people: Person,
  memberships: Membership,
  meetings: Meeting,
  agendaItems: AgendaItem,
  attendance: Attendance,
  ibpsSessions: ibps.IbpsSession,
  ibpsSessionMeetings: ibps.IbpsSessionMeeting,
  issueRevisions: ibps.IssueStatementRevision,
  interests: ibps.Interest,
  options: ibps.Option,
  criteria: ibps.Criterion,
  evaluations: ibps.Evaluation,
  coverage: ibps.InterestCoverage,
  consensusTests: ibps.ConsensusTest,
  votes: ibps.Vote,
  tallies: ibps.TallyVote,
  concerns: ibps.Concern,
  decisions: ibps.Decision,
  actionItems: ibps.ActionItem,
  parkingLot: ibps.ParkingLotItem,
  plusDeltas: ibps.PlusDelta,
  minutes: minutes.Minutes,
  minutesSummaries: minutes.MinutesSummary,
  minutesApprovals: minutes.MinutesApproval,
  minutesVersions: minutes.MinutesVersion,
  improvementProjects: rim.ImprovementProject,
  measures: rim.Measure,
  measurePeriods: rim.MeasurePeriod,
  dataPoints: rim.DataPoint,
  changeIdeas: rim.ChangeIdea,
  pdsaCycles: rim.PdsaCycle,
  p2pAssessments: p2p.P2pAssessment,
  p2pChecks: p2p.P2pCheck,
  p2pDimensionNotes: p2p.P2pDimensionNote,
  p2pEvidence: p2p.P2pEvidence,
  p2pConfirmations: p2p.P2pConfirmation,
  p2pRatings: p2p.P2pRating,
  programFigures: p2p.ProgramFigure,
};

/**
 * A council the server's admin created for this account, which no laptop has written yet: the
 * first laptop to sync creates its row (with the server's id and name), which then syncs.
 */
export async function ensureServerCouncils(db: Dexie, councils: ReadonlyArray<{ id: string; name: string }>): Promise<void> {
  for (const c of councils) {
    const known = (await db.table('councils').get(c.id)) ?? (await db.table('syncRows').get(`councils/${c.id}`));
    if (known) continue;
    const at = nowIso();
    await db
      .table('councils')
      .add(Council.parse({ ...CouncilFields.parse({ name: c.name.slice(0, 120) || 'Council', level: 'local' }), id: c.id, createdAt: at, updatedAt: at }));
  }
}
