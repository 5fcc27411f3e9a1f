import { z } from 'zod';
import { CalendarDate, Id, RecordMeta, Side, Timestamp, line, longText, requiredLine } from './common';
import { BodyKind, ConsensusMethod } from './roster';

// Interest-based problem solving (IBPS). Every list that several laptops may add to during a live
// session (interests, options, ratings, votes, concerns...) is a row of its own, so offline edits
// merge row by row instead of overwriting one another's arrays.

/** Fractional position: inserting between two rows never renumbers the others (merge-friendly). */
const Position = z.number().finite();

export const IbpsStep = z.enum(['issue', 'interests', 'options', 'criteria', 'evaluate', 'consensus', 'action-plan']);
export type IbpsStep = z.infer<typeof IbpsStep>;
export const IBPS_STEPS: readonly IbpsStep[] = IbpsStep.options;

/** Teams go back to earlier steps, so a step marked done can be reopened; nothing enforces order. */
export const IbpsStepStatus = z.enum(['not-started', 'in-progress', 'done']);
export type IbpsStepStatus = z.infer<typeof IbpsStepStatus>;

const stepStatus = IbpsStepStatus.default('not-started');
export const IbpsStepStatuses = z.object({
  issue: stepStatus,
  interests: stepStatus,
  options: stepStatus,
  criteria: stepStatus,
  evaluate: stepStatus,
  consensus: stepStatus,
  'action-plan': stepStatus,
});
export type IbpsStepStatuses = z.infer<typeof IbpsStepStatuses>;

const timebox = z.number().int().min(0).max(600).nullable().default(null);
/** Minutes per step; null means the step has no timebox and the timekeeper does not signal. */
export const IbpsTimeboxes = z.object({
  issue: timebox,
  interests: timebox,
  options: timebox,
  criteria: timebox,
  evaluate: timebox,
  consensus: timebox,
  'action-plan': timebox,
});
export type IbpsTimeboxes = z.infer<typeof IbpsTimeboxes>;

export const IbpsSessionFields = z.object({
  bodyKind: BodyKind,
  bodyId: Id,
  /** The meeting and agenda item where the session started; later meetings link via IbpsSessionMeeting. */
  meetingId: Id,
  agendaItemId: Id.nullable().default(null),
  /** A working name for lists, before the issue statement is settled. */
  title: line(200).default(''),
  currentStep: IbpsStep.default('issue'),
  stepStatus: IbpsStepStatuses.default(() => IbpsStepStatuses.parse({})),
  /**
   * Copied from the charter when the session starts: the rules agreed for this session stay on the
   * record even if the charter changes later.
   */
  groundRules: z.array(line(300)).max(50).default([]),
  /** Criteria must be agreed before options are judged; evaluating earlier needs a stated reason. */
  criteriaAgreedAt: Timestamp.nullable().default(null),
  criteriaOverrideReason: longText(2000).default(''),
  /** While on, the options screen hides ratings and comments: brainstorm without criticism or praise. */
  brainstormMode: z.boolean().default(false),
  timeboxMinutes: IbpsTimeboxes.default(() => IbpsTimeboxes.parse({})),
});
export const IbpsSession = RecordMeta.extend(IbpsSessionFields.shape);
export type IbpsSession = z.infer<typeof IbpsSession>;
export type IbpsSessionInput = z.input<typeof IbpsSessionFields>;

/** A meeting (and its agenda item) in which a session was worked on: sessions span meetings. */
export const IbpsSessionMeetingFields = z.object({
  sessionId: Id,
  meetingId: Id,
  agendaItemId: Id.nullable().default(null),
});
export const IbpsSessionMeeting = RecordMeta.extend(IbpsSessionMeetingFields.shape);
export type IbpsSessionMeeting = z.infer<typeof IbpsSessionMeeting>;
export type IbpsSessionMeetingInput = z.input<typeof IbpsSessionMeetingFields>;

