import type { AgendaItem, AgendaItemInput, Attendance, Meeting, MeetingInput, Side } from '@shared/model';
import { SEVEN_STEP_AGENDA } from '@shared/meetings/sevenStepAgenda';
import { appendToList } from '../../db/lists';
import type { Repositories } from '../../db/repositories';
import { writeOpenRecord } from '../minutes/recordLock';
import { agendaOf } from './queries';

// The meeting page's use cases: every write it makes goes through one of these. All of them change
// what the minutes are generated from, so each is refused once the minutes are approved (until an
// amendment is started): writeOpenRecord checks that in the write's own transaction.

type Editable<R> = Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>;

export const createMeeting = (repos: Repositories, input: MeetingInput): Promise<Meeting> => repos.meetings.create(input);

export const updateMeeting = (repos: Repositories, meetingId: string, patch: Editable<Meeting>): Promise<Meeting> =>
  writeOpenRecord(
    repos,
    [repos.db.meetings],
    async () => meetingId,
    () => repos.meetings.update(meetingId, patch),
  );

export function addAgendaItem(repos: Repositories, input: Omit<AgendaItemInput, 'position'>): Promise<AgendaItem> {
  return writeOpenRecord(
    repos,
    [repos.db.agendaItems],
    async () => input.meetingId,
    () => appendToList(repos.db.agendaItems, 'meetingId', input.meetingId, (position) => repos.agendaItems.create({ ...input, position })),
  );
}

/**
 * The seven-step agenda partnership training teaches, added after the existing items in one
 * transaction. `titles` are the steps' titles in the language the meeting is held in (the
 * agenda stores them as typed words); English when not given.
 */
export const addSevenStepAgenda = (repos: Repositories, meetingId: string, titles?: readonly string[]): Promise<void> =>
  writeOpenRecord(
    repos,
    [repos.db.agendaItems],
    async () => meetingId,
    async () => {
      for (const [index, step] of SEVEN_STEP_AGENDA.entries()) await addAgendaItem(repos, { meetingId, ...step, title: titles?.[index] ?? step.title });
    },
  );

const meetingOfItem = (repos: Repositories, itemId: string) => async () => (await repos.db.agendaItems.get(itemId))?.meetingId;
const meetingOfAttendance = (repos: Repositories, id: string) => async () => (await repos.db.attendance.get(id))?.meetingId;

export const updateAgendaItem = (repos: Repositories, itemId: string, patch: Editable<Omit<AgendaItem, 'meetingId'>>): Promise<AgendaItem> =>
  writeOpenRecord(repos, [repos.db.agendaItems], meetingOfItem(repos, itemId), () => repos.agendaItems.update(itemId, patch));

export const removeAgendaItem = (repos: Repositories, itemId: string): Promise<AgendaItem | undefined> =>
  writeOpenRecord(repos, [repos.db.agendaItems], meetingOfItem(repos, itemId), () => repos.agendaItems.remove(itemId));

export const restoreAgendaItem = (repos: Repositories, item: AgendaItem): Promise<AgendaItem> =>
  writeOpenRecord(
    repos,
    [repos.db.agendaItems],
    async () => item.meetingId,
    () => repos.agendaItems.restore(item),
  );

/** Move an item one place up or down by giving it a position between its new neighbours. */
export function moveAgendaItem(repos: Repositories, itemId: string, direction: -1 | 1): Promise<void> {
  // The order is read in the move's own transaction, so quick clicks each move from the last.
  return writeOpenRecord(repos, [repos.db.agendaItems], meetingOfItem(repos, itemId), async () => {
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
export function setAttendance(repos: Repositories, meetingId: string, personId: string, status: Attendance['status']): Promise<Attendance> {
  const { db } = repos;
  return writeOpenRecord(
    repos,
    [db.attendance],
    async () => meetingId,
    async () => {
      const existing = await db.attendance.where('[meetingId+personId]').equals([meetingId, personId]).first();
      if (existing) return repos.attendance.update(existing.id, { status });
      return repos.attendance.create({ meetingId, personId, status });
    },
  );
}

/** Mark every member not yet marked as present, in one transaction. */
export function markAllPresent(repos: Repositories, meetingId: string, personIds: readonly string[]): Promise<void> {
  return writeOpenRecord(
    repos,
    [repos.db.attendance],
    async () => meetingId,
    async () => {
      const marked = new Set((await repos.db.attendance.where('meetingId').equals(meetingId).toArray()).map((a) => a.personId));
      for (const personId of personIds) if (!marked.has(personId)) await repos.attendance.create({ meetingId, personId, status: 'present' });
    },
  );
}

/** A guest (not on the roster) who attended, with the side they sat with if any. */
export const addGuest = (repos: Repositories, meetingId: string, guestName: string, guestSide: Side | null): Promise<Attendance> =>
  writeOpenRecord(
    repos,
    [repos.db.attendance],
    async () => meetingId,
    () => repos.attendance.create({ meetingId, guestName, guestSide, status: 'present' }),
  );

export const removeAttendance = (repos: Repositories, attendanceId: string): Promise<Attendance | undefined> =>
  writeOpenRecord(repos, [repos.db.attendance], meetingOfAttendance(repos, attendanceId), () => repos.attendance.remove(attendanceId));

export const restoreAttendance = (repos: Repositories, row: Attendance): Promise<Attendance> =>
  writeOpenRecord(
    repos,
    [repos.db.attendance],
    async () => row.meetingId,
    () => repos.attendance.restore(row),
  );
