/**
 * Every schema version the app has ever shipped. Never edit a released version: add a new one
 * with an upgrade function, so a laptop that skipped releases still opens its data.
 * Lists (memberships, agenda items, attendance) are tables of their own so that concurrent
 * additions from two laptops merge without conflict when sync arrives.
 */
import { SYNC_SCHEMA } from './capture/syncTables';

export const DB_NAME = 'common-ground';

export const SCHEMA_V1 = {
  councils: 'id, name',
  teams: 'id, councilId, name',
  people: 'id, name, email, side',
  memberships: 'id, personId, bodyId',
  meetings: 'id, bodyId, startsAt',
  agendaItems: 'id, meetingId',
  attendance: 'id, meetingId, personId',
} as const;

/**
 * v2: meetings gained durationMinutes (v1 rows are backfilled with the default) and a
 * [bodyId+startsAt] index so a body's meetings list is one index range, not a scan + sort;
 * agenda items are read in order through [meetingId+position].
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  meetings: 'id, bodyId, startsAt, [bodyId+startsAt]',
  agendaItems: 'id, meetingId, [meetingId+position]',
  memberships: 'id, personId, bodyId, [bodyId+personId]',
  attendance: 'id, meetingId, personId, [meetingId+personId]',
} as const;

/**
 * v3: interest-based problem solving. Every list the room adds to live (interests, options,
 * ratings, votes, concerns, action items, parking lot) is a table, ordered by a fractional
 * position where the order matters.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  ibpsSessions: 'id, meetingId, bodyId',
  ibpsSessionMeetings: 'id, sessionId, meetingId',
  issueRevisions: 'id, sessionId',
  interests: 'id, sessionId, [sessionId+position]',
  options: 'id, sessionId, [sessionId+position]',
  criteria: 'id, sessionId, [sessionId+position]',
  evaluations: 'id, sessionId, [optionId+criterionId]',
  coverage: 'id, sessionId, [optionId+interestId]',
  consensusTests: 'id, sessionId, meetingId',
  votes: 'id, testId',
  tallies: 'id, testId',
  concerns: 'id, testId',
  decisions: 'id, sessionId',
  actionItems: 'id, bodyId, meetingId, sessionId, status, ownerId',
  parkingLot: 'id, bodyId, meetingId, sessionId, status',
  plusDeltas: 'id, meetingId, sessionId',
} as const;

/**
 * v4: minutes. The minutes row uses its meeting's id as its own id (one per meeting, even when
 * two laptops open the minutes offline); approved versions are frozen snapshots.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  minutes: 'id, meetingId',
  minutesSummaries: 'id, meetingId, [meetingId+agendaItemId]',
  minutesApprovals: 'id, meetingId',
  minutesVersions: 'id, meetingId, [meetingId+number]',
} as const;

/**
 * v5: Rapid Improvement Model. Projects, measures, re-base periods, data points, change ideas and
 * PDSA cycles are rows of their own; a measure's points are read in date order through
 * [measureId+date], which is also how a point is found for upsert (one point per measure and date).
 */
export const SCHEMA_V5 = {
  ...SCHEMA_V4,
  improvementProjects: 'id, teamId',
  measures: 'id, projectId, [projectId+position]',
  measurePeriods: 'id, measureId',
  dataPoints: 'id, measureId, [measureId+date]',
  changeIdeas: 'id, projectId, [projectId+position]',
  pdsaCycles: 'id, projectId, changeIdeaId',
} as const;

/**
 * v6: sync. The outbox, per-row merge state, derived conflicts, clock/cursors and rows waiting
 * for a council live beside the records so a write and its outbox entry commit together.
 */
export const SCHEMA_V6 = {
  ...SCHEMA_V5,
  ...SYNC_SCHEMA,
} as const;

/**
 * v7: control charts and charts worth sharing. Measures gain a value type (measurement, count,
 * proportion, rate, cases between events), rate units, numerator/denominator labels and a chosen
 * chart; data points gain a numerator and a denominator (rows from v6 are brought up to that shape
 * by rim/measureMigration.ts). Chart notes (free text at a date) and the measure's history of
 * baseline decisions are rows of their own.
 */
export const SCHEMA_V7 = {
  ...SCHEMA_V6,
  chartNotes: 'id, projectId, measureId',
  measureHistory: 'id, measureId',
} as const;

/**
 * v8: Path to Performance. An assessment's checks, notes and evidence are rows of their own (a
 * check's and a note's id is derived from its assessment and criterion/dimension, so two laptops
 * ticking the same box write one row); confirmations by co-lead; ratings are the frozen, confirmed
 * results the dashboards read by team and quarter; program figures are imported aggregates kept
 * with a council.
 */
export const SCHEMA_V8 = {
  ...SCHEMA_V7,
  p2pAssessments: 'id, teamId, [teamId+quarter]',
  p2pChecks: 'id, assessmentId',
  p2pDimensionNotes: 'id, assessmentId',
  p2pEvidence: 'id, assessmentId',
  p2pConfirmations: 'id, assessmentId',
  // [quarter+teamId+version+level]: a dashboard reads a quarter range of ratings from this index's
  // keys alone (no record values), which is what keeps a 400-team council's dashboard fast.
  p2pRatings: 'id, teamId, quarter, [teamId+quarter], [quarter+teamId+version+level]',
  programFigures: 'id, councilId',
} as const;

export const CURRENT_SCHEMA_VERSION = 8;
export const DEFAULT_MEETING_DURATION = 90;
