import { z } from 'zod';
import { Recurrence } from '../meetings/recurrence';
import { BodyKind } from './roster';
import { Id, LocalDateTime, RecordMeta, line, longText, requiredLine } from './common';
import { AgendaItemType } from './meeting';

// A meeting saved for reuse: what a body's meetings keep the same from month to month (title,
// length, objective, roles, agenda). Its agenda items are rows of their own, like a meeting's, so
// two laptops editing one template merge instead of overwriting each other's list.

export const MeetingTemplateFields = z.object({
  bodyKind: BodyKind,
  bodyId: Id,
  name: requiredLine('Template name', 120),
  title: requiredLine('Meeting title'),
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
  /** A recurring series: when the next meeting from this template falls. */
  recurrence: Recurrence.nullable().default(null),
  /**
   * When the series' latest meeting was created for: the next one is the first occurrence after
   * both this and now, so starting the next meeting twice never makes two meetings on one date.
   */
  lastStartsAt: LocalDateTime.nullable().default(null),
});
export const MeetingTemplate = RecordMeta.extend(MeetingTemplateFields.shape);
export type MeetingTemplate = z.infer<typeof MeetingTemplate>;
export type MeetingTemplateInput = z.input<typeof MeetingTemplateFields>;

export const TemplateItemFields = z.object({
  templateId: Id,
  position: z.number().finite(),
  title: requiredLine('Title'),
  presenter: line(120).default(''),
  timeBoxMinutes: z.number().int().min(0).max(600).default(10),
  type: AgendaItemType.default('discussion'),
});
export const TemplateItem = RecordMeta.extend(TemplateItemFields.shape);
export type TemplateItem = z.infer<typeof TemplateItem>;
export type TemplateItemInput = z.input<typeof TemplateItemFields>;
