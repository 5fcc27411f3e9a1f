import type { Table } from 'dexie';
import { documentId, type SearchDocument, type SearchKind } from '@shared/search/documents';
import type { Repositories } from '../../db/repositories';

// The search index's documents, read from the store: one loader per kind, for all rows (the first
// build) or for the rows that changed (kept current as records change, sync included). Joins are
// done with small lookups built once per batch, never one read per row.

interface Lookups {
  bodyName: Map<string, string>;
  meeting: Map<string, { title: string; startsAt: string; bodyId: string }>;
  session: Map<string, { title: string; meetingId: string }>;
  agendaTitle: Map<string, string>;
  project: Map<string, { title: string; teamId: string }>;
}

async function lookups(repos: Repositories): Promise<Lookups> {
  const { db } = repos;
  const [councils, teams, meetings, sessions, agenda, projects] = await Promise.all([
    db.councils.toArray(),
    db.teams.toArray(),
    db.meetings.toArray(),
    db.ibpsSessions.toArray(),
    db.agendaItems.toArray(),
    db.improvementProjects.toArray(),
  ]);
  return {
    bodyName: new Map([...councils, ...teams].map((b) => [b.id, b.name])),
    meeting: new Map(meetings.map((m) => [m.id, { title: m.title, startsAt: m.startsAt, bodyId: m.bodyId }])),
    session: new Map(sessions.map((s) => [s.id, { title: s.title, meetingId: s.meetingId }])),
    agendaTitle: new Map(agenda.map((a) => [a.id, a.title])),
    project: new Map(projects.map((p) => [p.id, { title: p.title, teamId: p.teamId }])),
  };
}

const join = (...parts: Array<string | null | undefined>) => parts.filter((p) => p && p.trim()).join(' · ');

/** "Pharmacy UBT · November UBT meeting" for a meeting id. */
const meetingWhere = (l: Lookups, meetingId: string | null | undefined) => {
  const m = meetingId ? l.meeting.get(meetingId) : undefined;
  return m ? join(l.bodyName.get(m.bodyId), m.title) : '';
};

const sessionWhere = (l: Lookups, sessionId: string) => {
  const s = l.session.get(sessionId);
  return s ? join(s.title, meetingWhere(l, s.meetingId)) : '';
};

type Loader = (repos: Repositories, l: Lookups, ids: readonly string[] | null) => Promise<SearchDocument[]>;

/** Rows of a table: all of them, or those with the given ids that still exist. */
async function rows<T>(table: Table<T, string>, ids: readonly string[] | null): Promise<T[]> {
  if (ids === null) return table.toArray();
  return (await table.bulkGet([...ids])).filter((r): r is Awaited<T> => r !== undefined) as T[];
}

const doc = (kind: SearchKind, rowId: string, d: Omit<SearchDocument, 'id' | 'kind' | 'rowId'>): SearchDocument => ({
  id: documentId(kind, rowId),
  kind,
  rowId,
  ...d,
});

