/**
 * PouchDB in the same Chromium as the app's client, on IndexedDB at both ends: the like-for-like
 * to the app client's first sync (which writes IndexedDB), where bench/sync/pouch.mts compares
 * the in-memory reference client with PouchDB's memory adapters. The source is written once (not
 * timed); each run replicates it into a fresh IndexedDB database, with no HTTP in between.
 */
import PouchDBModule from 'pouchdb-browser';
import { writeRevisions, type BulkResult, type PouchDoc, type PouchOp } from '../sync/pouchRevisions';

interface PouchDatabase {
  bulkDocs(docs: PouchDoc[]): Promise<BulkResult[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
}
interface PouchStatic {
  new (name: string): PouchDatabase;
  replicate(
    source: PouchDatabase,
    target: PouchDatabase,
    options?: { batch_size?: number },
  ): Promise<{ ok: boolean; docs_written: number; doc_write_failures: number }>;
  version: string;
}

const PouchDB = PouchDBModule as PouchStatic;
const BATCH_SIZE = 100;
let source: { db: PouchDatabase; liveDocs: number } | null = null;

export const pouchIdbApi = {
  /** Write the log into a fresh IndexedDB source database. */
  async pouchIdbPrepare(args: { ops: PouchOp[] }): Promise<{ version: string; docs: number; liveDocs: number; revisions: number; writeMs: number }> {
    await source?.db.destroy();
    const db = new PouchDB(`cg-bench-pouch-src-${Date.now()}`);
    const t0 = performance.now();
    const { revisions, docs } = await writeRevisions(db, args.ops);
    const writeMs = performance.now() - t0;
    const liveDocs = (await db.info()).doc_count;
    source = { db, liveDocs };
    return { version: PouchDB.version, docs, liveDocs, revisions, writeMs };
  },

  /** One replication into a fresh IndexedDB database, checked complete; its time in ms. */
  async pouchIdbReplicate(): Promise<{ ms: number; docsWritten: number }> {
    if (!source) throw new Error('pouchIdbPrepare first');
    const target = new PouchDB(`cg-bench-pouch-dst-${Date.now()}`);
    const t0 = performance.now();
    const result = await PouchDB.replicate(source.db, target, { batch_size: BATCH_SIZE });
    const ms = performance.now() - t0;
    const docs = (await target.info()).doc_count;
    await target.destroy();
    if (!result.ok || result.doc_write_failures > 0 || docs !== source.liveDocs) {
      throw new Error(`PouchDB (IndexedDB) replication incomplete: ${JSON.stringify(result)}; target has ${docs} of ${source.liveDocs} docs`);
    }
    return { ms, docsWritten: result.docs_written };
  },

  async pouchIdbDispose(): Promise<void> {
    await source?.db.destroy();
    source = null;
  },
};