/** Each rewording is kept so the record shows how the group got to a neutral question; the newest is current. */
export const IssueStatementRevisionFields = z.object({
  sessionId: Id,
  text: requiredLine('Issue statement', 1000),
});
export const IssueStatementRevision = RecordMeta.extend(IssueStatementRevisionFields.shape);
export type IssueStatementRevision = z.infer<typeof IssueStatementRevision>;
export type IssueStatementRevisionInput = z.input<typeof IssueStatementRevisionFields>;

const distinctSides = (sides: readonly Side[]) => new Set(sides).size === sides.length;

export const InterestFields = z.object({
  sessionId: Id,
  text: requiredLine('Interest', 500),
  /**
   * Which sides hold this interest ('union' is the labor side). Empty while it is being captured;
   * an interest held by every side the body has is a shared interest.
   */
  sides: z.array(Side).max(3).refine(distinctSides, 'a side can be listed only once').default([]),
  /** Captured as said; the facilitator turns positions into interests by asking why. */
  isPosition: z.boolean().default(false),
  groupLabel: line(120).default(''),
  position: Position,
  /** The position this interest was drawn out of, kept so the speaker can see they were heard. */
  convertedFromPosition: line(500).default(''),
});
export const Interest = RecordMeta.extend(InterestFields.shape);
export type Interest = z.infer<typeof Interest>;
export type InterestInput = z.input<typeof InterestFields>;

/** Merging duplicates needs the suggester's agreement; this records who agreed and when. */
export const MergeConfirmation = z.object({
  confirmedById: Id.nullable().default(null),
  confirmedByName: line(120).default(''),
  at: Timestamp,
});
export type MergeConfirmation = z.infer<typeof MergeConfirmation>;

const OptionBase = z.object({
  sessionId: Id,
  text: requiredLine('Option', 500),
  /** A roster person, or a name as said in the room (guests, or when speed matters more). */
  suggestedById: Id.nullable().default(null),
  suggestedByName: line(120).default(''),
  mergedIntoId: Id.nullable().default(null),
  mergeConfirmation: MergeConfirmation.nullable().default(null),
  shortlisted: z.boolean().default(false),
  position: Position,
});
const mergeNeedsConfirmation = (o: { mergedIntoId: string | null; mergeConfirmation: unknown }, ctx: z.RefinementCtx) => {
  if (o.mergedIntoId !== null && o.mergeConfirmation === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['mergeConfirmation'],
      message: "an option can be merged only with its suggester's agreement",
    });
  }
};
export const OptionFields = OptionBase.superRefine(mergeNeedsConfirmation);
export const Option = RecordMeta.extend(OptionBase.shape).superRefine((o, ctx) => {
  mergeNeedsConfirmation(o, ctx);
  if (o.mergedIntoId === o.id) ctx.addIssue({ code: 'custom', path: ['mergedIntoId'], message: 'an option cannot be merged into itself' });
});
export type Option = z.infer<typeof Option>;
export type OptionInput = z.input<typeof OptionFields>;

export const CriterionFields = z.object({
  sessionId: Id,
  text: requiredLine('Criterion', 300),
  position: Position,
});
export const Criterion = RecordMeta.extend(CriterionFields.shape);
export type Criterion = z.infer<typeof Criterion>;
export type CriterionInput = z.input<typeof CriterionFields>;

export const EvaluationRating = z.enum(['meets', 'partly', 'does-not']);
export type EvaluationRating = z.infer<typeof EvaluationRating>;

/**
 * One cell of the option-by-criterion matrix. Two laptops can rate the same cell offline, so a cell
 * may have several rows; the most recently updated one is the cell's value.
 */
export const EvaluationFields = z.object({
  sessionId: Id,
  optionId: Id,
  criterionId: Id,
  rating: EvaluationRating,
  note: line(500).default(''),
});
export const Evaluation = RecordMeta.extend(EvaluationFields.shape);
export type Evaluation = z.infer<typeof Evaluation>;
export type EvaluationInput = z.input<typeof EvaluationFields>;