const LOADERS: Record<SearchKind, Loader> = {
  council: async (r, _l, ids) =>
    (await rows(r.db.councils, ids)).map((c) =>
      doc('council', c.id, { title: c.name, text: '', context: c.region, where: c.region, route: `/roster/councils/${c.id}`, date: c.updatedAt }),
    ),
  team: async (r, l, ids) =>
    (await rows(r.db.teams, ids)).map((t) =>
      doc('team', t.id, {
        title: t.name,
        text: join(t.department, t.charter.purpose),
        context: t.region,
        where: join(l.bodyName.get(t.councilId), t.department),
        route: `/roster/teams/${t.id}`,
        date: t.updatedAt,
      }),
    ),
  person: async (r, _l, ids) =>
    (await rows(r.db.people, ids)).map((p) =>
      doc('person', p.id, {
        title: p.name,
        text: join(p.email, ...p.roleTitles),
        context: join(p.union, p.local),
        where: join(p.union, p.local ? `Local ${p.local}` : ''),
        route: `/roster/people/${p.id}`,
        date: p.updatedAt,
      }),
    ),
  meeting: async (r, l, ids) =>
    (await rows(r.db.meetings, ids)).map((m) =>
      doc('meeting', m.id, {
        title: m.title,
        text: join(m.objective, m.location),
        context: '',
        where: join(l.bodyName.get(m.bodyId), m.startsAt.slice(0, 10)),
        route: `/meetings/${m.id}`,
        date: m.startsAt,
      }),
    ),
  agendaItem: async (r, l, ids) =>
    (await rows(r.db.agendaItems, ids)).map((a) =>
      doc('agendaItem', a.id, {
        title: a.title,
        text: join(a.notes, a.presenter),
        context: '',
        where: meetingWhere(l, a.meetingId),
        route: `/meetings/${a.meetingId}`,
        date: l.meeting.get(a.meetingId)?.startsAt ?? a.updatedAt,
      }),
    ),
  summary: async (r, l, ids) =>
    (await rows(r.db.minutesSummaries, ids))
      .filter((s) => s.text.trim())
      .map((s) =>
        doc('summary', s.id, {
          title: l.agendaTitle.get(s.agendaItemId) ?? '',
          text: s.text,
          context: '',
          where: meetingWhere(l, s.meetingId),
          route: `/meetings/${s.meetingId}/minutes`,
          date: l.meeting.get(s.meetingId)?.startsAt ?? s.updatedAt,
        }),
      ),
  issue: async (r, l, ids) =>
    (await rows(r.db.issueRevisions, ids)).map((i) =>
      doc('issue', i.id, {
        title: i.text,
        text: '',
        context: '',
        where: sessionWhere(l, i.sessionId),
        route: `/ibps/${i.sessionId}/step/issue`,
        date: i.updatedAt,
      }),
    ),
  interest: async (r, l, ids) =>
    (await rows(r.db.interests, ids)).map((i) =>
      doc('interest', i.id, {
        title: i.text,
        text: i.convertedFromPosition,
        context: i.groupLabel,
        where: sessionWhere(l, i.sessionId),
        route: `/ibps/${i.sessionId}/step/interests`,
        date: i.updatedAt,
      }),
    ),
  option: async (r, l, ids) =>
    (await rows(r.db.options, ids)).map((o) =>
      doc('option', o.id, {
        title: o.text,
        text: o.suggestedByName,
        context: '',
        where: sessionWhere(l, o.sessionId),
        route: `/ibps/${o.sessionId}/step/options`,
        date: o.updatedAt,
      }),
    ),
  decision: async (r, l, ids) => {
    const decisions = await rows(r.db.decisions, ids);
    // A decision is found by the words of the issue and the interests behind it, not only its own.
    const sessionIds = [...new Set(decisions.map((d) => d.sessionId))];
    const [interests, issues] = await Promise.all([
      r.db.interests.where('sessionId').anyOf(sessionIds).toArray(),
      r.db.issueRevisions.where('sessionId').anyOf(sessionIds).toArray(),
    ]);
    const behind = new Map<string, string[]>();
    for (const x of [...issues, ...interests]) behind.set(x.sessionId, [...(behind.get(x.sessionId) ?? []), x.text]);
    return decisions.map((d) =>
      doc('decision', d.id, {
        title: d.text,
        text: d.dissent,
        context: (behind.get(d.sessionId) ?? []).join(' '),
        where: sessionWhere(l, d.sessionId),
        route: `/ibps/${d.sessionId}/step/consensus`,
        date: d.updatedAt,
      }),
    );
  },
  actionItem: async (r, l, ids) =>
    (await rows(r.db.actionItems, ids)).map((a) =>
      doc('actionItem', a.id, {
        title: a.what,
        text: '',
        context: '',
        where: meetingWhere(l, a.meetingId),
        route: `/meetings/${a.meetingId}`,
        date: a.dueDate ?? a.updatedAt,
      }),
    ),
  parkingLot: async (r, l, ids) =>
    (await rows(r.db.parkingLot, ids)).map((p) =>
      doc('parkingLot', p.id, {
        title: p.text,
        text: p.resolution,
        context: '',
        where: meetingWhere(l, p.meetingId),
        route: `/meetings/${p.meetingId}`,
        date: p.updatedAt,
      }),
    ),
  minutes: async (r, l, ids) =>
    (await rows(r.db.minutesVersions, ids)).map((v) =>
      doc('minutes', v.id, {
        title: l.meeting.get(v.meetingId)?.title ?? '',
        // The approved text, as approved (long minutes are cut: the start holds the decisions' context).
        text: v.markdown.slice(0, 20_000),
        context: v.amendmentReason,
        where: meetingWhere(l, v.meetingId),
        route: `/meetings/${v.meetingId}/minutes`,
        date: v.approvedAt,
      }),
    ),
  project: async (r, l, ids) =>
    (await rows(r.db.improvementProjects, ids)).map((p) =>
      doc('project', p.id, {
        title: p.title,
        text: join(p.aim, p.problem),
        context: '',
        where: l.bodyName.get(p.teamId) ?? '',
        route: `/improvement/projects/${p.id}`,
        date: p.updatedAt,
      }),
    ),
  pdsaCycle: async (r, l, ids) =>
    (await rows(r.db.pdsaCycles, ids)).map((c) =>
      doc('pdsaCycle', c.id, {
        title: c.title || c.what || c.objective,
        text: join(c.objective, c.prediction, c.observations, c.results, c.nextStep),
        context: '',
        where: join(l.project.get(c.projectId)?.title, l.bodyName.get(l.project.get(c.projectId)?.teamId ?? '')),
        route: `/improvement/projects/${c.projectId}`,
        date: c.updatedAt,
      }),
    ),
};

/** Documents of one kind: every row (`ids` null) or the given rows (missing ones are left out). */
export async function searchDocuments(repos: Repositories, kind: SearchKind, ids: readonly string[] | null, shared?: Lookups): Promise<SearchDocument[]> {
  return LOADERS[kind](repos, shared ?? (await lookups(repos)), ids);
}

export { lookups as searchLookups };
