import type { Table } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { nowIso } from '@shared/clock';
import { SYNC_STATE_FIELD } from '@shared/sync/registry';
import { NotFoundError, ValidationError } from '../errors';

export const newId = (): string => uuidv7();

interface Stored {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The app's write path for one table: every write is checked by the model's zod schema before it
 * touches IndexedDB, so bad input gets a clear message and never corrupts stored data.
 */
export interface Repository<R extends Stored, I> {
  readonly label: string;
  readonly table: Table<R, string>;
  get(id: string): Promise<R | undefined>;
  require(id: string): Promise<R>;
  /** Validate without writing: for forms that show problems before saving. */
  validate(input: I): R;
  /** `id` lets a caller show the row optimistically before the write commits. */
  create(input: I, options?: { id?: string }): Promise<R>;
  /** Validate many inputs and write them in one bulk operation (imports, generated data). */
  createMany(inputs: readonly I[], options?: { ids?: readonly string[] }): Promise<R[]>;
  update(id: string, patch: Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>): Promise<R>;
  /**
   * Update from the stored row, read and written in one transaction. For fields that hold a map
   * (a session's step status, a team's charter): a patch built from the copy on screen could be
   * stale, and two quick edits would each write their copy and lose the other's.
   */
  modify(id: string, change: (stored: R) => Partial<Omit<R, 'id' | 'createdAt' | 'updatedAt'>>): Promise<R>;
  /** Delete a row; answers the row as it was, so an Undo can put exactly it back. */
  remove(id: string): Promise<R | undefined>;
  /** Put back a removed row as it was (same id, so anything pointing at it points at it again). */
  restore(row: R): Promise<R>;
}

/**
 * A record as the app knows it: without the merge state sync keeps on it (SYNC_STATE_FIELD), so
 * what a repository reads back equals what it wrote.
 */
function withoutSyncState<R>(row: R | undefined): R | undefined {
  if (!row || !(SYNC_STATE_FIELD in (row as object))) return row;
  const { [SYNC_STATE_FIELD]: _state, ...rest } = row as Record<string, unknown>;
  return rest as R;
}

export function createRepository<R extends Stored, I>(
  label: string,
  table: Table<R, string>,
  fields: z.ZodType<unknown, I>,
  record: z.ZodType<R, unknown>,
): Repository<R, I> {
  const build = (input: I, now: string, id: string = newId()): R => {
    const parsed = fields.safeParse(input);
    if (!parsed.success) throw ValidationError.fromZod(parsed.error);
    return { ...(parsed.data as object), id, createdAt: now, updatedAt: now } as R;
  };

  const modify: Repository<R, I>['modify'] = (id, change) =>
    table.db.transaction('rw', table, async () => {
      const existing = await table.get(id);
      if (!existing) throw new NotFoundError(label, id);
      const patch = change(withoutSyncState(existing)!);
      const parsed = record.safeParse({ ...existing, ...patch, id, createdAt: existing.createdAt, updatedAt: nowIso() });
      if (!parsed.success) throw ValidationError.fromZod(parsed.error);
      await table.put(parsed.data);
      return parsed.data;
    });

  return {
    label,
    table,
    // Dexie's own promise chain (not an async function): a native promise awaited inside a
    // Dexie transaction ends the transaction early (PrematureCommitError).
    get: (id) => table.get(id).then(withoutSyncState),
    require: (id) =>
      table.get(id).then((found) => {
        const row = withoutSyncState(found);
        if (!row) throw new NotFoundError(label, id);
        return row;
      }),
    validate: (input) => build(input, nowIso()),
    async create(input, options) {
      const row = build(input, nowIso(), options?.id);
      await table.add(row);
      return row;
    },
    async createMany(inputs, options) {
      const now = nowIso();
      const rows = inputs.map((input, i) => build(input, now, options?.ids?.[i]));
      await table.bulkAdd(rows);
      return rows;
    },
    update: (id, patch) => modify(id, () => patch),
    modify,
    remove: (id) =>
      table.db.transaction('rw', table, async () => {
        const existing = withoutSyncState(await table.get(id));
        await table.delete(id);
        return existing;
      }),
    async restore(row) {
      const parsed = record.safeParse(row);
      if (!parsed.success) throw ValidationError.fromZod(parsed.error);
      await table.put(parsed.data);
      return parsed.data;
    },
  };
}
