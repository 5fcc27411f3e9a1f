/**
 * The app's sync table declarations live in src/shared/sync/appRegistry.ts, where the sync server
 * reads them too; this module adds what only the client needs (record schemas, server councils).
 */
import type Dexie from 'dexie';
import type { ZodType } from 'zod';
import { nowIso } from '@shared/clock';
import { AgendaItem, Attendance, Council, CouncilFields, Meeting, MeetingTemplate, Membership, Person, Team, TemplateItem } from '@shared/model';
import * as ibps from '@shared/model/ibps';
import * as minutes from '@shared/model/minutes';
import * as p2p from '@shared/model/p2p';
import * as rim from '@shared/model/rim';
import { appSyncRegistry } from '@shared/sync/appRegistry';

export { appSyncRegistry };

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
  chartNotes: rim.ChartNote,
  measureHistory: rim.MeasureEvent,
  p2pAssessments: p2p.P2pAssessment,
  p2pChecks: p2p.P2pCheck,
  p2pDimensionNotes: p2p.P2pDimensionNote,
  p2pEvidence: p2p.P2pEvidence,
  p2pConfirmations: p2p.P2pConfirmation,
  p2pRatings: p2p.P2pRating,
  programFigures: p2p.ProgramFigure,
  meetingTemplates: MeetingTemplate,
  templateItems: TemplateItem,
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

/**
 * Councils kept on this laptop whatever the server says (the sync engine's `keepLocal`): the
 * first-run sample council, whose invented people and meetings must never reach a council server.
 */
export async function localOnlyCouncils(db: Dexie): Promise<ReadonlySet<string>> {
  const ids = await db
    .table<Council, string>('councils')
    .filter((c) => c.sample === true)
    .primaryKeys();
  return new Set(ids);
}