/** One cell of the interest-by-option coverage view; same newest-row-wins rule as Evaluation. */
export const InterestCoverageFields = z.object({
  sessionId: Id,
  optionId: Id,
  interestId: Id,
  covered: z.boolean(),
});
export const InterestCoverage = RecordMeta.extend(InterestCoverageFields.shape);
export type InterestCoverage = z.infer<typeof InterestCoverage>;
export type InterestCoverageInput = z.input<typeof InterestCoverageFields>;

/** 'incomplete' is never stored: a test is closed only with a result the room can act on. */
export const ConsensusTestOutcome = z.enum(['consensus', 'no-consensus', 'no-quorum']);
export type ConsensusTestOutcome = z.infer<typeof ConsensusTestOutcome>;

/**
 * A test is never edited into another proposal: a retest is a new row that points at the test it
 * modifies, so the record keeps every proposal, its result and the concerns that changed it.
 */
export const ConsensusTestFields = z.object({
  sessionId: Id,
  /** The meeting the test was taken in: its attendance is what the consensus quorum is checked against. */
  meetingId: Id,
  number: z.number().int().min(1).max(999),
  proposal: requiredLine('Proposal', 4000),
  method: ConsensusMethod,
  modifiedFromTestId: Id.nullable().default(null),
  /** Null while the test is open. */
  outcome: ConsensusTestOutcome.nullable().default(null),
  decidedAt: Timestamp.nullable().default(null),
});
export const ConsensusTest = RecordMeta.extend(ConsensusTestFields.shape);
export type ConsensusTest = z.infer<typeof ConsensusTest>;
export type ConsensusTestInput = z.input<typeof ConsensusTestFields>;

/**
 * One person's vote. The value's meaning depends on the test's method (see ibps/consensus.ts), so
 * the schema only bounds it to the widest scale. personId is null for an unnamed vote from a side.
 */
export const VoteFields = z.object({
  testId: Id,
  personId: Id.nullable().default(null),
  side: Side,
  value: z.number().int().min(0).max(8),
});
export const Vote = RecordMeta.extend(VoteFields.shape);
export type Vote = z.infer<typeof Vote>;
export type VoteInput = z.input<typeof VoteFields>;

/** A show of hands: how many of one side showed one value. Several rows for one value add up. */
export const TallyVoteFields = z.object({
  testId: Id,
  side: Side,
  value: z.number().int().min(0).max(8),
  count: z.number().int().min(0).max(10_000),
});
export const TallyVote = RecordMeta.extend(TallyVoteFields.shape);
export type TallyVote = z.infer<typeof TallyVote>;
export type TallyVoteInput = z.input<typeof TallyVoteFields>;

/** A concern stated by someone below the support line, by person when known, else by side. */
export const ConcernFields = z.object({
  testId: Id,
  personId: Id.nullable().default(null),
  side: Side.nullable().default(null),
  text: requiredLine('Concern', 2000),
});
export const Concern = RecordMeta.extend(ConcernFields.shape);
export type Concern = z.infer<typeof Concern>;
export type ConcernInput = z.input<typeof ConcernFields>;

