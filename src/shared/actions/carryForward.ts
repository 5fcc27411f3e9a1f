import type { BodyKind } from '../model/roster';
import type { ActionItemStatus, ParkingLotStatus } from '../model/ibps';

// What a meeting inherits from the same body's earlier meetings: unfinished action items and
// unanswered parking-lot items. Facilitators complain of action items that silently go stale, so
// nothing of the body is dropped quietly: items whose meeting is unknown are returned as unplaced.
// "Today" is always an argument so results do not depend on the clock or time zone of the laptop.

export const STALE_AFTER_DAYS = 30;

export interface MeetingRef {
  id: string;
  bodyKind: BodyKind;
  bodyId: string;
  /** Local date and time, YYYY-MM-DDTHH:mm: same-format strings sort in time order. */
  startsAt: string;
}

export interface ActionItemLike {
  id: string;
  bodyKind: BodyKind;
  bodyId: string;
  meetingId: string;
  status: ActionItemStatus;
  dueDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ParkingLotItemLike {
  id: string;
  bodyKind: BodyKind;
  bodyId: string;
  meetingId: string;
  status: ParkingLotStatus;
  resolvedMeetingId: string | null;
  createdAt: string;
}

export interface CarriedActionItem<T extends ActionItemLike = ActionItemLike> {
  item: T;
  /** The meeting where it was agreed. */
  origin: MeetingRef;
  /** How many meetings of the body (this one included) it has been carried to. */
  meetingsCarried: number;
  overdue: boolean;
  /** Days past the due date; 0 when not overdue. */
  daysOverdue: number;
  stale: boolean;
  daysSinceUpdate: number;
}

export interface CarriedParkingLotItem<T extends ParkingLotItemLike = ParkingLotItemLike> {
  item: T;
  origin: MeetingRef;
  meetingsCarried: number;
  /** Put on this meeting's agenda: the meeting is where it should be answered. */
  scheduledHere: boolean;
}

export interface CarryForwardInput<A extends ActionItemLike, P extends ParkingLotItemLike> {
  /** The meeting being prepared or held. */
  meeting: MeetingRef;
  /** Known meetings; other bodies' meetings may be included and are ignored. */
  meetings: readonly MeetingRef[];
  actionItems: readonly A[];
  parkingLotItems: readonly P[];
  /** The local calendar date, YYYY-MM-DD. */
  today: string;
  staleAfterDays?: number;
}

export interface CarryForwardResult<A extends ActionItemLike, P extends ParkingLotItemLike> {
  actionItems: CarriedActionItem<A>[];
  parkingLot: CarriedParkingLotItem<P>[];
  /**
   * Open items of this body whose meeting is not among its known meetings (not synced yet, or
   * deleted). They cannot be placed before or after this meeting, so they are shown apart.
   */
  unplaced: { actionItems: A[]; parkingLot: P[] };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** Days since 1970-01-01 of the YYYY-MM-DD at the start of `s`; UTC arithmetic, so no DST day is 23 hours. */
function dayNumber(s: string): number {
  const m = DATE.exec(s);
  if (!m) throw new RangeError(`not a date: ${s}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  if (new Date(ms).getUTCDate() !== d || new Date(ms).getUTCMonth() !== mo - 1) throw new RangeError(`not a date: ${s}`);
  return ms / 86_400_000;
}

export const isFinished = (status: ActionItemStatus) => status === 'done' || status === 'dropped';

/** Due before today and not done (or dropped). A due date of today is not overdue yet. */
export function isOverdue(item: Pick<ActionItemLike, 'status' | 'dueDate'>, today: string): boolean {
  return !isFinished(item.status) && item.dueDate !== null && dayNumber(item.dueDate) < dayNumber(today);
}

/**
 * Whole days from the last update to today. The update is an instant in UTC; its UTC date is
 * used, which can be a day off near midnight but never matters on a 30-day scale. An update
 * stamped after today (a laptop clock ahead) counts as today.
 */
export function daysSinceUpdate(item: Pick<ActionItemLike, 'updatedAt'>, today: string): number {
  return Math.max(0, dayNumber(today) - dayNumber(item.updatedAt));
}

/** Not done (or dropped) and untouched for `staleAfterDays` days or more. */
export function isStale(item: Pick<ActionItemLike, 'status' | 'updatedAt'>, today: string, staleAfterDays: number = STALE_AFTER_DAYS): boolean {
  return !isFinished(item.status) && daysSinceUpdate(item, today) >= staleAfterDays;
}

const sameBody = (a: { bodyKind: BodyKind; bodyId: string }, b: { bodyKind: BodyKind; bodyId: string }) => a.bodyKind === b.bodyKind && a.bodyId === b.bodyId;

/** Meetings in time order; two at the same minute fall back to the id (UUIDv7 is time-ordered). */
const byTime = (a: MeetingRef, b: MeetingRef) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id);

export function carryForward<A extends ActionItemLike, P extends ParkingLotItemLike>(input: CarryForwardInput<A, P>): CarryForwardResult<A, P> {
  const { meeting, today } = input;
  const staleAfterDays = input.staleAfterDays ?? STALE_AFTER_DAYS;
  dayNumber(today);

  const bodyMeetings = input.meetings.filter((m) => sameBody(m, meeting) && m.id !== meeting.id);
  const ordered = [...bodyMeetings, meeting].sort(byTime);
  const index = new Map(ordered.map((m, i) => [m.id, i]));
  const here = index.get(meeting.id) as number;
  const unplaced: CarryForwardResult<A, P>['unplaced'] = { actionItems: [], parkingLot: [] };

  /** The item's meeting if it is an earlier meeting of this body; null if it is this one or later. */
  const placeEarlier = (item: { meetingId: string }): MeetingRef | null | undefined => {
    const i = index.get(item.meetingId);
    if (i === undefined) return undefined;
    return i < here ? (ordered[i] as MeetingRef) : null;
  };

  const actionItems: CarriedActionItem<A>[] = [];
  for (const item of input.actionItems) {
    if (!sameBody(item, meeting) || isFinished(item.status)) continue;
    const origin = placeEarlier(item);
    if (origin === undefined) {
      unplaced.actionItems.push(item);
      continue;
    }
    if (origin === null) continue;
    const overdue = isOverdue(item, today);
    actionItems.push({
      item,
      origin,
      meetingsCarried: here - (index.get(origin.id) as number),
      overdue,
      daysOverdue: overdue && item.dueDate !== null ? dayNumber(today) - dayNumber(item.dueDate) : 0,
      stale: isStale(item, today, staleAfterDays),
      daysSinceUpdate: daysSinceUpdate(item, today),
    });
  }

  const parkingLot: CarriedParkingLotItem<P>[] = [];
  for (const item of input.parkingLotItems) {
    if (!sameBody(item, meeting) || item.status === 'answered') continue;
    const origin = placeEarlier(item);
    if (origin === undefined) {
      unplaced.parkingLot.push(item);
      continue;
    }
    if (origin === null) continue;
    parkingLot.push({
      item,
      origin,
      meetingsCarried: here - (index.get(origin.id) as number),
      scheduledHere: item.status === 'scheduled' && item.resolvedMeetingId === meeting.id,
    });
  }

  const originOrder = (a: { origin: MeetingRef; item: { createdAt: string; id: string } }, b: typeof a) =>
    (index.get(a.origin.id) as number) - (index.get(b.origin.id) as number) ||
    a.item.createdAt.localeCompare(b.item.createdAt) ||
    a.item.id.localeCompare(b.item.id);

  // Overdue first (longest overdue at the top), then by due date, then undated ones with the
  // stale before the fresh: the order in which they need the room's attention.
  const group = (c: CarriedActionItem<A>) => (c.overdue ? 0 : c.item.dueDate !== null ? 1 : 2);
  actionItems.sort(
    (a, b) => group(a) - group(b) || (a.item.dueDate ?? '').localeCompare(b.item.dueDate ?? '') || Number(b.stale) - Number(a.stale) || originOrder(a, b),
  );
  // What is on this meeting's agenda first, then the longest waiting.
  parkingLot.sort((a, b) => Number(b.scheduledHere) - Number(a.scheduledHere) || originOrder(a, b));

  return { actionItems, parkingLot, unplaced };
}
