import { describe, expect, it } from 'vitest';
import { hlcWall } from '@shared/sync/hlc';
import { Replica } from '@shared/sync/replica';
import type { Change } from '@shared/sync/protocol';
import { fingerprint, mergeAll } from './invariants';
import { Rng } from './random';

const COUNCIL = '0198c3f0-0000-7000-8000-0000000000c1';
const T0 = 1_767_225_600_000;
const DAY = 86_400_000;

describe('Replica', () => {
  it('sends the replaced version as baseHlc and keeps every local change in the outbox until acknowledged', () => {
    const rng = new Rng(1);
    const r = new Replica({ clientId: rng.uuid(), physicalNow: () => T0, newOpId: () => rng.uuid() });
    const c1 = r.applyLocalEdit(COUNCIL, 'meetings', 'm1', 'title', 'a');
    const c2 = r.applyLocalEdit(COUNCIL, 'meetings', 'm1', 'title', 'b');
    expect(c1.baseHlc).toBeNull();
    expect(c2.baseHlc).toBe(c1.hlc);
    expect(r.outbox).toHaveLength(2);
    r.handlePushResponse({ acked: [c1.opId], rejected: [], serverTime: T0 });
    expect(r.outbox.map((c) => c.opId)).toEqual([c2.opId]);
    expect(() => r.deleteRow(COUNCIL, 'meetings', 'm1')).not.toThrow();
    expect(() => r.applyLocalEdit(COUNCIL, 'meetings', 'm1', 'title', 'c')).toThrow(/deleted/);
    expect(() => r.restoreRow(COUNCIL, 'meetings', 'm1')).not.toThrow();
  });

  it('re-issues an opId the server rejected, keeping the write', () => {
    const rng = new Rng(2);
    const reissued: Array<[string, Change]> = [];
    const r = new Replica({ clientId: rng.uuid(), physicalNow: () => T0, newOpId: () => rng.uuid(), onReissue: (o, n) => reissued.push([o, n]) });
    const c1 = r.applyLocalEdit(COUNCIL, 'meetings', 'm1', 'title', 'a');
    r.handlePushResponse({ acked: [], rejected: [{ opId: c1.opId, reason: 'op_id_conflict', message: '' }], serverTime: T0 });
    expect(r.outbox).toHaveLength(1);
    expect(r.outbox[0]!.opId).not.toBe(c1.opId);
    expect(r.outbox[0]).toMatchObject({ hlc: c1.hlc, value: 'a' });
    expect(r.row(COUNCIL, 'meetings', 'm1')!.fields.title!.winner.opId).toBe(r.outbox[0]!.opId);
    expect(reissued).toEqual([[c1.opId, r.outbox[0]]]);
  });

  it('corrects a clock a day fast: re-stamps refused changes below the server limit, keeping their order and meaning', () => {
    const rng = new Rng(3);
    let physical = T0 + DAY; // this laptop's clock is a day fast
    const fast = new Replica({ clientId: rng.uuid(), physicalNow: () => physical, newOpId: () => rng.uuid() });
    const other = new Replica({ clientId: rng.uuid(), physicalNow: () => T0, newOpId: () => rng.uuid() });
    const o1 = other.applyLocalEdit(COUNCIL, 'meetings', 'm1', 'notes', 'server-side note');
    fast.applyRemote([o1]);
    const e1 = fast.applyLocalEdit(COUNCIL, 'meetings', 'm1', 'title', 'first');
    const e2 = fast.applyLocalEdit(COUNCIL, 'meetings', 'm1', 'title', 'second');
    const d = fast.deleteRow(COUNCIL, 'meetings', 'm2');
    expect(hlcWall(e1.hlc)).toBeGreaterThan(T0 + DAY - 1);

    fast.handleClockAhead(T0 + 1000, 10 * 60_000);
    const out = fast.outbox;
    expect(out).toHaveLength(3);
    for (const c of out) expect(hlcWall(c.hlc)).toBeLessThanOrEqual(T0 + 1000 + 10 * 60_000);
    expect(out.map((c) => c.value)).toEqual(['first', 'second', d.value]);
    expect(out[1]!.baseHlc).toBe(out[0]!.hlc); // the chain still says "second replaced first"
    expect(out[0]!.hlc > o1.hlc).toBe(true);
    expect(new Set(out.map((c) => c.opId)).has(e1.opId)).toBe(false);
    // The local state is exactly what merging the re-stamped changes gives.
    expect(fingerprint(fast.rowStates())).toBe(fingerprint(mergeAll([o1, ...out]).rows));
    // New edits continue from the corrected clock.
    physical += 5;
    const e3 = fast.applyLocalEdit(COUNCIL, 'meetings', 'm1', 'title', 'third');
    expect(hlcWall(e3.hlc)).toBeLessThan(T0 + DAY);
    expect(e3.baseHlc).toBe(out[1]!.hlc);
    expect(e2.hlc > e3.hlc).toBe(true);
  });

  it('never moves a pull cursor back when an old page is replayed', () => {
    const r = new Replica({ clientId: new Rng(4).uuid(), physicalNow: () => T0 });
    r.applyPull(COUNCIL, { changes: [], nextCursor: 10, hasMore: false, serverTime: T0 });
    r.applyPull(COUNCIL, { changes: [], nextCursor: 3, hasMore: false, serverTime: T0 });
    expect(r.cursors.get(COUNCIL)).toBe(10);
  });

  it('adopts the server clock offset but ignores jitter', () => {
    const r = new Replica({ clientId: new Rng(5).uuid(), physicalNow: () => T0 });
    r.observeServerTime(T0 + 500);
    expect(r.clockOffsetMs).toBe(0);
    r.observeServerTime(T0 - DAY);
    expect(r.clockOffsetMs).toBe(-DAY);
    expect(r.now()).toBe(T0 - DAY);
  });
});
