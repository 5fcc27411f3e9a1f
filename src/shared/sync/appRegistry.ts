/**
 * Which app tables sync, and how each finds its council: ONE declaration read by the app's client
 * (change capture, apply) and by the sync server (which enforces ownership, write-once tables and
 * server stamps from it). Adding a table to sync is one line here; capture, merge and transport
 * never name a table. Every Dexie table of the app is declared:
 * `tests/unit/renderer/db/capture/syncedTables.test.ts` fails when a new one is not.
 */
import { SyncRegistry, type ParentTableOf } from './registry';

/** A meeting, session or membership belongs to a council or a team, named by bodyKind + bodyId. */
const body: ParentTableOf = (row) => (row.bodyKind === 'team' ? 'teams' : row.bodyKind === 'council' ? 'councils' : null);
const bodyParent = { kind: 'parent' as const, table: body, foreignKey: 'bodyId', candidates: ['teams', 'councils'] };
const parent = (table: string, foreignKey: string) => ({ kind: 'parent' as const, table, foreignKey });

/** The field of an approval the server writes with the account whose laptop pushed it. */
export const APPROVAL_STAMP_FIELD = 'recordedByAccount';

export const appSyncRegistry = new SyncRegistry()
  // `sample` marks the invented council of the first-run sample: this laptop's own, never sent.
  .register({ name: 'councils', council: { kind: 'self' }, localOnlyFields: ['sample', 'samplePeople'] })
  .register({ name: 'teams', council: { kind: 'field', field: 'councilId' } })
  // People have no council of their own: a person syncs with the council of their first membership.
  .register({ name: 'people', council: { kind: 'referencedBy', table: 'memberships', foreignKey: 'personId' } })
  .register({ name: 'memberships', council: bodyParent })
  .register({ name: 'meetings', council: bodyParent })
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
  // Who recorded an approval is the server's word (the pushing account), never the laptop's.
  .register({ name: 'minutesApprovals', council: parent('meetings', 'meetingId'), stampAccount: APPROVAL_STAMP_FIELD })
  // The approved record: written once by the approving laptop, never changed or deleted by anyone.
  .register({ name: 'minutesVersions', council: parent('meetings', 'meetingId'), immutable: true })
  .register({ name: 'improvementProjects', council: parent('teams', 'teamId') })
  .register({ name: 'measures', council: parent('improvementProjects', 'projectId') })
  .register({ name: 'measurePeriods', council: parent('measures', 'measureId') })
  .register({ name: 'dataPoints', council: parent('measures', 'measureId') })
  .register({ name: 'changeIdeas', council: parent('improvementProjects', 'projectId') })
  .register({ name: 'pdsaCycles', council: parent('improvementProjects', 'projectId') })
  .register({ name: 'chartNotes', council: parent('improvementProjects', 'projectId') })
  // A measure's history of baseline decisions: each entry written once, never changed by sync.
  .register({ name: 'measureHistory', council: parent('measures', 'measureId'), immutable: true })
  .register({ name: 'p2pAssessments', council: parent('teams', 'teamId') })
  .register({ name: 'p2pChecks', council: parent('p2pAssessments', 'assessmentId') })
  .register({ name: 'p2pDimensionNotes', council: parent('p2pAssessments', 'assessmentId') })
  .register({ name: 'p2pEvidence', council: parent('p2pAssessments', 'assessmentId') })
  // Who recorded a co-lead's confirmation is the server's word, as for approvals of minutes.
  .register({ name: 'p2pConfirmations', council: parent('p2pAssessments', 'assessmentId'), stampAccount: APPROVAL_STAMP_FIELD })
  // The confirmed result: written once by the laptop where the last co-lead confirmed, never changed by sync.
  .register({ name: 'p2pRatings', council: parent('p2pAssessments', 'assessmentId'), immutable: true })
  .register({ name: 'programFigures', council: { kind: 'field', field: 'councilId' } })
  .register({ name: 'meetingTemplates', council: bodyParent })
  .register({ name: 'templateItems', council: parent('meetingTemplates', 'templateId') });

appSyncRegistry.validate();
