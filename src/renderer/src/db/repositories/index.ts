import {
  AgendaItem,
  AgendaItemFields,
  Attendance,
  AttendanceFields,
  Council,
  CouncilFields,
  Meeting,
  MeetingFields,
  Membership,
  MembershipFields,
  Person,
  PersonFields,
  Team,
  TeamFields,
} from '@shared/model';
import * as ibps from '@shared/model/ibps';
import * as minutes from '@shared/model/minutes';
import * as rim from '@shared/model/rim';
import * as p2p from '@shared/model/p2p';
import { getDb, type CommonGroundDb } from '../database';
import { createRepository } from './repository';

export function createRepositories(db: CommonGroundDb) {
  return {
    db,
    councils: createRepository('Council', db.councils, CouncilFields, Council),
    teams: createRepository('Team', db.teams, TeamFields, Team),
    people: createRepository('Person', db.people, PersonFields, Person),
    memberships: createRepository('Membership', db.memberships, MembershipFields, Membership),
    meetings: createRepository('Meeting', db.meetings, MeetingFields, Meeting),
    agendaItems: createRepository('Agenda item', db.agendaItems, AgendaItemFields, AgendaItem),
    attendance: createRepository('Attendance', db.attendance, AttendanceFields, Attendance),
    ibpsSessions: createRepository('IBPS session', db.ibpsSessions, ibps.IbpsSessionFields, ibps.IbpsSession),
    ibpsSessionMeetings: createRepository('Session meeting', db.ibpsSessionMeetings, ibps.IbpsSessionMeetingFields, ibps.IbpsSessionMeeting),
    issueRevisions: createRepository('Issue statement', db.issueRevisions, ibps.IssueStatementRevisionFields, ibps.IssueStatementRevision),
    interests: createRepository('Interest', db.interests, ibps.InterestFields, ibps.Interest),
    options: createRepository('Option', db.options, ibps.OptionFields, ibps.Option),
    criteria: createRepository('Criterion', db.criteria, ibps.CriterionFields, ibps.Criterion),
    evaluations: createRepository('Evaluation', db.evaluations, ibps.EvaluationFields, ibps.Evaluation),
    coverage: createRepository('Coverage', db.coverage, ibps.InterestCoverageFields, ibps.InterestCoverage),
    consensusTests: createRepository('Consensus test', db.consensusTests, ibps.ConsensusTestFields, ibps.ConsensusTest),
    votes: createRepository('Vote', db.votes, ibps.VoteFields, ibps.Vote),
    tallies: createRepository('Tally', db.tallies, ibps.TallyVoteFields, ibps.TallyVote),
    concerns: createRepository('Concern', db.concerns, ibps.ConcernFields, ibps.Concern),
    decisions: createRepository('Decision', db.decisions, ibps.DecisionFields, ibps.Decision),
    actionItems: createRepository('Action item', db.actionItems, ibps.ActionItemFields, ibps.ActionItem),
    parkingLot: createRepository('Parking-lot item', db.parkingLot, ibps.ParkingLotItemFields, ibps.ParkingLotItem),
    plusDeltas: createRepository('Plus/delta', db.plusDeltas, ibps.PlusDeltaFields, ibps.PlusDelta),
    minutes: createRepository('Minutes', db.minutes, minutes.MinutesFields, minutes.Minutes),
    minutesSummaries: createRepository('Minutes summary', db.minutesSummaries, minutes.MinutesSummaryFields, minutes.MinutesSummary),
    minutesApprovals: createRepository('Approval', db.minutesApprovals, minutes.MinutesApprovalFields, minutes.MinutesApproval),
    minutesVersions: createRepository('Minutes version', db.minutesVersions, minutes.MinutesVersionFields, minutes.MinutesVersion),
    improvementProjects: createRepository('Improvement project', db.improvementProjects, rim.ImprovementProjectFields, rim.ImprovementProject),
    measures: createRepository('Measure', db.measures, rim.MeasureFields, rim.Measure),
    measurePeriods: createRepository('Measure period', db.measurePeriods, rim.MeasurePeriodFields, rim.MeasurePeriod),
    dataPoints: createRepository('Data point', db.dataPoints, rim.DataPointFields, rim.DataPoint),
    changeIdeas: createRepository('Change idea', db.changeIdeas, rim.ChangeIdeaFields, rim.ChangeIdea),
    pdsaCycles: createRepository('PDSA cycle', db.pdsaCycles, rim.PdsaCycleFields, rim.PdsaCycle),
    chartNotes: createRepository('Chart note', db.chartNotes, rim.ChartNoteFields, rim.ChartNote),
    measureHistory: createRepository('Measure history entry', db.measureHistory, rim.MeasureEventFields, rim.MeasureEvent),
    p2pAssessments: createRepository('Assessment', db.p2pAssessments, p2p.P2pAssessmentFields, p2p.P2pAssessment),
    p2pChecks: createRepository('Criterion check', db.p2pChecks, p2p.P2pCheckFields, p2p.P2pCheck),
    p2pDimensionNotes: createRepository('Dimension notes', db.p2pDimensionNotes, p2p.P2pDimensionNoteFields, p2p.P2pDimensionNote),
    p2pEvidence: createRepository('Evidence', db.p2pEvidence, p2p.P2pEvidenceFields, p2p.P2pEvidence),
    p2pConfirmations: createRepository('Confirmation', db.p2pConfirmations, p2p.P2pConfirmationFields, p2p.P2pConfirmation),
    p2pRatings: createRepository('Confirmed rating', db.p2pRatings, p2p.P2pRatingFields, p2p.P2pRating),
    programFigures: createRepository('Program figure', db.programFigures, p2p.ProgramFigureFields, p2p.ProgramFigure),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

let instance: Repositories | null = null;
export function getRepositories(): Repositories {
  instance ??= createRepositories(getDb());
  return instance;
}
