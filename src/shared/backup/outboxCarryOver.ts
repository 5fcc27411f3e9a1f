/**
 * Which changes of a backup's outbox the council server already has, so a restore does not send
 * them again. A backup keeps the outbox as it was when it was made; since then this laptop may
 * have pushed some of those changes. The store being replaced knows which:
 * - its merge state holds every change it wrote or pulled, by opId (and, once a later edit
 *   replaced one, by HLC in `replaced`);
 * - its outbox only ever shrinks by what the server acknowledged. A change it re-issued (refused
 *   opId, clock too far ahead, enrolled again) is renamed in the merge state too, so a renamed
 *   change is never mistaken for an acknowledged one.
 * So: a change the current state holds under its own opId (or HLC) and the current outbox no
 * longer holds is on the server. Anything the current store cannot vouch for (a fresh install,
 * another laptop's store) stays in the outbox: the server acknowledges a replay without storing
 * it twice, so keeping too much costs a round trip, dropping too much would lose a change.
 */
import type { RowState } from '../sync/merge';
import type { Change } from '../sync/protocol';

export interface CurrentStore {
  /** opIds in the current outbox (unsent, held, or of councils the server does not know). */
  outbox: ReadonlySet<string>;
  /** HLCs in the current outbox: a change re-issued under a new opId keeps its HLC. */
  outboxHlcs: ReadonlySet<string>;
  /** The current merge state of a row, by table and row id. */
  state(table: string, rowId: string): RowState | undefined;
}

export function changesTheServerHas(backupOutbox: readonly Change[], current: CurrentStore): Set<string> {
  const known = new Set<string>();
  for (const c of backupOutbox) {
    if (current.outbox.has(c.opId) || current.outboxHlcs.has(c.hlc)) continue;
    const field = current.state(c.table, c.rowId)?.fields[c.field];
    if (!field) continue;
    const holds = field.winner.opId === c.opId || field.losers.some((v) => v.opId === c.opId) || field.replaced.includes(c.hlc);
    if (holds) known.add(c.opId);
  }
  return known;
}
