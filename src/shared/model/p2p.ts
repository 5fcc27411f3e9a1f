import { z } from 'zod';
import { CalendarDate, Id, RecordMeta, Side, Timestamp, line, longText, requiredLine } from './common';
import { ServerAccountStamp, SignOffEvidenceFields, SignOffMethod } from './signoff';

// Path to Performance: each team is assessed quarterly across seven dimensions. What the co-leads
// tick, write and attach is a working copy (rows of their own, so two laptops merge criterion by
// criterion); when both co-leads confirm it, the result is frozen as a rating that sync never
// changes. A correction is a new version of the assessment, confirmed the same way.

/** A calendar quarter, e.g. "2026-Q4": teams are assessed once a quarter. */
export const Quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q4');
export type Quarter = z.infer<typeof Quarter>;

export const P2pDimension = z.enum(['sponsorship', 'leadership', 'training', 'team-process', 'engagement', 'use-of-tools', 'goals-performance']);
export type P2pDimension = z.infer<typeof P2pDimension>;
export const P2P_DIMENSIONS: readonly P2pDimension[] = P2pDimension.options;
export const P2P_DIMENSION_LABELS: Record<P2pDimension, string> = {
  sponsorship: 'Sponsorship',
  leadership: 'Leadership',
  training: 'Training',
  'team-process': 'Team process',
  engagement: 'Team member engagement',
  'use-of-tools': 'Use of tools',
  'goals-performance': 'Goals and performance',
};

/** 1-5 on the Path to Performance; 0 when not every level-1 criterion holds yet. */
export const P2pLevel = z.number().int().min(0).max(5);
export type P2pLevel = z.infer<typeof P2pLevel>;
export const P2P_LEVELS = [1, 2, 3, 4, 5] as const;
export const P2P_LEVEL_LABELS: Record<number, string> = {
  0: 'Not yet at level 1',
  1: 'Pre-team climate',
  2: 'Foundational',
  3: 'Transitional',
  4: 'Operational',
  5: 'High performing',
};

export const AssessmentStatus = z.enum(['draft', 'confirmed']);
export type AssessmentStatus = z.infer<typeof AssessmentStatus>;

/** One team's assessment for one quarter. Version 2+ corrects a confirmed version. */
export const P2pAssessmentFields = z.object({
  teamId: Id,
  quarter: Quarter,
  version: z.number().int().min(1).max(99).default(1),
  status: AssessmentStatus.default('draft'),
  /** The confirmed assessment this version corrects; null for the first version. */
  correctsId: Id.nullable().default(null),
  /** Why a confirmed assessment is being corrected; empty for the first version. */
  correctionReason: longText(2000).default(''),
});
export const P2pAssessment = RecordMeta.extend(P2pAssessmentFields.shape);
export type P2pAssessment = z.infer<typeof P2pAssessment>;
export type P2pAssessmentInput = z.input<typeof P2pAssessmentFields>;

const CriterionId = requiredLine('Criterion', 80);

/** Whether one criterion holds. Its id is derived from (assessment, criterion): one row, whoever ticks it. */
export const P2pCheckFields = z.object({
  assessmentId: Id,
  criterionId: CriterionId,
  met: z.boolean(),
});
export const P2pCheck = RecordMeta.extend(P2pCheckFields.shape);
export type P2pCheck = z.infer<typeof P2pCheck>;
export type P2pCheckInput = z.input<typeof P2pCheckFields>;

/** The co-leads' notes on one dimension; id derived from (assessment, dimension). */
export const P2pDimensionNoteFields = z.object({
  assessmentId: Id,
  dimension: P2pDimension,
  text: longText(8000).default(''),
});
export const P2pDimensionNote = RecordMeta.extend(P2pDimensionNoteFields.shape);
export type P2pDimensionNote = z.infer<typeof P2pDimensionNote>;
export type P2pDimensionNoteInput = z.input<typeof P2pDimensionNoteFields>;

/** typed: written by the team; app: something the app holds that the team chose to attach. */
export const EvidenceSource = z.enum(['typed', 'app']);
export type EvidenceSource = z.infer<typeof EvidenceSource>;

export const P2pEvidenceFields = z.object({
  assessmentId: Id,
  dimension: P2pDimension,
  /** The criterion it backs, when it backs one. */
  criterionId: CriterionId.nullable().default(null),
  text: requiredLine('Evidence', 1000),
  source: EvidenceSource.default('typed'),
});
export const P2pEvidence = RecordMeta.extend(P2pEvidenceFields.shape);
export type P2pEvidence = z.infer<typeof P2pEvidence>;
export type P2pEvidenceInput = z.input<typeof P2pEvidenceFields>;

