import type { Locale } from '@shared/i18n/locales';
import { localDateTime, now } from '@shared/clock';
import type { BodyKind, Meeting, MeetingTemplate, TemplateItem } from '@shared/model';
import type { TemplateDraft } from '@shared/meetings/builtInTemplates';
import { nextOccurrence, type Recurrence } from '@shared/meetings/recurrence';
import { ValidationError } from '../../db/errors';
import type { Repositories } from '../../db/repositories';
import { agendaOf } from '../meetings/queries';
import { templateDraftOf } from './queries';

// Templates and recurring series: every write the template screens make goes through one of
// these. A meeting started from a template is an ordinary meeting: what it inherits from the
// body's earlier meetings (open action items, unanswered parking-lot topics) is worked out by
// the one carry-forward rule (shared/actions/carryForward.ts) when it is shown or exported, so
// nothing is copied here that could go stale or be counted twice.

/** Save a meeting's shape (title, length, location, objective, roles, agenda) as a template of its body. */
export function saveMeetingAsTemplate(repos: Repositories, meetingId: string, name: string): Promise<MeetingTemplate> {
  const { db } = repos;
  return db.transaction('rw', [db.meetings, db.agendaItems, db.meetingTemplates, db.templateItems], async () => {
    const meeting = await repos.meetings.require(meetingId);
    const agenda = await agendaOf(repos, meetingId);
    const template = await repos.meetingTemplates.create({
      bodyKind: meeting.bodyKind,
      bodyId: meeting.bodyId,
      name,
      title: meeting.title,
      durationMinutes: meeting.durationMinutes,
      location: meeting.location,
      objective: meeting.objective,
      facilitatorId: meeting.facilitatorId,
      recorderId: meeting.recorderId,
      timekeeperId: meeting.timekeeperId,
    });
    // Notes are what was said in this meeting, not part of its shape: they stay behind.
    await repos.templateItems.createMany(
      agenda.map((item, i) => ({
        templateId: template.id,
        position: i + 1,
        title: item.title,
        presenter: item.presenter,
        timeBoxMinutes: item.timeBoxMinutes,
        type: item.type,
      })),
    );
    return template;
  });
}

/** Create a meeting of a body from a template (a saved one's draft, or a built-in one), agenda and roles included. */
export function startMeetingFromDraft(
  repos: Repositories,
  draft: TemplateDraft,
  body: { kind: BodyKind; id: string },
  startsAt: string,
  title: string = draft.title,
  language?: Locale,
): Promise<Meeting> {
  const { db } = repos;
  return db.transaction('rw', [db.meetings, db.agendaItems], async () => {
    const meeting = await repos.meetings.create({
      bodyKind: body.kind,
      bodyId: body.id,
      title: title.trim() || draft.title,
      startsAt,
      durationMinutes: draft.durationMinutes,
      location: draft.location ?? '',
      objective: draft.objective,
      facilitatorId: draft.facilitatorId ?? null,
      recorderId: draft.recorderId ?? null,
      timekeeperId: draft.timekeeperId ?? null,
      ...(language ? { language } : {}),
    });
    await repos.agendaItems.createMany(
      draft.items.map((item, i) => ({
        meetingId: meeting.id,
        position: i + 1,
        title: item.title,
        presenter: item.presenter ?? '',
        timeBoxMinutes: item.timeBoxMinutes,
        type: item.type,
      })),
    );
    return meeting;
  });
}

/** Create a meeting from a body's saved template; the template must belong to that body. */
export function startMeetingFromTemplate(repos: Repositories, templateId: string, startsAt: string, title?: string, language?: Locale): Promise<Meeting> {
  const { db } = repos;
  return db.transaction('rw', [db.meetings, db.agendaItems, db.meetingTemplates, db.templateItems], async () => {
    const { template, draft } = await templateDraftOf(repos, templateId);
    return startMeetingFromDraft(repos, draft, { kind: template.bodyKind, id: template.bodyId }, startsAt, title, language);
  });
}

export const renameTemplate = (repos: Repositories, templateId: string, name: string): Promise<MeetingTemplate> =>
  repos.meetingTemplates.update(templateId, { name });

/** Make the template a recurring series (or stop it repeating with null). */
export const setTemplateRecurrence = (repos: Repositories, templateId: string, recurrence: Recurrence | null): Promise<MeetingTemplate> =>
  repos.meetingTemplates.update(templateId, { recurrence });

/** When the series' next meeting falls: the first occurrence after now and after its latest meeting. */
export function nextInSeries(template: Pick<MeetingTemplate, 'recurrence' | 'lastStartsAt'>, nowLocal: string = localDateTime(now())): string | null {
  if (!template.recurrence) return null;
  const after = template.lastStartsAt && template.lastStartsAt > nowLocal ? template.lastStartsAt : nowLocal;
  return nextOccurrence(template.recurrence, after);
}

/**
 * Create the series' next meeting from its template. The date is read and the template marked in
 * the same transaction, so a double click (or two windows) makes two consecutive meetings, never
 * two on one date.
 */
export function startNextInSeries(repos: Repositories, templateId: string, nowLocal: string = localDateTime(now())): Promise<Meeting> {
  const { db } = repos;
  return db.transaction('rw', [db.meetings, db.agendaItems, db.meetingTemplates, db.templateItems], async () => {
    const { template, draft } = await templateDraftOf(repos, templateId);
    const startsAt = nextInSeries(template, nowLocal);
    if (!startsAt) throw new ValidationError([{ path: 'recurrence', message: `“${template.name}” does not repeat: set when it repeats first` }]);
    const meeting = await startMeetingFromDraft(repos, draft, { kind: template.bodyKind, id: template.bodyId }, startsAt);
    await repos.meetingTemplates.update(templateId, { lastStartsAt: startsAt });
    return meeting;
  });
}

/** Remove a template and its agenda; answers what was removed so an Undo can put it back. */
export function removeTemplate(repos: Repositories, templateId: string) {
  const { db } = repos;
  return db.transaction('rw', [db.meetingTemplates, db.templateItems], async () => {
    const items = await db.templateItems.where('templateId').equals(templateId).toArray();
    for (const item of items) await repos.templateItems.remove(item.id);
    const template = await repos.meetingTemplates.remove(templateId);
    return { template, items };
  });
}

/** Undo of removeTemplate: the template and its agenda back exactly as they were. */
export function restoreTemplate(repos: Repositories, removed: { template: MeetingTemplate | undefined; items: readonly TemplateItem[] }): Promise<void> {
  const { db } = repos;
  return db.transaction('rw', [db.meetingTemplates, db.templateItems], async () => {
    if (removed.template) await repos.meetingTemplates.restore(removed.template);
    for (const item of removed.items) await repos.templateItems.restore(item);
  });
}
