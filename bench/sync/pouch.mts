/**
 * The PouchDB side of the first-sync comparison: the same council log, written the way a PouchDB
 * app would write it (pouchRevisions.ts), into a memory database; then `PouchDB.replicate(source, target)` into a fresh memory
 * database is timed, each run into a new target (the median is reported). Memory adapters on both
 * ends and no HTTP: this favours PouchDB.
 */
import { createRequire } from 'node:module';
import type { Op } from './dataset.mts';
import { writeRevisions, type BulkResult, type PouchDoc } from './pouchRevisions';

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
  return { db, ...(await writeRevisions(db, ops)) };
}

/**
 * The source written once; then each `replicateOnce` copies it into a fresh memory database. The
 * driver calls it right after each of Common Ground's first syncs, so both sides of every ratio
 * are measured in the same minute of a machine whose speed drifts.
 */
export class PouchReplication {
  private readonly runs: number[] = [];
  private docsWritten = 0;

  private constructor(
    private readonly PouchDB: PouchStatic,
    private readonly source: PouchDatabase,
    private readonly liveDocs: number,
    private readonly written: { revisions: number; docs: number; writeMs: number },
    readonly batchSize: number,
  ) {}

  static async prepare(ops: readonly Op[], options: { batchSize?: number; log?: (m: string) => void } = {}): Promise<PouchReplication> {
    const PouchDB = loadPouch();
    const w0 = performance.now();
    const { db, revisions, docs } = await writeSource(PouchDB, ops);
    const writeMs = performance.now() - w0;
    const info = await db.info();
    options.log?.(`PouchDB source written: ${docs} docs (${info.doc_count} live), ${revisions} revisions in ${(writeMs / 1000).toFixed(1)} s`);
    return new PouchReplication(PouchDB, db, info.doc_count, { revisions, docs, writeMs }, options.batchSize ?? 100);
  }

  /** One replication into a fresh memory database, checked complete; its time in ms. */
  async replicateOnce(): Promise<number> {
    const target = new this.PouchDB(`cg-bench-dst-${process.pid}-${++dbCounter}`, { adapter: 'memory' });
    const t0 = performance.now();
    const result = await this.PouchDB.replicate(this.source, target, { batch_size: this.batchSize });
    const ms = performance.now() - t0;
    const targetInfo = await target.info();
    await target.destroy();
    if (!result.ok || result.doc_write_failures > 0 || targetInfo.doc_count !== this.liveDocs) {
      throw new Error(`PouchDB replication incomplete: ${JSON.stringify(result)}; target has ${targetInfo.doc_count} of ${this.liveDocs} docs`);
    }
    this.docsWritten = result.docs_written;
    this.runs.push(ms);
    return ms;
  }

  /** The figures of the given runs (default: every run so far). */
  result(runs: readonly number[] = this.runs): PouchResult {
    const replicateMs = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? NaN;
    return {
      version: this.PouchDB.version,
      docs: this.written.docs,
      liveDocs: this.liveDocs,
      revisions: this.written.revisions,
      writeMs: this.written.writeMs,
      replicateMs,
      replicateRunsMs: [...runs],
      docsWritten: this.docsWritten,
      batchSize: this.batchSize,
    };
  }

  async dispose(): Promise<void> {
    await this.source.destroy();
  }
}
