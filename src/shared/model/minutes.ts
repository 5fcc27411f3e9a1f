import { z } from 'zod';
import { Id, RecordMeta, Side, Timestamp, line, longText, requiredLine } from './common';
import { SignOffEvidenceFields, SignOffMethod, ServerAccountStamp } from './signoff';

// Minutes are generated from what was captured; only what a person adds to them (summaries) and
// the joint approval are stored. An approved version is a frozen snapshot: later edits to the
// meeting never change it, and a change to the minutes is an amendment approved the same way.

export const MinutesStatus = z.enum(['draft', 'approved']);
export type MinutesStatus = z.infer<typeof MinutesStatus>;

/** One row per meeting, with the meeting's id as its own id so two laptops never create two. */
export const MinutesFields = z.object({
  meetingId: Id,
  status: MinutesStatus.default('draft'),
  /** The version being drafted or, when approved, the latest approved version (1 = original minutes). */
  round: z.number().int().min(1).max(999).default(1),
  /** Why an amendment was started; empty for the original minutes. */
  amendmentReason: longText(2000).default(''),
});
export const Minutes = RecordMeta.extend(MinutesFields.shape);
export type Minutes = z.infer<typeof Minutes>;
export type MinutesInput = z.input<typeof MinutesFields>;

/** The recorder's summary of one agenda item (the outcome in their words). */
export const MinutesSummaryFields = z.object({
  meetingId: Id,
  agendaItemId: Id,
  text: longText(8000).default(''),
});
export const MinutesSummary = RecordMeta.extend(MinutesSummaryFields.shape);
export type MinutesSummary = z.infer<typeof MinutesSummary>;
export type MinutesSummaryInput = z.input<typeof MinutesSummaryFields>;

/**
 * A co-lead's approval of one exact text: contentHash is the hash of the minutes as they read
 * them, so an edit after one side approved makes that approval stale instead of silently carrying it.
 */
export const MinutesApprovalFields = z.object({
  meetingId: Id,
  round: z.number().int().min(1).max(999),
  side: Side,
  personId: Id.nullable().default(null),
  name: requiredLine('Name', 120),
  /** e.g. "Union co-lead". */
  role: line(120).default(''),
  approvedAt: Timestamp,
  contentHash: z.string().regex(/^[0-9a-f]{8,64}$/),
  /** How it was given and who recorded it (approvals recorded before this existed read as in the room). */
  ...SignOffEvidenceFields,
});
/** An account of the sync server, as the server names it (its admin's name for the facilitator). */
export const AccountStamp = ServerAccountStamp;
export type AccountStamp = ServerAccountStamp;

export const MinutesApproval = RecordMeta.extend(MinutesApprovalFields.shape).extend({
  /**
   * Written by the sync server, never by a laptop: the account whose laptop pushed this approval
   * (so the record shows which facilitator's, or which co-lead's own, laptop recorded it). Absent
   * until the approval has been through the server; null or absent on rows from before it.
   */
  recordedByAccount: AccountStamp.nullable().optional(),
});
export type MinutesApproval = z.infer<typeof MinutesApproval>;
export type MinutesApprovalInput = z.input<typeof MinutesApprovalFields>;

export const ApprovalSignature = z.object({
  side: Side,
  name: z.string(),
  role: z.string(),
  approvedAt: Timestamp,
  // Evidence, frozen with the version; absent on versions approved before it was recorded.
  method: SignOffMethod.optional(),
  recordedByName: z.string().optional(),
  evidenceNote: z.string().optional(),
  recordedByAccount: ServerAccountStamp.nullable().optional(),
});
export type ApprovalSignature = z.infer<typeof ApprovalSignature>;

/** One fact of a meeting's record (see src/shared/minutes/recordFacts.ts). */
export const RecordFact = z.object({ key: z.string(), section: z.string(), subject: z.string(), field: z.string(), value: z.string() });
export type RecordFact = z.infer<typeof RecordFact>;

/** An approved version, frozen: its document is what every later export of that version prints. */
export const MinutesVersionFields = z.object({
  meetingId: Id,
  number: z.number().int().min(1).max(999),
  approvedAt: Timestamp,
  amendmentReason: longText(2000).default(''),
  approvals: z.array(ApprovalSignature).min(1).max(3),
  /** The MinutesDocument as approved (checked by its own builder, stored as data). */
  document: z.object({ title: z.string(), fileStem: z.string(), blocks: z.array(z.unknown()), actionItems: z.array(z.unknown()) }).passthrough(),
  markdown: z.string().max(20 * 1024 * 1024),
  contentHash: z.string(),
  /** What the record said, fact by fact, so an amendment can say what changed in plain words. */
  facts: z.array(RecordFact).max(50_000).optional(),
});
export const MinutesVersion = RecordMeta.extend(MinutesVersionFields.shape);
export type MinutesVersion = z.infer<typeof MinutesVersion>;
export type MinutesVersionInput = z.input<typeof MinutesVersionFields>;
