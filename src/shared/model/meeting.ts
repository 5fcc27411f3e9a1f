import { z } from 'zod';
import { BodyKind } from './roster';
import { LOCALES } from '../i18n/locales';
import { Id, LocalDateTime, RecordMeta, Side, line, longText, requiredLine } from './common';

export const MeetingFields = z.object({
  bodyKind: BodyKind,
  bodyId: Id,
  title: requiredLine('Title'),
  startsAt: LocalDateTime,
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(90),
  location: line(200).default(''),
  objective: longText(4000).default(''),
  facilitatorId: Id.nullable().default(null),
  recorderId: Id.nullable().default(null),
  timekeeperId: Id.nullable().default(null),
  /**
   * The language the meeting is held in, and so the language its minutes are written and
   * exported in (a Spanish-speaking team may meet under an English-speaking council). Meetings
   * recorded before languages existed were written in English.
   */
  language: z.enum(LOCALES).default('en'),
});
export const Meeting = RecordMeta.extend(MeetingFields.shape);
export type Meeting = z.infer<typeof Meeting>;
export type MeetingInput = z.input<typeof MeetingFields>;

export const AgendaItemType = z.enum(['information', 'discussion', 'decision', 'ibps', 'rim-review']);
export type AgendaItemType = z.infer<typeof AgendaItemType>;

export const AgendaItemFields = z.object({
  meetingId: Id,
  /** Fractional position: inserting between two items never renumbers the others (merge-friendly). */
  position: z.number().finite(),
  title: requiredLine('Title'),
  presenter: line(120).default(''),
  timeBoxMinutes: z.number().int().min(0).max(600).default(10),
  type: AgendaItemType.default('discussion'),
  notes: longText().default(''),
});
export const AgendaItem = RecordMeta.extend(AgendaItemFields.shape);
export type AgendaItem = z.infer<typeof AgendaItem>;
export type AgendaItemInput = z.input<typeof AgendaItemFields>;

export const AttendanceStatus = z.enum(['present', 'absent']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/**
 * One row per member (personId) or guest (guestName). Guests never count toward quorum; their
 * side, if given, is only for the record.
 */
const AttendanceBase = z.object({
  meetingId: Id,
  personId: Id.nullable().default(null),
  guestName: line(120).default(''),
  guestSide: Side.nullable().default(null),
  status: AttendanceStatus,
});
const memberOrGuest = (a: { personId: string | null; guestName: string }, ctx: z.RefinementCtx) => {
  if (a.personId === null && a.guestName.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['guestName'], message: 'an attendance row needs a member or a guest name' });
  }
};
export const AttendanceFields = AttendanceBase.superRefine(memberOrGuest);
export const Attendance = RecordMeta.extend(AttendanceBase.shape).superRefine(memberOrGuest);
export type Attendance = z.infer<typeof Attendance>;
export type AttendanceInput = z.input<typeof AttendanceFields>;
