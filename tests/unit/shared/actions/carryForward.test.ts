import { describe, expect, it } from 'vitest';
import {
  STALE_AFTER_DAYS,
  carryForward,
  daysSinceUpdate,
  isOverdue,
  isStale,
  type ActionItemLike,
  type MeetingRef,
  type ParkingLotItemLike,
} from '@shared/actions/carryForward';

const TEAM = 'team-3west';
const OTHER_TEAM = 'team-pharmacy';

const meeting = (id: string, startsAt: string, bodyId = TEAM, bodyKind: MeetingRef['bodyKind'] = 'team'): MeetingRef => ({
  id,
  bodyKind,
  bodyId,
  startsAt,
});

const jan = meeting('m-jan', '2026-01-13T14:00');
const feb = meeting('m-feb', '2026-02-10T14:00');
const mar = meeting('m-mar', '2026-03-10T14:00');
const apr = meeting('m-apr', '2026-04-14T14:00');
const pharmacyJan = meeting('p-jan', '2026-01-20T09:00', OTHER_TEAM);
const meetings = [apr, pharmacyJan, feb, jan, mar];
const TODAY = '2026-03-10';

let seq = 0;
const action = (over: Partial<ActionItemLike> & Pick<ActionItemLike, 'meetingId'>): ActionItemLike & { what: string } => {
  seq += 1;
  return {
    id: `a-${String(seq).padStart(3, '0')}`,
    bodyKind: 'team',
    bodyId: TEAM,
    status: 'open',
    dueDate: null,
    createdAt: '2026-01-13T15:00:00.000Z',
    updatedAt: '2026-03-01T12:00:00.000Z',
    what: `item ${seq}`,
    ...over,
  };
};

const parked = (over: Partial<ParkingLotItemLike> & Pick<ParkingLotItemLike, 'meetingId'>): ParkingLotItemLike => {
  seq += 1;
  return {
    id: `p-${String(seq).padStart(3, '0')}`,
    bodyKind: 'team',
    bodyId: TEAM,
    status: 'open',
    resolvedMeetingId: null,
    createdAt: '2026-01-13T15:00:00.000Z',
    ...over,
  };
};

const run = (actionItems: ActionItemLike[], parkingLotItems: ParkingLotItemLike[] = [], today = TODAY, target = mar) =>
  carryForward({ meeting: target, meetings, actionItems, parkingLotItems, today });

describe('isOverdue', () => {
  it('is overdue from the day after the due date, until done or dropped', () => {
    expect(isOverdue({ status: 'open', dueDate: '2026-03-09' }, TODAY)).toBe(true);
    expect(isOverdue({ status: 'in-progress', dueDate: '2025-12-31' }, TODAY)).toBe(true);
    expect(isOverdue({ status: 'open', dueDate: '2026-03-10' }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'open', dueDate: null }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'done', dueDate: '2026-01-01' }, TODAY)).toBe(false);
    expect(isOverdue({ status: 'dropped', dueDate: '2026-01-01' }, TODAY)).toBe(false);
  });

  it('counts across a daylight-saving change and a leap day as whole days', () => {
    expect(isOverdue({ status: 'open', dueDate: '2028-02-29' }, '2028-03-01')).toBe(true);
    expect(daysSinceUpdate({ updatedAt: '2026-03-07T23:59:59.000Z' }, '2026-03-09')).toBe(2);
  });

  it('refuses a "today" that is not a date', () => {
    expect(() => isOverdue({ status: 'open', dueDate: '2026-03-01' }, '03/10/2026')).toThrow(RangeError);
    expect(() => isOverdue({ status: 'open', dueDate: '2026-03-01' }, '2026-02-30')).toThrow(RangeError);
  });
});

