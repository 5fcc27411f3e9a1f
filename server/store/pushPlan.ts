/**
 * What the server does with a push, decided in one pure function both stores share: which changes
 * are replays, which are refused (and why), which rows get claimed, which write-once fields get
 * recorded and which server stamps are added. The stores only read what `pushNeeds` asks for,
 * inside the push's transaction, and write what `planPush` decides.
 *
 * The rules come from the shared sync registry (src/shared/sync/appRegistry.ts), the same
 * declarations the clients use:
 * - a council's own row (a `self`-scoped table) lives only in that council: rowId = councilId;
 * - every other row belongs to the council that first wrote it; changes tagging it with another
 *   council are refused, and so are council fields and parent references naming another council;
 * - write-once (`immutable`) rows: each field is written once, only by the account that wrote the
 *   row's first field, and the row is never deleted. The same value written again, by anyone, is
 *   acknowledged and not stored (like a replay): laptops that each freeze the same approved
 *   version (one id per meeting and round) all empty their outboxes, and the log keeps one copy.
 *   A bookkeeping field (createdAt, updatedAt: when that laptop froze its copy) written again is
 *   dropped the same way whatever its value; any other value is refused (`write_once`);
 * - server-written fields (`stampAccount`) are never taken from a client; every push that writes
 *   such a row adds a change stamping it with the pushing account.
 * Refusals are per change (`rejected` with a reason), so one bad change never holds back a
 * laptop's honest ones. Tables the registry does not declare (a newer app's) keep only the
 * first-claim rule: the server stores their field/value pairs opaquely.
 */
import { v7 as uuidv7 } from 'uuid';
import type { SyncRegistry } from '../../src/shared/sync/registry';
import { DELETED_FIELD, type Change, type JsonValue, type RejectReason } from '../../src/shared/sync/protocol';
import { sameChange, valueHash } from './common';
import type { PushInput } from './types';

export interface RejectedChange {
  opId: string;
  reason: RejectReason;
  message: string;
}

/** (table, rowId) as one map key. */
export const rowKeyOf = (table: string, rowId: string): string => `${table}\u0000${rowId}`;
/** (councilId, opId) as one map key: opIds are unique per council. */
export const opKeyOf = (councilId: string, opId: string): string => `${councilId}\u0000${opId}`;

export interface RowOwner {
  councilId: string;
  /** HLC of the row's latest server stamp, if any. */
  stampHlc: string | null;
}

export interface WriteOnceRow {
  accountId: string;
  /**
   * Field -> hash of the value that stands (valueHash); null for a field recorded before values
   * were hashed whose stored change was not read (only fields a push writes are), or is missing.
   */
  fields: ReadonlyMap<string, string | null>;
}

/** A row of write_once_fields, as both stores read it. */
export interface StoredWriteOnceField {
  tbl: string;
  row_id: string;
  field: string;
  account_id: string;
  value_hash: string | null;
}

/** Whether the store must read this field's stored change to learn its hash: recorded before values were hashed, and written again by this push. */
export function needsHash(f: StoredWriteOnceField, needs: PushNeeds): boolean {
  return f.value_hash === null && (needs.writeOnceFields.get(rowKeyOf(f.tbl, f.row_id))?.has(f.field) ?? false);
}

/** The facts planPush reads about write-once rows, from their stored fields (one account per row: the first field's). */
export function writeOnceRowsOf(stored: readonly StoredWriteOnceField[]): Map<string, WriteOnceRow> {
  const out = new Map<string, { accountId: string; fields: Map<string, string | null> }>();
  for (const f of stored) {
    const key = rowKeyOf(f.tbl, f.row_id);
    const row = out.get(key) ?? { accountId: f.account_id, fields: new Map<string, string | null>() };
    row.fields.set(f.field, f.value_hash);
    out.set(key, row);
  }
  return out;
}

