/**
 * The client half of the sync benchmark: an HTTP transport to the real server, a pluggable
 * client that applies pulled pages, and the pull loop that first and incremental sync share.
 *
 * THE CLIENT BOUNDARY. `firstSync(client, ...)` / `incrementalSync(client, ...)` only need a
 * `BenchSyncClient`: "what is your cursor for this council" and "apply this validated page (its
 * changes and the new cursor, as one step)". Today the only implementation is `ReplicaClient`,
 * the in-memory reference client (src/shared/sync/replica.ts). The Dexie client being written in
 * src/renderer/src/sync/ plugs in here: wrap it in a BenchSyncClient whose applyPage runs its
 * pull-page transaction in Chromium (ctx.benchPage() from bench/run.mjs, e.g.
 * `page.evaluate((p) => window.cgBench.applySyncPage(p), page)`), or, to keep the structured-clone
 * hop out of the figure, run this same loop inside the page with its own transport. Either way
 * the figures below (network / validate / apply split, pages, changes/s) stay comparable.
 */
import { SYNC_SCHEMA_VERSION, type PullResponse, type PushRequest, type PushResponse } from '../../src/shared/sync/protocol';
import { pullResponseReader } from '../../src/shared/sync/pullPacking';
import { Replica } from '../../src/shared/sync/replica';
import { PageReader, PULL_AHEAD_PAGES, PULL_PARALLEL } from '../../src/renderer/src/sync/pageReader';

export const PULL_LIMIT = 1000;

/** A device's view of the server: its token, over real HTTP (undici keep-alive pool) on 127.0.0.1. */
export class HttpTransport {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  private async post(path: string, body: string): Promise<{ status: number; json: unknown; bytes: number }> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body,
    });
    const text = await res.text();
    return { status: res.status, json: JSON.parse(text) as unknown, bytes: text.length };
  }

  /** One pull page (packed, as the app asks for it), parsed but not yet unpacked or validated. */
  async pull(councilId: string, cursor: number, limit = PULL_LIMIT): Promise<{ json: unknown; bytes: number }> {
    const r = await this.post('/v1/pull', JSON.stringify({ councilId, cursor, limit, schemaVersion: SYNC_SCHEMA_VERSION, format: 'packed' }));
    if (r.status !== 200) throw new Error(`pull failed: ${r.status} ${JSON.stringify(r.json)}`);
    return r;
  }

  /** Push an already serialized PushRequest (the benchmark serializes before the clock starts). */
  async pushRaw(body: string): Promise<PushResponse> {
    const r = await this.post('/v1/push', body);
    if (r.status !== 200) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json as PushResponse;
  }

  async push(request: PushRequest): Promise<PushResponse> {
    return this.pushRaw(JSON.stringify(request));
  }
}

/** What the benchmark needs from a sync client. See the file comment for plugging in the Dexie client. */
export interface BenchSyncClient {
  readonly label: string;
  /** Last seq applied for this council (0 before the first sync). */
  cursor(councilId: string): Promise<number>;
  /** Apply one validated page: its changes and its nextCursor, as one step (one transaction for Dexie). */
  applyPage(councilId: string, page: PullResponse): Promise<void>;
}

/** The in-memory reference client: Replica.applyPull (HLC receive + merge.applyChange per change). */
export class ReplicaClient implements BenchSyncClient {
  readonly label = 'in-memory Replica (src/shared/sync/replica.ts)';
  readonly replica: Replica;

  constructor(clientId: string) {
    this.replica = new Replica({ clientId });
  }

  async cursor(councilId: string): Promise<number> {
    return this.replica.cursors.get(councilId) ?? 0;
  }

  async applyPage(councilId: string, page: PullResponse): Promise<void> {
    this.replica.applyPull(councilId, page);
  }
}

export interface SyncStats {
  pages: number;
  changes: number;
  bytes: number;
  totalMs: number;
  /**
   * Waiting for pages: the client had applied everything that had arrived (server work, loopback,
   * JSON.parse, unpacking and validation that did not overlap applying).
   */
  networkMs: number;
  /** Unpacking and validating the responses (clients validate every response before touching their store); overlaps applying. */
  validateMs: number;
  /** The client applying the page. */
  applyMs: number;
  cursor: number;
}

/**
 * Pull a council from the client's cursor until the server says there is no more, as the app's
 * engine does: its PageReader fetches (and unpacks and validates) up to PULL_AHEAD_PAGES pages
 * ahead, PULL_PARALLEL at a time, while the client applies the pages that have arrived.
 */
async function pullLoop(client: BenchSyncClient, transport: HttpTransport, councilId: string, onPage?: (s: SyncStats) => void): Promise<SyncStats> {
  const stats: SyncStats = { pages: 0, changes: 0, bytes: 0, totalMs: 0, networkMs: 0, validateMs: 0, applyMs: 0, cursor: 0 };
  const t0 = performance.now();
  const reader = new PageReader(
    async (cursor) => {
      const { json, bytes } = await transport.pull(councilId, cursor);
      const a = performance.now();
      const read = pullResponseReader(councilId).safeParse(json);
      stats.validateMs += performance.now() - a;
      if (!read.success) throw new Error(`pull: ${read.error.message}`);
      stats.bytes += bytes;
      return { status: 'ok', body: read.data };
    },
    await client.cursor(councilId),
    PULL_AHEAD_PAGES * PULL_LIMIT,
    { pageSize: PULL_LIMIT, parallel: PULL_PARALLEL },
  );
  for (;;) {
    const a = performance.now();
    const batch = await reader.take();
    const b = performance.now();
    stats.networkMs += b - a;
    for (const page of batch.pages) {
      // The in-memory client applies synchronously; yield to I/O between pages so the reader can
      // send its next request, as it can while the app's client waits on IndexedDB.
      await new Promise<void>((resolve) => setImmediate(resolve));
      await client.applyPage(councilId, page);
      stats.pages++;
      stats.changes += page.changes.length;
      stats.cursor = page.nextCursor;
      onPage?.(stats);
    }
    stats.applyMs += performance.now() - b;
    if (batch.failure) throw new Error(`pull: ${batch.failure.message}`);
    if (batch.done) break;
  }
  stats.totalMs = performance.now() - t0;
  return stats;
}

/** A fresh client (cursor 0) pulls the council's whole log page by page and applies it. */
export async function firstSync(client: BenchSyncClient, transport: HttpTransport, councilId: string, onPage?: (s: SyncStats) => void): Promise<SyncStats> {
  const start = await client.cursor(councilId);
  if (start !== 0) throw new Error(`first sync needs a fresh client; ${client.label} is at cursor ${start}`);
  return pullLoop(client, transport, councilId, onPage);
}

/** A client that has synced before pulls what is new since its cursor. */
export async function incrementalSync(client: BenchSyncClient, transport: HttpTransport, councilId: string): Promise<SyncStats> {
  return pullLoop(client, transport, councilId);
}
