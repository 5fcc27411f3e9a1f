/**
 * Re-issuing outbox changes, shared by every client (the in-memory Replica and the Dexie client):
 * - under a new opId when the server says the opId is taken by different content;
 * - re-stamped under a corrected clock when the server refused their HLCs as too far ahead.
 * Pure: it returns the new outbox and the renames the caller applies to its row states
 * (merge.renameVersions), so both clients rename exactly the same way.
 */
import { encodeHlc, hlcWall, maxHlc, parseHlc } from './hlc';
import { rowKey, versionOf, type FieldVersion } from './merge';
import { DELETED_FIELD, type Change, type JsonValue } from './protocol';

export interface ReissuePlan {
  readonly outbox: Change[];
  /** old opId -> the re-issued version, for renameVersions. */
  readonly replacement: Map<string, FieldVersion>;
  /** old HLC -> new HLC (identity when only the opId changed). */
  readonly hlcMap: Map<string, string>;
  readonly pairs: Array<readonly [oldOpId: string, next: Change]>;
  /** rowKeys whose state must be renamed. */
  readonly touchedRows: Set<string>;
}

/**
 * `stamp` gives the new HLC of a selected change (called in outbox order), or is null to keep the
 * HLC. Bases and tombstone `seen` maps that point at a re-stamped change follow it. `clientId`:
 * the writer the re-issued changes go out as (a laptop enrolled again writes under a fresh one;
 * `stamp` must then give HLCs naming it).
 */
export function reissueChanges(
  outbox: readonly Change[],
  select: (c: Change, index: number) => boolean,
  stamp: ((c: Change) => string) | null,
  newOpId: () => string,
  clientId?: string,
): ReissuePlan {
  const hlcMap = new Map<string, string>();
  const replacement = new Map<string, FieldVersion>();
  const touchedRows = new Set<string>();
  const pairs: Array<readonly [string, Change]> = [];
  const next = outbox.map((c, index) => {
    if (!select(c, index)) return c;
    const hlc = stamp ? stamp(c) : c.hlc;
    hlcMap.set(c.hlc, hlc);
    const baseHlc = c.baseHlc === null ? null : (hlcMap.get(c.baseHlc) ?? c.baseHlc);
    const value = c.field === DELETED_FIELD ? remapSeen(c.value, hlcMap) : c.value;
    const issued: Change = { ...c, opId: newOpId(), hlc, baseHlc, value, clientId: clientId ?? c.clientId };
    replacement.set(c.opId, versionOf(issued));
    touchedRows.add(rowKey(c.councilId, c.table, c.rowId));
    pairs.push([c.opId, issued]);
    return issued;
  });
  return { outbox: next, replacement, hlcMap, pairs, touchedRows };
}

/**
 * Where re-stamping starts after a clock_ahead refusal, and the HLC it must stay above: the first
 * outbox change past the server's limit, and the highest HLC known from elsewhere or kept before it.
 */
export function restampPlan(
  outbox: readonly Change[],
  serverTime: number,
  maxFutureMs: number,
  highWater: string | null,
): { start: number; floor: string | null } | null {
  const limitWall = serverTime + maxFutureMs;
  const start = outbox.findIndex((c) => hlcWall(c.hlc) > limitWall);
  if (start < 0) return null;
  return { start, floor: maxHlc(highWater, start > 0 ? outbox[start - 1]!.hlc : null) };
}

function remapSeen(value: JsonValue, hlcMap: ReadonlyMap<string, string>): JsonValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const seen = value.seen;
  if (seen === null || typeof seen !== 'object' || Array.isArray(seen)) return value;
  const next: Record<string, JsonValue> = {};
  for (const [f, h] of Object.entries(seen)) next[f] = typeof h === 'string' ? (hlcMap.get(h) ?? h) : h;
  return { ...value, seen: next };
}

/**
 * The same moment under another writer: a laptop enrolled again re-issues its unsent changes under
 * its fresh clientId, keeping each change's wall time and counter. Order against every other
 * writer's versions is kept except against one with the very same wall time and counter, which
 * the rename re-sorts (merge.renameVersions); order among the laptop's own changes is kept.
 */
export function rewriteHlcClient(hlc: string, clientId: string): string {
  const { wall, counter } = parseHlc(hlc);
  return encodeHlc({ wall, counter, clientId });
}
