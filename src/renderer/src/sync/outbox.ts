/**
 * Outbox operations after the server answered a push: drop what it acknowledged (and only that),
 * re-issue what it refused by opId, re-stamp what it refused as too far in the future. Each in
 * one transaction with the row states they rename, using the same pure steps as the Replica.
 */
import Dexie from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import { maxHlc, parseHlc, tick } from '@shared/sync/hlc';
import { renameVersions, type RowState } from '@shared/sync/merge';
import { Change, MAX_PUSH_BATCH, type PushResponse } from '@shared/sync/protocol';
import { reissueChanges, restampPlan, rewriteHlcClient } from '@shared/sync/reissue';
import { observedOffset } from './clockOffset';
import type { SyncRegistry } from '@shared/sync/registry';
import { conflictsOf } from '../db/capture/localWriter';
import { markSyncInternal } from '../db/capture/capture';
import {
  SyncTx,
  SYNC_STORE_NAMES,
  localRowKey,
  syncScope,
  type ClientMeta,
  type ClockMeta,
  type OutboxEntry,
  type PendingMeta,
  type StoredOutboxEntry,
  readOutboxEntry,
  toStoredOutboxEntry,
} from '../db/capture/syncTables';

/** Below the server's 4 MiB body limit with room for the envelope. */
export const MAX_PUSH_BYTES = 3 * 1024 * 1024;

export interface Batch {
  changes: Change[];
  /** The outbox entries the batch was drawn from: the push answer only touches these. */
  seqs: number[];
}

/**
 * The next batch to send, in capture order, bounded by count and bytes. A change the server
 * could never accept (not JSON, too large) is marked held with the reason instead of blocking
 * every change behind it. Only changes of `councils` (the account's councils on the server) go.
 */
export async function nextBatch(db: Dexie, councils: ReadonlySet<string>): Promise<Batch> {
  const batch: Batch = { changes: [], seqs: [] };
  const newlyHeld = new Map<number, Record<string, string>>();
  let bytes = 0;
  let full = false;
  await db
    .table<StoredOutboxEntry, number>('syncOutbox')
    .orderBy(':id')
    .until(() => full)
    .each((stored) => {
      const entry = readOutboxEntry(stored);
      let used = false;
      for (const change of entry.changes) {
        if (full) break;
        if (entry.held?.[change.opId] !== undefined) continue;
        // Councils this account is not a member of on the server (e.g. created only on this
        // laptop) stay in the outbox: the server would refuse the whole push for them.
        if (!councils.has(change.councilId)) continue;
        const parsed = Change.safeParse(change);
        if (!parsed.success) {
          const held = newlyHeld.get(entry.seq!) ?? { ...(entry.held ?? {}) };
          held[change.opId] = parsed.error.issues[0]?.message ?? 'invalid change';
          newlyHeld.set(entry.seq!, held);
          continue;
        }
        const size = JSON.stringify(change).length;
        if (batch.changes.length >= MAX_PUSH_BATCH || (batch.changes.length > 0 && bytes + size > MAX_PUSH_BYTES)) {
          full = true;
          break;
        }
        batch.changes.push(change);
        bytes += size;
        used = true;
      }
      if (used) batch.seqs.push(entry.seq!);
    });
  if (newlyHeld.size > 0) {
    await db.transaction('rw', 'syncOutbox', async () => {
      for (const [seq, held] of newlyHeld) await db.table('syncOutbox').update(seq, { held });
    });
  }
  return batch;
}

/** Changes waiting in the outbox (all of them, held and local-only included): one read. */
export async function countPending(db: Dexie): Promise<number> {
  const meta = (await db.table('syncMeta').get('pending')) as PendingMeta | undefined;
  return meta?.n ?? 0;
}

const allSyncTables = (): string[] => [...SYNC_STORE_NAMES];

/** The sync client's own access to the current transaction (its record writes are not captured). */
function internalTx(db: Dexie): SyncTx {
  const trans = Dexie.currentTransaction.idbtrans;
  markSyncInternal(trans);
  return new SyncTx(db.core, trans);
}

