import Dexie, { type Table, type Transaction } from 'dexie';
import type { AgendaItem, Attendance, Council, Meeting, Membership, Person, Team } from '@shared/model';
import type {
  ActionItem,
  Concern,
  ConsensusTest,
  Criterion,
  Decision,
  Evaluation,
  IbpsSession,
  IbpsSessionMeeting,
  Interest,
  InterestCoverage,
  IssueStatementRevision,
  Option,
  ParkingLotItem,
  PlusDelta,
  TallyVote,
  Vote,
} from '@shared/model/ibps';
import type { Minutes, MinutesApproval, MinutesSummary, MinutesVersion } from '@shared/model/minutes';
import type { ChangeIdea, ChartNote, DataPoint, ImprovementProject, Measure, MeasureEvent, MeasurePeriod, PdsaCycle } from '@shared/model/rim';
import { migrateDataPoint, migrateMeasure, type StoredDataPoint, type StoredMeasure } from '@shared/rim/measureMigration';
import type { P2pAssessment, P2pCheck, P2pConfirmation, P2pDimensionNote, P2pEvidence, P2pRating, ProgramFigure } from '@shared/model/p2p';
import { DB_NAME, DEFAULT_MEETING_DURATION, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8 } from './schema';
import { syncCaptureMiddleware } from './capture/capture';
import type { ConflictEntry, MetaEntry, PendingEntry, RowEntry, StoredOutboxEntry } from './capture/syncTables';
import { appSyncRegistry } from './capture/syncedTables';

export class CommonGroundDb extends Dexie {
  councils!: Table<Council, string>;
  teams!: Table<Team, string>;
  people!: Table<Person, string>;
  memberships!: Table<Membership, string>;
  meetings!: Table<Meeting, string>;
  agendaItems!: Table<AgendaItem, string>;
  attendance!: Table<Attendance, string>;
  ibpsSessions!: Table<IbpsSession, string>;
  ibpsSessionMeetings!: Table<IbpsSessionMeeting, string>;
  issueRevisions!: Table<IssueStatementRevision, string>;
  interests!: Table<Interest, string>;
  options!: Table<Option, string>;
  criteria!: Table<Criterion, string>;
  evaluations!: Table<Evaluation, string>;
  coverage!: Table<InterestCoverage, string>;
  consensusTests!: Table<ConsensusTest, string>;
  votes!: Table<Vote, string>;
  tallies!: Table<TallyVote, string>;
  concerns!: Table<Concern, string>;
  decisions!: Table<Decision, string>;
  actionItems!: Table<ActionItem, string>;
  parkingLot!: Table<ParkingLotItem, string>;
  plusDeltas!: Table<PlusDelta, string>;
  minutes!: Table<Minutes, string>;
  minutesSummaries!: Table<MinutesSummary, string>;
  minutesApprovals!: Table<MinutesApproval, string>;
  minutesVersions!: Table<MinutesVersion, string>;
  improvementProjects!: Table<ImprovementProject, string>;
  measures!: Table<Measure, string>;
  measurePeriods!: Table<MeasurePeriod, string>;
  dataPoints!: Table<DataPoint, string>;
  changeIdeas!: Table<ChangeIdea, string>;
  pdsaCycles!: Table<PdsaCycle, string>;
  chartNotes!: Table<ChartNote, string>;
  measureHistory!: Table<MeasureEvent, string>;
  p2pAssessments!: Table<P2pAssessment, string>;
  p2pChecks!: Table<P2pCheck, string>;
  p2pDimensionNotes!: Table<P2pDimensionNote, string>;
  p2pEvidence!: Table<P2pEvidence, string>;
  p2pConfirmations!: Table<P2pConfirmation, string>;
  p2pRatings!: Table<P2pRating, string>;
  programFigures!: Table<ProgramFigure, string>;
  syncOutbox!: Table<StoredOutboxEntry, number>;
  syncRows!: Table<RowEntry, string>;
  syncConflicts!: Table<ConflictEntry, string>;
  syncMeta!: Table<MetaEntry, string>;
  syncPending!: Table<PendingEntry, string>;

  constructor(name: string = DB_NAME) {
    // 'strict' makes Chromium flush to disk before a write transaction reports complete, so a
    // facilitator's typing survives the laptop dying right after "saved" appears.
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5);
    // Rows from before sync are captured by the engine's first round (see engine.captureUnseen).
    this.version(6)
      .stores(SCHEMA_V6)
      .upgrade((tx) => tx.table('syncMeta').put({ key: 'scan', done: false }));
    this.version(7).stores(SCHEMA_V7).upgrade(upgradeToV7);
    // New tables only: nothing to carry over (a level typed by hand stays on the team row).
    this.version(8).stores(SCHEMA_V8);
    this.on('populate', (tx) => {
      void tx.table('syncMeta').put({ key: 'scan', done: true });
    });
    // Every write to a synced table also writes its outbox entry, in the same transaction.
    this.use(syncCaptureMiddleware(appSyncRegistry));
  }
}

async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('meetings')
    .toCollection()
    .modify((m: Partial<Meeting>) => {
      if (typeof m.durationMinutes !== 'number') m.durationMinutes = DEFAULT_MEETING_DURATION;
    });
}

/**
 * Measures and points from before numerator/denominator measures get the new fields' defaults
 * (measurements, empty counts). Written past sync capture on purpose: every laptop derives the
 * same fields from the same row, so there is no change for another laptop to learn about.
 */
async function upgradeToV7(tx: Transaction): Promise<void> {
  await tx
    .table('measures')
    .toCollection()
    .modify((m: StoredMeasure, ref: { value: Measure }) => {
      ref.value = migrateMeasure(m);
    });
  await tx
    .table('dataPoints')
    .toCollection()
    .modify((p: StoredDataPoint, ref: { value: DataPoint }) => {
      ref.value = migrateDataPoint(p);
    });
}

let instance: CommonGroundDb | null = null;

/** The app's one database (tests make their own with a unique name). */
export function getDb(): CommonGroundDb {
  instance ??= new CommonGroundDb();
  return instance;
}