describe('isStale', () => {
  it(`is stale after ${STALE_AFTER_DAYS} days without an update, unless finished`, () => {
    expect(isStale({ status: 'open', updatedAt: '2026-02-08T12:00:00.000Z' }, TODAY)).toBe(true); // 30 days
    expect(isStale({ status: 'open', updatedAt: '2026-02-09T12:00:00.000Z' }, TODAY)).toBe(false); // 29 days
    expect(isStale({ status: 'in-progress', updatedAt: '2025-11-01T12:00:00.000Z' }, TODAY)).toBe(true);
    expect(isStale({ status: 'done', updatedAt: '2025-11-01T12:00:00.000Z' }, TODAY)).toBe(false);
    expect(isStale({ status: 'dropped', updatedAt: '2025-11-01T12:00:00.000Z' }, TODAY)).toBe(false);
  });

  it('takes another threshold when given one', () => {
    expect(isStale({ status: 'open', updatedAt: '2026-03-03T12:00:00.000Z' }, TODAY, 7)).toBe(true);
    expect(isStale({ status: 'open', updatedAt: '2026-03-04T12:00:00.000Z' }, TODAY, 7)).toBe(false);
  });

  it('treats an update stamped after today (a laptop clock ahead) as fresh', () => {
    expect(daysSinceUpdate({ updatedAt: '2026-03-12T08:00:00.000Z' }, TODAY)).toBe(0);
  });
});

describe('carryForward: action items', () => {
  it('carries open and in-progress items from earlier meetings of the same body', () => {
    const open = action({ meetingId: 'm-jan' });
    const inProgress = action({ meetingId: 'm-feb', status: 'in-progress' });
    const r = run([open, inProgress]);
    expect(r.actionItems.map((c) => c.item.id)).toEqual([open.id, inProgress.id]);
    expect(r.actionItems[0]).toMatchObject({ origin: jan, meetingsCarried: 2 });
    expect(r.actionItems[1]).toMatchObject({ origin: feb, meetingsCarried: 1 });
  });

  it('returns the caller\u2019s own rows, with every field', () => {
    const item = action({ meetingId: 'm-jan' });
    expect(run([item]).actionItems[0]?.item).toBe(item);
  });

  it('drops done and dropped items', () => {
    const r = run([action({ meetingId: 'm-jan', status: 'done' }), action({ meetingId: 'm-feb', status: 'dropped' })]);
    expect(r.actionItems).toEqual([]);
  });

  it('never carries items from this meeting or a later one', () => {
    const r = run([action({ meetingId: 'm-mar' }), action({ meetingId: 'm-apr' })]);
    expect(r.actionItems).toEqual([]);
    expect(r.unplaced.actionItems).toEqual([]);
  });

  it('never carries another body\u2019s items, even a council with the same id', () => {
    const r = run([
      action({ meetingId: 'p-jan', bodyId: OTHER_TEAM }),
      action({ meetingId: 'm-jan', bodyKind: 'council' }),
      action({ meetingId: 'm-jan', bodyId: OTHER_TEAM }),
    ]);
    expect(r.actionItems).toEqual([]);
    expect(r.unplaced.actionItems).toEqual([]);
  });

  it('shows apart, rather than losing, open items whose meeting it does not know', () => {
    const notSynced = action({ meetingId: 'm-unknown' });
    const wrongBody = action({ meetingId: 'p-jan' }); // says 3 West, but the meeting is the pharmacy's
    const doneNotSynced = action({ meetingId: 'm-unknown', status: 'done' });
    const r = run([notSynced, wrongBody, doneNotSynced]);
    expect(r.actionItems).toEqual([]);
    expect(r.unplaced.actionItems).toEqual([notSynced, wrongBody]);
  });

  it('flags overdue and stale items with how far gone they are', () => {
    const late = action({ meetingId: 'm-jan', dueDate: '2026-02-28', updatedAt: '2026-03-05T10:00:00.000Z' });
    const quiet = action({ meetingId: 'm-jan', updatedAt: '2026-01-13T15:00:00.000Z' });
    const [a, b] = run([late, quiet]).actionItems;
    expect(a).toMatchObject({ overdue: true, daysOverdue: 10, stale: false, daysSinceUpdate: 5 });
    expect(b).toMatchObject({ overdue: false, daysOverdue: 0, stale: true, daysSinceUpdate: 56 });
  });

  it('uses the staleness threshold it is given', () => {
    const item = action({ meetingId: 'm-feb', updatedAt: '2026-03-01T10:00:00.000Z' });
    const r = carryForward({ meeting: mar, meetings, actionItems: [item], parkingLotItems: [], today: TODAY, staleAfterDays: 7 });
    expect(r.actionItems[0]?.stale).toBe(true);
  });

  it('lists overdue first (longest overdue on top), then by due date, then undated with stale ones first', () => {
    const dueSoon = action({ meetingId: 'm-jan', dueDate: '2026-03-20' });
    const overdueLittle = action({ meetingId: 'm-jan', dueDate: '2026-03-05' });
    const undatedFresh = action({ meetingId: 'm-jan' });
    const overdueLong = action({ meetingId: 'm-feb', dueDate: '2026-02-01' });
    const undatedStale = action({ meetingId: 'm-feb', updatedAt: '2026-01-02T10:00:00.000Z' });
    const dueLater = action({ meetingId: 'm-jan', dueDate: '2026-04-01' });
    const undatedCreatedLater = action({ meetingId: 'm-jan', createdAt: '2026-01-13T15:30:00.000Z' });
    const r = run([dueSoon, overdueLittle, undatedFresh, overdueLong, undatedStale, dueLater, undatedCreatedLater]);
    expect(r.actionItems.map((c) => c.item.id)).toEqual([
      overdueLong.id,
      overdueLittle.id,
      dueSoon.id,
      dueLater.id,
      undatedStale.id,
      undatedFresh.id,
      undatedCreatedLater.id,
    ]);
  });

  it('gives the same answer whatever order the rows and meetings arrive in', () => {
    const items = [
      action({ meetingId: 'm-jan', dueDate: '2026-03-01' }),
      action({ meetingId: 'm-feb' }),
      action({ meetingId: 'm-jan' }),
      action({ meetingId: 'm-feb', dueDate: '2026-03-01' }),
    ];
    const a = carryForward({ meeting: mar, meetings, actionItems: items, parkingLotItems: [], today: TODAY });
    const b = carryForward({ meeting: mar, meetings: [...meetings].reverse(), actionItems: [...items].reverse(), parkingLotItems: [], today: TODAY });
    expect(b.actionItems.map((c) => c.item.id)).toEqual(a.actionItems.map((c) => c.item.id));
  });

  it('orders two meetings at the same minute by id, and works without the target in the list', () => {
    const early = meeting('m-mar-a', '2026-03-10T14:00');
    const late = meeting('m-mar-b', '2026-03-10T14:00');
    const item = action({ meetingId: 'm-mar-a' });
    const toLate = carryForward({ meeting: late, meetings: [early], actionItems: [item], parkingLotItems: [], today: TODAY });
    expect(toLate.actionItems.map((c) => c.item.id)).toEqual([item.id]);
    const toEarly = carryForward({ meeting: early, meetings: [late], actionItems: [action({ meetingId: 'm-mar-b' })], parkingLotItems: [], today: TODAY });
    expect(toEarly.actionItems).toEqual([]);
  });

  it('carries nothing to the first meeting of a body', () => {
    expect(run([action({ meetingId: 'm-jan' })], [], TODAY, jan).actionItems).toEqual([]);
  });

  it('refuses an invalid today instead of guessing', () => {
    expect(() => run([], [], 'today')).toThrow(RangeError);
  });
});

