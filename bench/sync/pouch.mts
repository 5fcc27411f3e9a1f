/**
 * The PouchDB side of the first-sync comparison: the same council log, written the way a PouchDB
 * app would write it (one document per row, `_id` = `<table>:<rowId>`; a create is the doc's first
 * revision with all its fields, every edit a new revision of the whole doc, a delete a `_deleted`
 * revision), into a memory database; then `PouchDB.replicate(source, target)` into a fresh memory
 * database is timed (`runs` times, each into a new target; the median is reported). Memory
 * adapters on both ends and no HTTP: this favours PouchDB.
 */
import { createRequire } from 'node:module';
import type { Op } from './dataset.mts';

interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  [field: string]: unknown;
}
interface BulkResult {
  ok?: boolean;
  id?: string;
  rev?: string;
  error?: boolean | string;
  reason?: string;
}
interface PouchDatabase {
  bulkDocs(docs: PouchDoc[]): Promise<BulkResult[]>;
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  destroy(): Promise<unknown>;
}
interface ReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
}
interface PouchStatic {
  new (name: string, options: { adapter: string }): PouchDatabase;
  plugin(plugin: unknown): PouchStatic;
  replicate(source: PouchDatabase, target: PouchDatabase, options?: { batch_size?: number; batches_limit?: number }): Promise<ReplicationResult>;
  version: string;
}

const require = createRequire(import.meta.url);

function loadPouch(): PouchStatic {
  const PouchDB = require('pouchdb') as PouchStatic;
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  return PouchDB;
}

export interface PouchResult {
  version: string;
  docs: number;
  liveDocs: number;
  revisions: number;
  writeMs: number;
  /** Median of the runs. */
  replicateMs: number;
  replicateRunsMs: number[];
  docsWritten: number;
  batchSize: number;
}

let dbCounter = 0;

/** Write the ops as PouchDB revisions into a fresh memory database (not timed as sync). */
async function writeSource(PouchDB: PouchStatic, ops: readonly Op[]): Promise<{ db: PouchDatabase; revisions: number; docs: number }> {
  const db = new PouchDB(`cg-bench-src-${process.pid}-${++dbCounter}`, { adapter: 'memory' });
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
  return { db, revisions, docs: current.size };
}

export async function pouchFirstSync(ops: readonly Op[], options: { batchSize?: number; runs?: number; log?: (m: string) => void } = {}): Promise<PouchResult> {
  const PouchDB = loadPouch();
  const log = options.log ?? (() => undefined);
  const w0 = performance.now();
  const { db: source, revisions, docs } = await writeSource(PouchDB, ops);
  const writeMs = performance.now() - w0;
  const info = await source.info();
  log(`PouchDB source written: ${docs} docs (${info.doc_count} live), ${revisions} revisions in ${(writeMs / 1000).toFixed(1)} s`);

  const batchSize = options.batchSize ?? 100;
  const runs: number[] = [];
  let docsWritten = 0;
  for (let run = 0; run < (options.runs ?? 1); run++) {
    const target = new PouchDB(`cg-bench-dst-${process.pid}-${++dbCounter}`, { adapter: 'memory' });
    const t0 = performance.now();
    const result = await PouchDB.replicate(source, target, { batch_size: batchSize });
    const ms = performance.now() - t0;
    const targetInfo = await target.info();
    if (!result.ok || result.doc_write_failures > 0 || targetInfo.doc_count !== info.doc_count) {
      throw new Error(`PouchDB replication incomplete: ${JSON.stringify(result)}; target has ${targetInfo.doc_count} of ${info.doc_count} docs`);
    }
    log(`PouchDB.replicate ${run + 1}/${options.runs ?? 1}: ${(ms / 1000).toFixed(2)} s, ${result.docs_written} docs`);
    docsWritten = result.docs_written;
    runs.push(ms);
    await target.destroy();
  }
  await source.destroy();
  const replicateMs = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  return { version: PouchDB.version, docs, liveDocs: info.doc_count, revisions, writeMs, replicateMs, replicateRunsMs: runs, docsWritten, batchSize };
}