async function readClock(tx: SyncTx): Promise<ClockMeta> {
  return (await tx.getMeta<ClockMeta>('clock')) ?? { key: 'clock', wall: 0, counter: 0, offsetMs: 0, highWater: null, skewMs: 0 };
}

export async function handlePushResponse(
  db: Dexie,
  registry: SyncRegistry,
  response: PushResponse,
  sentSeqs: readonly number[],
  physicalNow: () => number,
  newOpId: () => string = uuidv7,
): Promise<number> {
  // Re-issued changes rename versions in row states, which live on the app records.
  const renames = response.rejected.some((r) => r.reason === 'op_id_conflict');
  return db.transaction('rw', renames ? syncScope(db, registry) : allSyncTables(), async () => {
    const tx = internalTx(db);
    const acked = new Set(response.acked);
    const outbox = db.table<StoredOutboxEntry, number>('syncOutbox');
    const entries = (await outbox.bulkGet([...sentSeqs])).filter((e): e is StoredOutboxEntry => e !== undefined).map(readOutboxEntry);
    let clock = await readClock(tx);
    let highWater = clock.highWater;
    let done = 0;
    for (const entry of entries) {
      const left = entry.changes.filter((c) => {
        if (!acked.has(c.opId)) return true;
        highWater = maxHlc(highWater, c.hlc);
        done++;
        return false;
      });
      if (left.length === entry.changes.length) continue;
      if (left.length === 0) await outbox.delete(entry.seq!);
      else await outbox.put(toStoredOutboxEntry({ ...entry, changes: left }));
    }
    clock = { ...clock, highWater, offsetMs: observedOffset(clock.offsetMs, response.serverTime, physicalNow()) };
    await tx.putMeta(clock);
    await tx.addPending(-done);
    // Refused for good (another council's row, an approved record, a server field): kept in the
    // outbox and shown with the server's reason, never sent again, so the changes behind it go.
    const refused = new Map(response.rejected.filter((r) => r.reason !== 'op_id_conflict').map((r) => [r.opId, r.message]));
    if (refused.size > 0) {
      for (const entry of entries) {
        const mine = entry.changes.filter((c) => refused.has(c.opId) && !acked.has(c.opId));
        if (mine.length === 0) continue;
        const held = { ...(entry.held ?? {}) };
        for (const c of mine) held[c.opId] = `The server refused this change: ${refused.get(c.opId)}`;
        await outbox.update(entry.seq!, { held });
      }
    }
    const rejected = new Set(response.rejected.filter((r) => r.reason === 'op_id_conflict').map((r) => r.opId));
    if (rejected.size > 0) await reissue(tx, registry, outbox, (c) => rejected.has(c.opId), null, newOpId);
    return done;
  });
}

/** The server refused our timestamps as too far ahead: correct the clock, re-stamp the suffix. */
export async function handleClockAhead(
  db: Dexie,
  registry: SyncRegistry,
  serverTime: number,
  maxFutureMs: number,
  physicalNow: () => number,
  newOpId: () => string = uuidv7,
): Promise<number> {
  return db.transaction('rw', syncScope(db, registry), async () => {
    const tx = internalTx(db);
    const outbox = db.table<StoredOutboxEntry, number>('syncOutbox');
    const entries = (await outbox.orderBy(':id').toArray()).map(readOutboxEntry);
    let clock = { ...(await readClock(tx)), offsetMs: serverTime - physicalNow() };
    const plan = restampPlan(
      entries.flatMap((e) => e.changes),
      serverTime,
      maxFutureMs,
      clock.highWater,
    );
    if (plan === null) {
      await tx.putMeta(clock);
      return 0;
    }
    const client = (await tx.getMeta<ClientMeta>('client'))!;
    const floor = plan.floor === null ? { wall: 0, counter: 0 } : parseHlc(plan.floor);
    let state = { wall: floor.wall, counter: floor.counter, clientId: client.clientId };
    const stamp = (): string => {
      const r = tick(state, physicalNow() + clock.offsetMs);
      state = r.clock;
      return r.hlc;
    };
    const n = await reissue(tx, registry, outbox, (_, i) => i >= plan.start, stamp, newOpId, entries);
    clock = { ...clock, wall: state.wall, counter: state.counter };
    await tx.putMeta(clock);
    return n;
  });
}