describe('carryForward: parking lot', () => {
  it('carries open and scheduled items until answered, this meeting\u2019s scheduled ones first', () => {
    const openOld = parked({ meetingId: 'm-jan' });
    const scheduledHere = parked({ meetingId: 'm-feb', status: 'scheduled', resolvedMeetingId: 'm-mar' });
    const scheduledLater = parked({ meetingId: 'm-jan', status: 'scheduled', resolvedMeetingId: 'm-apr', createdAt: '2026-01-13T16:00:00.000Z' });
    const answered = parked({ meetingId: 'm-jan', status: 'answered', resolvedMeetingId: 'm-feb' });
    const raisedNow = parked({ meetingId: 'm-mar' });
    const raisedLater = parked({ meetingId: 'm-apr' });
    const otherBody = parked({ meetingId: 'p-jan', bodyId: OTHER_TEAM });
    const r = run([], [openOld, scheduledHere, scheduledLater, answered, raisedNow, raisedLater, otherBody]);
    expect(r.parkingLot.map((c) => c.item.id)).toEqual([scheduledHere.id, openOld.id, scheduledLater.id]);
    expect(r.parkingLot.map((c) => c.scheduledHere)).toEqual([true, false, false]);
    expect(r.parkingLot[1]).toMatchObject({ origin: jan, meetingsCarried: 2 });
  });

  it('shows apart open items whose meeting it does not know', () => {
    const lost = parked({ meetingId: 'm-unknown' });
    const r = run([], [lost, parked({ meetingId: 'm-unknown', status: 'answered' })]);
    expect(r.parkingLot).toEqual([]);
    expect(r.unplaced.parkingLot).toEqual([lost]);
  });
});
