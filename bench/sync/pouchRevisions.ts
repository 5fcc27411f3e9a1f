/**
 * The council log as a PouchDB app would write it, shared by the Node side (memory adapters,
 * bench/sync/pouch.mts) and the browser side (IndexedDB, bench/browser/pouchIdb.ts): one document
 * per row, `_id` = `<table>:<rowId>`; a create is the doc's first revision with all its fields,
 * every edit a new revision of the whole doc, a delete a `_deleted` revision.
 */
export interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}

export interface BulkResult {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: boolean | string;
  reason?: string;
}

/** One user operation of the log (bench/sync/dataset.mts Op, without its Common Ground changes). */
export interface PouchOp {
  kind: 'create' | 'edit' | 'delete';
  table: string;
  rowId: string;
  fields: Record<string, unknown>;
}

/** Write the ops as revisions into `db` (not timed as sync). */
export async function writeRevisions(
  db: { bulkDocs(docs: PouchDoc[]): Promise<BulkResult[]> },
  ops: readonly PouchOp[],
): Promise<{ revisions: number; docs: number }> {
  const current = new Map<string, PouchDoc>();
  let batch: PouchDoc[] = [];
  let inBatch = new Set<string>();
  let revisions = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const results = await db.bulkDocs(batch);
    results.forEach((r, i) => {
      if (!r.ok || !r.rev) throw new Error(`PouchDB write failed for ${batch[i]!._id}: ${r.reason ?? String(r.error)}`);
      const doc = batch[i]!;
      current.set(doc._id, { ...doc, _rev: r.rev });
    });
    revisions += batch.length;
    batch = [];
    inBatch = new Set();
  };
  for (const op of ops) {
    const id = `${op.table}:${op.rowId}`;
    // A doc's next revision needs the previous one's _rev: one revision per doc per bulkDocs call.
    if (inBatch.has(id) || batch.length >= 500) await flush();
    const prev = current.get(id);
    let doc: PouchDoc;
    if (op.kind === 'create') doc = { _id: id, table: op.table, ...op.fields };
    else if (op.kind === 'edit') doc = { ...prev!, ...op.fields };
    else doc = { _id: id, _rev: prev!._rev, _deleted: true };
    batch.push(doc);
    inBatch.add(id);
  }
  await flush();
  return { revisions, docs: current.size };
}
