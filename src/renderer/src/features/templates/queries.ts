import type { BodyKind, MeetingTemplate, TemplateItem } from '@shared/model';
import type { TemplateDraft } from '@shared/meetings/builtInTemplates';
import type { PreReadInput } from '@shared/meetings/preRead';
import type { Repositories } from '../../db/repositories';
import { carriedForwardTo } from '../actions/queries';
import { agendaOf } from '../meetings/queries';

async function templateItemsOf(repos: Repositories, templateId: string): Promise<TemplateItem[]> {
  return repos.db.templateItems.where('[templateId+position]').between([templateId, -Infinity], [templateId, Infinity]).toArray();
}

/** A saved template as the draft a meeting is started from. */
export async function templateDraftOf(repos: Repositories, templateId: string): Promise<{ template: MeetingTemplate; draft: TemplateDraft }> {
  const template = await repos.meetingTemplates.require(templateId);
  const items = await templateItemsOf(repos, templateId);
  return {
    template,
    draft: {
      name: template.name,
      title: template.title,
      durationMinutes: template.durationMinutes,
      location: template.location,
      objective: template.objective,
      facilitatorId: template.facilitatorId,
      recorderId: template.recorderId,
      timekeeperId: template.timekeeperId,
      items: items.map(({ title, type, timeBoxMinutes, presenter }) => ({ title, type, timeBoxMinutes, presenter })),
    },
  };
}

export interface TemplateEntry {
  template: MeetingTemplate;
  items: TemplateItem[];
}

/** A body's saved templates by name, each with its agenda. */
export async function templatesOfBody(repos: Repositories, bodyId: string): Promise<TemplateEntry[]> {
  const { db } = repos;
  return db.transaction('r', [db.meetingTemplates, db.templateItems], async () => {
    const templates = await db.meetingTemplates.where('bodyId').equals(bodyId).toArray();
    templates.sort((a, b) => a.name.localeCompare(b.name));
    const items = await Promise.all(templates.map((t) => templateItemsOf(repos, t.id)));
    return templates.map((template, i) => ({ template, items: items[i]! }));
  });
}

/** Template choices for planning a meeting of a body (kind:id), for the New meeting form. */
export async function templateOptionsFor(repos: Repositories, body: { kind: BodyKind; id: string } | null) {
  if (!body) return [];
  const templates = await repos.db.meetingTemplates.where('bodyId').equals(body.id).toArray();
  return templates.filter((t) => t.bodyKind === body.kind).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Everything the agenda pre-read prints, read in one transaction: the meeting, its agenda and
 * roles, and what it inherits by the body's carry-forward rule (the meeting page's own card).
 */
export async function preReadInputOf(repos: Repositories, meetingId: string): Promise<PreReadInput | null> {
  const { db } = repos;
  return db.transaction('r', [db.meetings, db.agendaItems, db.people, db.councils, db.teams, db.actionItems, db.parkingLot], async () => {
    const meeting = await db.meetings.get(meetingId);
    if (!meeting) return null;
    const [agenda, body, carried] = await Promise.all([
      agendaOf(repos, meetingId),
      meeting.bodyKind === 'team' ? db.teams.get(meeting.bodyId) : db.councils.get(meeting.bodyId),
      carriedForwardTo(repos, meeting),
    ]);
    const ids = [meeting.facilitatorId, meeting.recorderId, meeting.timekeeperId, ...carried.actionItems.map((c) => c.item.ownerId)];
    const people = await db.people.bulkGet([...new Set(ids.filter((id): id is string => Boolean(id)))]);
    const name = (id: string | null) => (id ? (people.find((p) => p?.id === id)?.name ?? null) : null);
    return {
      meeting,
      bodyName: body?.name ?? '',
      agenda,
      roles: { facilitator: name(meeting.facilitatorId), recorder: name(meeting.recorderId), timekeeper: name(meeting.timekeeperId) },
      carriedActions: carried.actionItems.map((c) => ({
        what: c.item.what,
        owner: name(c.item.ownerId),
        dueDate: c.item.dueDate,
        overdue: c.overdue,
        fromStartsAt: c.origin.startsAt,
      })),
      parkingLot: carried.parkingLot.map((p) => ({ text: p.item.text, fromStartsAt: p.origin.startsAt })),
    };
  });
}