export const DecisionOutcome = z.enum(['consensus', 'failed']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/** What the charter says happens when consensus fails. */
export const Escalation = z.enum(['sponsors', 'council', 'dispute-resolution']);
export type Escalation = z.infer<typeof Escalation>;

const DecisionBase = z.object({
  sessionId: Id,
  meetingId: Id.nullable().default(null),
  /** The test that reached (or last failed to reach) consensus. */
  consensusTestId: Id.nullable().default(null),
  text: requiredLine('Decision', 4000),
  /** Dissent is part of the joint record even when consensus is reached. */
  dissent: longText(4000).default(''),
  outcome: DecisionOutcome,
  /** Null on a failed decision until the group settles which path the charter's rule takes. */
  escalatedTo: Escalation.nullable().default(null),
});
const escalateOnlyOnFailure = (d: { outcome: DecisionOutcome; escalatedTo: Escalation | null }, ctx: z.RefinementCtx) => {
  if (d.outcome === 'consensus' && d.escalatedTo !== null) {
    ctx.addIssue({ code: 'custom', path: ['escalatedTo'], message: 'only a failed decision is escalated' });
  }
};
export const DecisionFields = DecisionBase.superRefine(escalateOnlyOnFailure);
export const Decision = RecordMeta.extend(DecisionBase.shape).superRefine(escalateOnlyOnFailure);
export type Decision = z.infer<typeof Decision>;
export type DecisionInput = z.input<typeof DecisionFields>;

export const ActionItemStatus = z.enum(['open', 'in-progress', 'done', 'dropped']);
export type ActionItemStatus = z.infer<typeof ActionItemStatus>;

/**
 * Belongs to a body, not to a meeting: it carries forward to that body's next meetings until done.
 * RecordMeta.updatedAt doubles as "last touched", which is how staleness is judged.
 */
export const ActionItemFields = z.object({
  bodyKind: BodyKind,
  bodyId: Id,
  /** The meeting where it was agreed. */
  meetingId: Id,
  sessionId: Id.nullable().default(null),
  what: requiredLine('What', 500),
  /** Null while captured live and not yet assigned; the carry-forward list shows it as unowned. */
  ownerId: Id.nullable().default(null),
  dueDate: CalendarDate.nullable().default(null),
  /**
   * How the team will know it worked (IBPS step 7), often a RIM measure. Optional; rows written
   * before it existed read back without it, so readers treat a missing one as empty.
   */
  measure: line(500).default(''),
  status: ActionItemStatus.default('open'),
  doneAt: Timestamp.nullable().default(null),
});
export const ActionItem = RecordMeta.extend(ActionItemFields.shape);
export type ActionItem = z.infer<typeof ActionItem>;
export type ActionItemInput = z.input<typeof ActionItemFields>;

/** 'scheduled' means put on a future agenda: still unanswered, so it keeps carrying forward. */
export const ParkingLotStatus = z.enum(['open', 'answered', 'scheduled']);
export type ParkingLotStatus = z.infer<typeof ParkingLotStatus>;

export const ParkingLotItemFields = z.object({
  bodyKind: BodyKind,
  bodyId: Id,
  /** The meeting it was raised in. */
  meetingId: Id,
  sessionId: Id.nullable().default(null),
  text: requiredLine('Parking-lot item', 1000),
  status: ParkingLotStatus.default('open'),
  resolution: longText(4000).default(''),
  /** Where it was answered, or the meeting it is scheduled for. */
  resolvedMeetingId: Id.nullable().default(null),
});
export const ParkingLotItem = RecordMeta.extend(ParkingLotItemFields.shape);
export type ParkingLotItem = z.infer<typeof ParkingLotItem>;
export type ParkingLotItemInput = z.input<typeof ParkingLotItemFields>;

export const PlusDeltaKind = z.enum(['plus', 'delta']);
export type PlusDeltaKind = z.infer<typeof PlusDeltaKind>;

/** Step 7 of the meeting: what went well (plus) and what to change (delta). */
export const PlusDeltaFields = z.object({
  meetingId: Id,
  sessionId: Id.nullable().default(null),
  kind: PlusDeltaKind,
  text: requiredLine('Text', 500),
});
export const PlusDelta = RecordMeta.extend(PlusDeltaFields.shape);
export type PlusDelta = z.infer<typeof PlusDelta>;
export type PlusDeltaInput = z.input<typeof PlusDeltaFields>;

/** A consensus test with everything said in it. */
export interface ConsensusTestRecord {
  test: ConsensusTest;
  votes: Vote[];
  tallies: TallyVote[];
  concerns: Concern[];
}

/** What a session holds, step by step: the live session page and the minutes both read this. */
export interface SessionContent {
  session: IbpsSession;
  revisions: IssueStatementRevision[];
  interests: Interest[];
  options: Option[];
  criteria: Criterion[];
  evaluations: Evaluation[];
  coverage: InterestCoverage[];
  tests: ConsensusTestRecord[];
  decisions: Decision[];
}