/** What the store must read before planning. */
export interface PushNeeds {
  ops: Array<{ councilId: string; opId: string }>;
  /** Rows whose owner (and stamp) is needed: the rows written and the rows council fields name. */
  rows: Array<{ table: string; rowId: string }>;
  /** Ids that parent references may name as a council: which of them are councils. */
  councilRefs: string[];
  writeOnceRows: Array<{ table: string; rowId: string }>;
  /**
   * The fields of those rows this push writes (rowKeyOf -> fields): a field recorded before values
   * were hashed gets its hash from the stored change, and only these need it.
   */
  writeOnceFields: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface PushFacts {
  existing: ReadonlyMap<string, Change>;
  owners: ReadonlyMap<string, RowOwner>;
  councils: ReadonlySet<string>;
  writeOnce: ReadonlyMap<string, WriteOnceRow>;
}

export interface PushPlan {
  /** Accepted changes and stamps per council (sorted ids, so concurrent pushes lock in one order), in push order. */
  insert: Map<string, Change[]>;
  acked: string[];
  rejected: RejectedChange[];
  /** Rows first written by this push. */
  claims: Array<{ table: string; rowId: string; councilId: string }>;
  writeOnce: Array<{ table: string; rowId: string; field: string; accountId: string; valueHash: string }>;
  stamps: Array<{ table: string; rowId: string; hlc: string }>;
}

function isSelf(registry: SyncRegistry, table: string): boolean {
  return registry.has(table) && registry.get(table).council.kind === 'self';
}

export function pushNeeds(changes: readonly Change[], registry: SyncRegistry): PushNeeds {
  const ops = new Map<string, { councilId: string; opId: string }>();
  const rows = new Map<string, { table: string; rowId: string }>();
  const councilRefs = new Set<string>();
  const writeOnceRows = new Map<string, { table: string; rowId: string }>();
  const writeOnceFields = new Map<string, Set<string>>();
  for (const c of changes) {
    ops.set(opKeyOf(c.councilId, c.opId), { councilId: c.councilId, opId: c.opId });
    if (!isSelf(registry, c.table)) rows.set(rowKeyOf(c.table, c.rowId), { table: c.table, rowId: c.rowId });
    const ref = registry.councilReference(c.table, c.field);
    if (ref?.kind === 'parent' && typeof c.value === 'string') {
      for (const t of ref.tables) {
        if (isSelf(registry, t)) councilRefs.add(c.value);
        else rows.set(rowKeyOf(t, c.value), { table: t, rowId: c.value });
      }
    }
    if (registry.has(c.table) && registry.get(c.table).immutable) {
      const key = rowKeyOf(c.table, c.rowId);
      writeOnceRows.set(key, { table: c.table, rowId: c.rowId });
      const fields = writeOnceFields.get(key) ?? new Set<string>();
      fields.add(c.field);
      writeOnceFields.set(key, fields);
    }
  }
  return {
    ops: [...ops.values()],
    rows: [...rows.values()],
    councilRefs: [...councilRefs],
    writeOnceRows: [...writeOnceRows.values()],
    writeOnceFields,
  };
}

const MESSAGES = {
  opIdConflict: 'this opId is already stored with different content; re-issue the change under a new opId',
  councilRow: "a council's own row lives only in that council: its rowId must be the councilId",
  ownedElsewhere: 'this row belongs to another council',
  councilField: 'the council field must name the council the change is for',
  parentElsewhere: 'this field names a row of another council',
  deleteWriteOnce: 'an approved record is never deleted',
  rewriteWriteOnce: 'this field of an approved record is already written and never changes',
  otherAccount: 'only the account that wrote this approved record may add to it',
  serverField: 'this field is written by the server, never by a client',
};

export function planPush(input: PushInput, registry: SyncRegistry, facts: PushFacts, newOpId: () => string = uuidv7): PushPlan {
  const acked: string[] = [];
  const ackedSet = new Set<string>();
  const ack = (opId: string) => {
    if (!ackedSet.has(opId)) {
      ackedSet.add(opId);
      acked.push(opId);
    }
  };
  const rejected: RejectedChange[] = [];
  const rejectedSet = new Set<string>();
  const reject = (c: Change, reason: RejectReason, message: string) => {
    const key = opKeyOf(c.councilId, c.opId);
    if (rejectedSet.has(key)) return;
    rejectedSet.add(key);
    rejected.push({ opId: c.opId, reason, message });
  };

  // Replays (same opId, same content) are acknowledged again; an opId taken by other content is refused.
  const seen = new Map<string, Change>();
  const fresh: Change[] = [];
  for (const c of input.changes) {
    const key = opKeyOf(c.councilId, c.opId);
    const stored = facts.existing.get(key);
    if (stored) {
      if (sameChange(stored, c)) ack(c.opId);
      else reject(c, 'op_id_conflict', MESSAGES.opIdConflict);
      continue;
    }
    const earlier = seen.get(key);
    if (earlier) {
      // The same change twice in one push shares the first one's fate.
      if (!sameChange(earlier, c)) reject(c, 'op_id_conflict', MESSAGES.opIdConflict);
      continue;
    }
    seen.set(key, c);
    fresh.push(c);
  }

  // Owners as this push leaves them: the stored ones, plus rows this push writes first.
  const claimed = new Map<string, string>();
  const ownerOf = (table: string, rowId: string): string | undefined => {
    const key = rowKeyOf(table, rowId);
    return facts.owners.get(key)?.councilId ?? claimed.get(key);
  };
  const writeOnce = new Map<string, WriteOnceRow>();
  const writeOnceOf = (key: string) => writeOnce.get(key) ?? facts.writeOnce.get(key);
  const newWriteOnce: PushPlan['writeOnce'] = [];

  const accepted: Change[] = [];
  for (const c of fresh) {
    const decl = registry.has(c.table) ? registry.get(c.table) : null;
    if (decl?.stampAccount === c.field) {
      reject(c, 'server_field', MESSAGES.serverField);
      continue;
    }
    if (decl?.council.kind === 'self') {
      if (c.rowId !== c.councilId) {
        reject(c, 'not_owner', MESSAGES.councilRow);
        continue;
      }
    } else {
      const owner = ownerOf(c.table, c.rowId);
      if (owner !== undefined && owner !== c.councilId) {
        reject(c, 'not_owner', MESSAGES.ownedElsewhere);
        continue;
      }
      if (owner === undefined) claimed.set(rowKeyOf(c.table, c.rowId), c.councilId);
    }
    const ref = registry.councilReference(c.table, c.field);
    if (ref && !referenceAllowed(ref, c.value, c.councilId, registry, facts.councils, ownerOf)) {
      reject(c, 'not_owner', ref.kind === 'council' ? MESSAGES.councilField : MESSAGES.parentElsewhere);
      continue;
    }
    if (decl?.immutable) {
      if (c.field === DELETED_FIELD) {
        reject(c, 'write_once', MESSAGES.deleteWriteOnce);
        continue;
      }
      const key = rowKeyOf(c.table, c.rowId);
      const row = writeOnceOf(key);
      const hash = valueHash(c.value);
      const standing = row?.fields.get(c.field);
      if (standing !== undefined) {
        // Nothing would change: acknowledged, stored no second time, from whichever account.
        if (standing === hash || registry.quietFields(c.table).includes(c.field)) ack(c.opId);
        else reject(c, 'write_once', MESSAGES.rewriteWriteOnce);
        continue;
      }
      if (row && row.accountId !== input.accountId) {
        reject(c, 'write_once', MESSAGES.otherAccount);
        continue;
      }
      writeOnce.set(key, { accountId: input.accountId, fields: new Map([...(row?.fields ?? []), [c.field, hash]]) });
      newWriteOnce.push({ table: c.table, rowId: c.rowId, field: c.field, accountId: input.accountId, valueHash: hash });
    }
    accepted.push(c);
    ack(c.opId);
  }

  // Only rows that really got a change are claimed.
  const written = new Set(accepted.map((c) => rowKeyOf(c.table, c.rowId)));
  const claims: PushPlan['claims'] = [];
  for (const [key, councilId] of claimed) {
    if (!written.has(key)) continue;
    const at = key.indexOf('\u0000');
    claims.push({ table: key.slice(0, at), rowId: key.slice(at + 1), councilId });
  }

  // Server stamps: one per stamped row this push wrote, after the row's changes, replacing the
  // previous stamp knowingly (its baseHlc), so stamps never show as conflicts. It carries the
  // HLC of the push's newest change to the row: the stamp names whoever wrote the row last.
  const stamps: PushPlan['stamps'] = [];
  const stampChanges: Change[] = [];
  const newest = new Map<string, Change>();
  for (const c of accepted) {
    if (c.field === DELETED_FIELD || !registry.has(c.table) || registry.get(c.table).stampAccount === undefined) continue;
    const key = rowKeyOf(c.table, c.rowId);
    const prev = newest.get(key);
    if (!prev || c.hlc > prev.hlc) newest.set(key, c);
  }
  for (const [key, c] of newest) {
    const previous = facts.owners.get(key)?.stampHlc ?? null;
    if (previous !== null && previous >= c.hlc) continue;
    const value: JsonValue = { id: input.accountId, name: input.accountName };
    stampChanges.push({
      opId: newOpId(),
      clientId: c.clientId,
      councilId: c.councilId,
      table: c.table,
      rowId: c.rowId,
      field: registry.get(c.table).stampAccount!,
      value,
      hlc: c.hlc,
      baseHlc: previous,
    });
    stamps.push({ table: c.table, rowId: c.rowId, hlc: c.hlc });
  }

  const insert = new Map<string, Change[]>();
  for (const id of [...new Set([...accepted, ...stampChanges].map((c) => c.councilId))].sort()) insert.set(id, []);
  for (const c of [...accepted, ...stampChanges]) insert.get(c.councilId)!.push(c);
  return { insert, acked, rejected, claims, writeOnce: newWriteOnce, stamps };
}

function referenceAllowed(
  ref: NonNullable<ReturnType<SyncRegistry['councilReference']>>,
  value: JsonValue,
  councilId: string,
  registry: SyncRegistry,
  councils: ReadonlySet<string>,
  ownerOf: (table: string, rowId: string) => string | undefined,
): boolean {
  if (ref.kind === 'council') return value === councilId;
  // A cleared reference (null, absent) places the row nowhere else.
  if (typeof value !== 'string' || value === councilId) return true;
  for (const t of ref.tables) {
    if (isSelf(registry, t)) {
      if (councils.has(value)) return false;
      continue;
    }
    const owner = ownerOf(t, value);
    if (owner !== undefined && owner !== councilId) return false;
  }
  return true;
}