/**
 * A co-lead's confirmation of one exact assessment (contentHash of what they read), with the same
 * sign-off evidence as approved minutes: how it was given, who recorded it, and the server's
 * stamp of the account that pushed it.
 */
export const P2pConfirmationFields = z.object({
  assessmentId: Id,
  side: Side,
  personId: Id.nullable().default(null),
  name: requiredLine('Name', 120),
  /** e.g. "Union co-lead". */
  role: line(120).default(''),
  confirmedAt: Timestamp,
  contentHash: z.string().regex(/^[0-9a-f]{8,64}$/),
  ...SignOffEvidenceFields,
});
export const P2pConfirmation = RecordMeta.extend(P2pConfirmationFields.shape).extend({
  /** Written by the sync server, never by a laptop: the account whose laptop pushed this confirmation. */
  recordedByAccount: ServerAccountStamp.nullable().optional(),
});
export type P2pConfirmation = z.infer<typeof P2pConfirmation>;
export type P2pConfirmationInput = z.input<typeof P2pConfirmationFields>;

/** A confirmation as frozen into the rating. */
export const RatingSignature = z.object({
  side: Side,
  name: z.string(),
  role: z.string(),
  confirmedAt: Timestamp,
  method: SignOffMethod,
  recordedByName: z.string(),
  evidenceNote: z.string(),
});
export type RatingSignature = z.infer<typeof RatingSignature>;

const levelsByDimension = z.object(Object.fromEntries(P2P_DIMENSIONS.map((d) => [d, P2pLevel])) as Record<P2pDimension, typeof P2pLevel>);

/**
 * The confirmed result, frozen: written once (its id is the assessment's) by the laptop on which
 * the last co-lead confirmed, never changed by sync. Dashboards and the team history read these.
 */
export const P2pRatingFields = z.object({
  assessmentId: Id,
  teamId: Id,
  quarter: Quarter,
  version: z.number().int().min(1).max(99),
  level: P2pLevel,
  dimensionLevels: levelsByDimension,
  /** Criterion ids that held, as confirmed. */
  met: z.array(CriterionId).max(500),
  /** Which wording of the criteria was confirmed (criteria.ts CRITERIA_EDITION). */
  criteriaEdition: z.number().int().min(1),
  notes: z.array(z.object({ dimension: P2pDimension, text: z.string() })).max(P2P_DIMENSIONS.length),
  evidence: z.array(z.object({ dimension: P2pDimension, criterionId: z.string().nullable(), text: z.string(), source: EvidenceSource })).max(1000),
  confirmations: z.array(RatingSignature).min(2).max(3),
  confirmedAt: Timestamp,
  correctionReason: longText(2000).default(''),
  contentHash: z.string(),
});
export const P2pRating = RecordMeta.extend(P2pRatingFields.shape);
export type P2pRating = z.infer<typeof P2pRating>;
export type P2pRatingInput = z.input<typeof P2pRatingFields>;

const figuresAddUp = (f: { teams: number; highPerforming: number }, ctx: z.RefinementCtx) => {
  if (f.highPerforming > f.teams) ctx.addIssue({ code: 'custom', path: ['highPerforming'], message: 'cannot be more than the number of teams' });
};
const count = (label: string) =>
  z.number().int(`${label} must be a whole number`).min(0, `${label} cannot be negative`).max(1_000_000, `${label} is too large`);

/**
 * Aggregate figures imported for a region or program-wide departments where the facilitator has
 * no team-level data; kept with a council (so they sync with it) and always shown as imported.
 */
const ProgramFigureBase = z.object({
  councilId: Id,
  region: requiredLine('Region', 100),
  teams: count('Teams'),
  highPerforming: count('High performing'),
  asOf: CalendarDate,
  sourceFile: line(260).default(''),
  importedAt: Timestamp,
});
export const ProgramFigureFields = ProgramFigureBase.superRefine(figuresAddUp);
export const ProgramFigure = RecordMeta.extend(ProgramFigureBase.shape).superRefine(figuresAddUp);
export type ProgramFigure = z.infer<typeof ProgramFigure>;
export type ProgramFigureInput = z.input<typeof ProgramFigureFields>;
