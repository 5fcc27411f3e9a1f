import type { Meeting } from '@shared/model';
import type { ActionItem, ParkingLotItem } from '@shared/model/ibps';
import { carryForward, isOverdue, isStale, daysSinceUpdate } from '@shared/actions/carryForward';
import { today as localToday } from '@shared/clock';
import type { Repositories } from '../../db/repositories';
import { peopleByName } from '../roster/queries';

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
  bodyName: string;
  meetingTitle: string;
  overdue: boolean;
  stale: boolean;
  daysSinceUpdate: number;
}

/** Every action item of every body, for the global Action items view. */
export async function listActionItems(repos: Repositories, filter: ActionFilter, today = localToday()): Promise<ActionRow[]> {
  const { db } = repos;
  return db.transaction('r', [db.actionItems, db.meetings, db.councils, db.teams], async () => {
    const items = await db.actionItems.toArray();
    const [meetings, councils, teams] = await Promise.all([
      db.meetings.bulkGet([...new Set(items.map((i) => i.meetingId))]),
      db.councils.toArray(),
      db.teams.toArray(),
    ]);
    const meetingTitles = new Map(meetings.filter(Boolean).map((m) => [m!.id, m!.title]));
    const bodyNames = new Map([...councils, ...teams].map((b) => [b.id, b.name]));
    const rows = items.map((item) => ({
      item,
      bodyName: bodyNames.get(item.bodyId) ?? 'Unknown body',
      meetingTitle: meetingTitles.get(item.meetingId) ?? '',
      overdue: isOverdue(item, today),
      stale: isStale(item, today),
      daysSinceUpdate: daysSinceUpdate(item, today),
    }));
    const finished = (i: ActionItem) => i.status === 'done' || i.status === 'dropped';
    const keep: Record<ActionFilter, (r: ActionRow) => boolean> = {
      open: (r) => !finished(r.item),
      overdue: (r) => r.overdue,
      stale: (r) => r.stale,
      done: (r) => finished(r.item),
      all: () => true,
    };
    return rows
      .filter(keep[filter])
      .sort((a, b) => (a.item.dueDate ?? '9999').localeCompare(b.item.dueDate ?? '9999') || a.item.createdAt.localeCompare(b.item.createdAt));
  });
}

/** The Action items page: the filtered rows, the roster (owner pickers) and how many items exist at all. */
export async function actionsPage(repos: Repositories, filter: ActionFilter, today = localToday()) {
  const [rows, people, total] = await Promise.all([listActionItems(repos, filter, today), peopleByName(repos), repos.db.actionItems.count()]);
  return { rows, people, total };
}
