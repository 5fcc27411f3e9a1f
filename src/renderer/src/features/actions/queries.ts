import type { Meeting } from '@shared/model';
import { ActionItemStatus, type ActionItem, type ParkingLotItem } from '@shared/model/ibps';
import { carryForward, isFinished, isOverdue, isStale, daysSinceUpdate } from '@shared/actions/carryForward';
import { today as localToday } from '@shared/clock';
import type { Repositories } from '../../db/repositories';

/** Open action items and parking-lot items a meeting inherits from its body's earlier meetings. */
export async function carriedForwardTo(repos: Repositories, meeting: Meeting, today = localToday()) {
  const { db } = repos;
  return db.transaction('r', [db.meetings, db.actionItems, db.parkingLot], async () => {
    const [meetings, actionItems, parkingLotItems] = await Promise.all([
      db.meetings.where('bodyId').equals(meeting.bodyId).toArray(),
      db.actionItems.where('bodyId').equals(meeting.bodyId).toArray(),
      db.parkingLot.where('bodyId').equals(meeting.bodyId).toArray(),
    ]);
    return carryForward<ActionItem, ParkingLotItem>({ meeting, meetings, actionItems, parkingLotItems, today });
  });
}

export type ActionFilter = 'open' | 'overdue' | 'stale' | 'done' | 'all';

export interface ActionRow {
  item: ActionItem;
  /** '' when the body is gone: the screen names that in its own language. */
  bodyName: string;
  meetingTitle: string;
  /** yyyy-MM-ddTHH:mm of the meeting that agreed it ('' when that meeting is gone). */
  meetingStartsAt: string;
  overdue: boolean;
  stale: boolean;
  daysSinceUpdate: number;
  /** What was agreed is part of approved minutes: only owner, due date and status stay editable. */
  recordLocked: boolean;
}

/** The Action items page's narrowing: words anywhere in what/measure/body/meeting, one owner ('none': unassigned), one body. */
export interface ActionSearch {
  text: string;
  ownerId: string | null;
  bodyId: string | null;
}

export function matchesActionSearch(row: ActionRow, search: ActionSearch, ownerName: (id: string | null) => string): boolean {
  if (search.ownerId === 'none' ? row.item.ownerId !== null : search.ownerId !== null && row.item.ownerId !== search.ownerId) return false;
  if (search.bodyId !== null && row.item.bodyId !== search.bodyId) return false;
  const haystack = [row.item.what, row.item.measure ?? '', row.bodyName, row.meetingTitle, ownerName(row.item.ownerId)].join(' ').toLowerCase();
  return search.text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

const FINISHED = ActionItemStatus.options.filter(isFinished);
const UNFINISHED = ActionItemStatus.options.filter((s) => !isFinished(s));

/** The statuses a filter can show: open work stays small while finished history grows with every meeting. */
const statusesOf = (filter: ActionFilter): readonly ActionItemStatus[] =>
  filter === 'all' ? ActionItemStatus.options : filter === 'done' ? FINISHED : UNFINISHED;

/** Every action item of every body, for the global Action items view. */
export async function listActionItems(repos: Repositories, filter: ActionFilter, today = localToday()): Promise<ActionRow[]> {
  const { db } = repos;
  return db.transaction('r', [db.actionItems, db.meetings, db.minutes, db.councils, db.teams], async () => {
    // Read through the status index: with 20,000 meetings behind a council, reading every item
    // (40,000, nearly all done) to show the few thousand open ones took most of the page's time.
    const items = filter === 'all' ? await db.actionItems.toArray() : await db.actionItems.where('status').anyOf(statusesOf(filter)).toArray();
    const meetingIds = [...new Set(items.map((i) => i.meetingId))];
    // Only the bodies these items belong to: the page reads every body once already, for its filter.
    const bodyIds = [...new Set(items.map((i) => i.bodyId))];
    const [meetings, minutes, councils, teams] = await Promise.all([
      db.meetings.bulkGet(meetingIds),
      db.minutes.bulkGet(meetingIds),
      db.councils.bulkGet(bodyIds),
      db.teams.bulkGet(bodyIds),
    ]);
    const meetingById = new Map(meetings.filter((m): m is Meeting => m !== undefined).map((m) => [m.id, m]));
    const bodyNames = new Map([...councils, ...teams].flatMap((b) => (b ? [[b.id, b.name] as const] : [])));
    const approved = new Set(minutes.filter((m) => m?.status === 'approved').map((m) => m!.meetingId));
    const rows = items.map((item) => ({
      item,
      bodyName: bodyNames.get(item.bodyId) ?? '',
      meetingTitle: meetingById.get(item.meetingId)?.title ?? '',
      meetingStartsAt: meetingById.get(item.meetingId)?.startsAt ?? '',
      overdue: isOverdue(item, today),
      stale: isStale(item, today),
      daysSinceUpdate: daysSinceUpdate(item, today),
      recordLocked: approved.has(item.meetingId),
    }));
    const keep: Record<ActionFilter, (r: ActionRow) => boolean> = {
      open: (r) => !isFinished(r.item.status),
      overdue: (r) => r.overdue,
      stale: (r) => r.stale,
      done: (r) => isFinished(r.item.status),
      all: () => true,
    };
    return rows
      .filter(keep[filter])
      .sort((a, b) => (a.item.dueDate ?? '9999').localeCompare(b.item.dueDate ?? '9999') || a.item.createdAt.localeCompare(b.item.createdAt));
  });
}

/**
 * The Action items page: the filtered rows, the people who own them (names, search, the owner
 * filter), the bodies (team filter) and how many items exist at all. The whole roster is read
 * only when an owner picker opens.
 */
export async function actionsPage(repos: Repositories, filter: ActionFilter, today = localToday()) {
  const [rows, total, councils, teams] = await Promise.all([
    listActionItems(repos, filter, today),
    repos.db.actionItems.count(),
    repos.db.councils.orderBy('name').toArray(),
    repos.db.teams.orderBy('name').toArray(),
  ]);
  const ownerIds = [...new Set(rows.map((r) => r.item.ownerId).filter((id): id is string => id !== null))];
  const owners = (await repos.db.people.bulkGet(ownerIds)).filter((p) => p !== undefined).sort((a, b) => a.name.localeCompare(b.name));
  const bodies = [...councils, ...teams].filter((b) => !b.archivedAt).map((b) => ({ id: b.id, name: b.name }));
  return { rows, owners, total, bodies };
}