/**
 * This laptop was enrolled again (after its device was revoked, or onto another account): the
 * server binds a clientId to the device that first pushed it, so the old clientId would be
 * refused forever. Take a fresh clientId bound to `deviceId`, and re-issue every unsent change
 * under it (new opId, the same moment under the new writer); nothing in the outbox is lost.
 * Returns how many changes were re-issued.
 */
export async function rebindClient(
  db: Dexie,
  registry: SyncRegistry,
  deviceId: string,
  newClientId: string = uuidv7(),
  newOpId: () => string = uuidv7,
): Promise<number> {
  return db.transaction('rw', syncScope(db, registry), async () => {
    const tx = internalTx(db);
    const outbox = db.table<StoredOutboxEntry, number>('syncOutbox');
    await tx.putMeta({ key: 'client', clientId: newClientId, deviceId } satisfies ClientMeta);
    return reissue(
      tx,
      registry,
      outbox,
      (c) => c.clientId !== newClientId,
      (c) => rewriteHlcClient(c.hlc, newClientId),
      newOpId,
      undefined,
      newClientId,
    );
  });
}

/**
 * Before pushing: bind this installation's clientId to the enrolled device, or take a fresh one
 * when the laptop has been enrolled as another device since. Returns the clientId to push under.
 */
export async function bindClient(db: Dexie, registry: SyncRegistry, deviceId: string): Promise<string | null> {
  const client = await db.table<ClientMeta | undefined>('syncMeta').get('client');
  if (!client) return null; // nothing was ever written here: the first write makes the clientId
  if (client.deviceId === deviceId) return client.clientId;
  if (client.deviceId === undefined) {
    // First sync since enrollment (or since clientIds were bound here): the next push binds it.
    await db.transaction('rw', 'syncMeta', () => db.table('syncMeta').put({ ...client, deviceId } satisfies ClientMeta));
    return client.clientId;
  }
  const fresh = uuidv7();
  await rebindClient(db, registry, deviceId, fresh);
  return fresh;
}

async function reissue(
  tx: SyncTx,
  registry: SyncRegistry,
  outbox: Dexie.Table<StoredOutboxEntry, number>,
  select: (c: Change, index: number) => boolean,
  stamp: ((c: Change) => string) | null,
  newOpId: () => string,
  loaded?: OutboxEntry[],
  clientId?: string,
): Promise<number> {
  const entries = loaded ?? (await outbox.orderBy(':id').toArray()).map(readOutboxEntry);
  const flat = entries.flatMap((e) => e.changes);
  const plan = reissueChanges(flat, select, stamp, newOpId, clientId);
  // Write the re-issued changes back into their entries, in place: capture order is kept.
  let i = 0;
  const touched: OutboxEntry[] = [];
  for (const entry of entries) {
    const next = plan.outbox.slice(i, i + entry.changes.length);
    i += entry.changes.length;
    if (next.some((c, k) => c !== entry.changes[k])) {
      const held = entry.held
        ? Object.fromEntries(Object.entries(entry.held).map(([op, why]) => [plan.pairs.find(([old]) => old === op)?.[1].opId ?? op, why]))
        : undefined;
      touched.push(held ? { ...entry, changes: next, held } : { ...entry, changes: next });
    }
  }
  await outbox.bulkPut(touched.map(toStoredOutboxEntry));
  const keys = [...new Set(plan.pairs.map(([, c]) => localRowKey(c.table, c.rowId)))];
  const states = await tx.getStates(keys);
  const renamed = new Map<string, RowState>();
  for (const [k, s] of states) renamed.set(k, renameVersions(s, plan.replacement, plan.hlcMap));
  await tx.putStates(renamed);
  // Conflict ids name HLCs: a renamed version renames its conflicts.
  await tx.replaceConflicts(
    [...renamed.keys()],
    [...renamed.values()].flatMap((s) => conflictsOf(registry, s)),
  );
  return plan.pairs.length;
}
