import type { AgendaItem, AgendaItemInput, Attendance, Meeting, MeetingInput, Side } from '@shared/model';
import { appendToList } from '../../db/lists';
import type { Repositories } from '../../db/repositories';
import { agendaOf } from './queries';
import { SEVEN_STEP_AGENDA } from '@shared/meetings/sevenStepAgenda';

// The meeting page's use cases: every write it makes goes through one of these.

type Editable<R> = Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>;

export const createMeeting = (repos: Repositories, input: MeetingInput): Promise<Meeting> => repos.meetings.create(input);

export const updateMeeting = (repos: Repositories, meetingId: string, patch: Editable<Meeting>): Promise<Meeting> => repos.meetings.update(meetingId, patch);

export function addAgendaItem(repos: Repositories, input: Omit<AgendaItemInput, 'position'>): Promise<AgendaItem> {
  return appendToList(repos.db.agendaItems, 'meetingId', input.meetingId, (position) => repos.agendaItems.create({ ...input, position }));
}

/** The seven-step agenda partnership training teaches, added after the existing items in one transaction. */
export const addSevenStepAgenda = (repos: Repositories, meetingId: string): Promise<void> =>
  repos.db.transaction('rw', repos.db.agendaItems, async () => {
    for (const step of SEVEN_STEP_AGENDA) await addAgendaItem(repos, { meetingId, ...step });
  });

export const updateAgendaItem = (repos: Repositories, itemId: string, patch: Editable<Omit<AgendaItem, 'meetingId'>>): Promise<AgendaItem> =>
  repos.agendaItems.update(itemId, patch);

export const removeAgendaItem = (repos: Repositories, itemId: string): Promise<AgendaItem | undefined> => repos.agendaItems.remove(itemId);

export const restoreAgendaItem = (repos: Repositories, item: AgendaItem): Promise<AgendaItem> => repos.agendaItems.restore(item);

/** Move an item one place up or down by giving it a position between its new neighbours. */
export async function moveAgendaItem(repos: Repositories, itemId: string, direction: -1 | 1): Promise<void> {
  // The order is read in the move's own transaction, so quick clicks each move from the last.
  await repos.db.transaction('rw', repos.db.agendaItems, async () => {
    const item = await repos.agendaItems.require(itemId);
    const items = await agendaOf(repos, item.meetingId);
    const index = items.findIndex((i) => i.id === itemId);
    const target = index + direction;
    if (target < 0 || target >= items.length) return;
    const beyond = items[target + direction];
    const neighbour = items[target]!;
    const position = beyond ? (neighbour.position + beyond.position) / 2 : neighbour.position + direction;
    await repos.agendaItems.update(itemId, { position });
  });
}

/** Set a member's attendance; one row per member per meeting. */
export async function setAttendance(repos: Repositories, meetingId: string, personId: string, status: Attendance['status']) {
  const { db } = repos;
  return db.transaction('rw', db.attendance, async () => {
    const existing = await db.attendance.where('[meetingId+personId]').equals([meetingId, personId]).first();
    if (existing) return repos.attendance.update(existing.id, { status });
    return repos.attendance.create({ meetingId, personId, status });
  });
}

/** A guest (not on the roster) who attended, with the side they sat with if any. */
export const addGuest = (repos: Repositories, meetingId: string, guestName: string, guestSide: Side | null): Promise<Attendance> =>
  repos.attendance.create({ meetingId, guestName, guestSide, status: 'present' });

export const removeAttendance = (repos: Repositories, attendanceId: string): Promise<Attendance | undefined> => repos.attendance.remove(attendanceId);

export const restoreAttendance = (repos: Repositories, row: Attendance): Promise<Attendance> => repos.attendance.restore(row);
