/**
 * The sync engine: when online (and on demand) it captures rows sync has not seen yet, pushes the
 * outbox in order, then pulls every council page by page. It never throws at the UI: every
 * outcome becomes a status (offline, syncing with progress, up to date, needs attention), and
 * failures that may pass (network, server errors, rate limits) are retried with backoff.
 * The outbox only shrinks by what the server acknowledged, whatever happens.
 */
import Dexie from 'dexie';
import type { SyncAccount, SyncConnection, SyncFailure } from '@shared/sync/connection';
import { DEFAULT_MAX_DRIFT_MS } from '@shared/sync/hlc';
import { MAX_PULL_LIMIT, SYNC_SCHEMA_VERSION } from '@shared/sync/protocol';
import type { SyncRegistry } from '@shared/sync/registry';
import type { ZodType } from 'zod';
import { applyRemoteChanges } from './applyRemote';
import { markSyncInternal } from '../db/capture/capture';
import { LocalWriter } from '../db/capture/localWriter';
import { PageReader, PULL_AHEAD_PAGES, PULL_PARALLEL } from './pageReader';
import { bindClient, countPending, handleClockAhead, handlePushResponse, nextBatch, rebindClient } from './outbox';
import {
  SyncTx,
  localRowKey,
  syncScope,
  type ClientMeta,
  type ClockMeta,
  type CursorMeta,
  type PendingEntry,
  type ScanMeta,
  type StoredOutboxEntry,
  readOutboxEntry,
} from '../db/capture/syncTables';
import { nowMs } from '@shared/clock';

export type SyncPhase = 'not-enrolled' | 'offline' | 'syncing' | 'up-to-date' | 'needs-attention';

export type AttentionKind = 'update-app' | 'enroll-again' | 'forbidden' | 'rejected' | 'clock' | 'retrying';

export interface SyncProgress {
  stage: 'preparing' | 'sending' | 'receiving';
  done: number;
  /** Sending: the outbox size. Receiving: what the council's server had past this laptop's cursor (null from a server that does not say). */
  total: number | null;
  councilName?: string;
}

export interface SyncStatus {
  phase: SyncPhase;
  account: SyncAccount | null;
  attention: { kind: AttentionKind; message: string } | null;
  progress: SyncProgress | null;
  lastSyncedAt: string | null;
  /** Why the last attempt did not finish (offline, server error), shown beside the retry time. */
  lastProblem: string | null;
  nextAttemptAt: number | null;
  /** Changes made here and not yet on the server, and those that cannot be sent (with reasons). */
  pending: number;
  /** Changes of councils that are not on the server for this account: they stay on this laptop. */
  localOnly: number;
  held: Array<{ opId: string; table: string; field: string; reason: string }>;
  /** How far this laptop's clock looked off (ms), so the UI can say "check your clock". */
  clockSkewMs: number;
}

export interface EngineOptions {
  db: Dexie;
  connection: SyncConnection;
  registry: SyncRegistry;
  schemas: Readonly<Record<string, ZodType>>;
  physicalNow?: () => number;
  isOnline?: () => boolean;
  pullLimit?: number;
  schemaVersion?: number;
  /** Backoff: first retry after this, doubling up to maxRetryMs, with jitter. */
  baseRetryMs?: number;
  maxRetryMs?: number;
  /** Periodic sync while the app is open. */
  intervalMs?: number;
  random?: () => number;
  /**
   * After a successful pull: the account's councils on the server, so the app can create a
   * council row this laptop does not have yet (a council created by the server's admin).
   */
  onCouncils?: (councils: SyncAccount['councils']) => Promise<void>;
  /**
   * Councils that never leave this laptop (the first-run sample council), even if the server
   * lists one with the same id: nothing of theirs is pushed or pulled, and their changes count as
   * local-only. Invented people and meetings on a council's server would mislead everyone there.
   */
  keepLocal?: () => Promise<ReadonlySet<string>>;
}

export const INITIAL_STATUS: SyncStatus = {
  phase: 'not-enrolled',
  account: null,
  attention: null,
  progress: null,
  lastSyncedAt: null,
  lastProblem: null,
  nextAttemptAt: null,
  pending: 0,
  localOnly: 0,
  held: [],
  clockSkewMs: 0,
};

/** The server log's history each council's cursor belongs to (PullResponse.epoch), in syncMeta. */
interface EpochMeta {
  key: 'epochs';
  epochs: Record<string, string>;
}

const SCAN_CHUNK = 500;
const MAX_CLOCK_RETRIES = 3;

export class SyncEngine {
  private status: SyncStatus = INITIAL_STATUS;
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private running: Promise<SyncStatus> | null = null;
  private again = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private intervalTimer: ReturnType<typeof setInterval> | null = null;
  private readonly physicalNow: () => number;
  private readonly isOnline: () => boolean;
  private stopped = true;
  private readonly onOnline = () => void this.syncNow();
  private readonly onOffline = () => this.update({ phase: 'offline', progress: null, lastProblem: 'This computer is offline.' });

  constructor(private readonly options: EngineOptions) {
    this.physicalNow = options.physicalNow ?? nowMs;
    this.isOnline = options.isOnline ?? (() => (typeof navigator === 'undefined' ? true : navigator.onLine));
  }

  get current(): SyncStatus {
    return this.status;
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /** Sync now and whenever the network comes back, plus every intervalMs. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onOnline);
      window.addEventListener('offline', this.onOffline);
    }
    const interval = this.options.intervalMs ?? 60_000;
    this.intervalTimer = setInterval(() => void this.syncNow(), interval);
    void this.syncNow();
  }

  stop(): void {
    this.stopped = true;
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onOnline);
      window.removeEventListener('offline', this.onOffline);
    }
    if (this.intervalTimer) clearInterval(this.intervalTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.intervalTimer = null;
    this.retryTimer = null;
  }

  /**
   * Resolves once no round is running (after stop(), none starts again). A restore replaces the
   * sync state wholesale: a page pulled before it and applied after it would move the restored
   * cursor past changes this laptop never applied.
   */
  async whenIdle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** One full round; concurrent calls share the running round (and queue one more). */
  syncNow(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.syncNow();
      }
    });
    return this.running;
  }

  private async round(): Promise<SyncStatus> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    try {
      const enrollment = await this.options.connection.syncStatus();
      if (!enrollment.enrolled) {
        this.status = { ...this.status, account: null };
        return this.update({ ...INITIAL_STATUS, ...(await this.counts()) });
      }
      const account = await this.withoutLocalCouncils(enrollment.account);
      if (!this.isOnline())
        return this.update({ phase: 'offline', account, progress: null, lastProblem: 'This computer is offline.', ...(await this.counts()) });
      this.update({ phase: 'syncing', account, attention: null, progress: { stage: 'preparing', done: 0, total: null } });
      await this.captureUnseen();
      // Enrolled again since the last push (a new device): a fresh clientId carries the unsent changes.
      await bindClient(this.options.db, this.options.registry, account.deviceId);
      const councils = new Set(account.councils.map((c) => c.id));
      const pushed = await this.push(councils, account.deviceId);
      if (pushed) return pushed;
      const pulled = await this.pull(account);
      if (pulled) return pulled;
      if (this.options.onCouncils) {
        await this.options.onCouncils(account.councils);
        await this.captureUnseen();
        const again = await this.push(councils, account.deviceId);
        if (again) return again;
      }
      this.failures = 0;
      return this.update({
        phase: 'up-to-date',
        progress: null,
        attention: null,
        lastProblem: null,
        nextAttemptAt: null,
        lastSyncedAt: new Date(this.physicalNow()).toISOString(),
        ...(await this.counts()),
      });
    } catch (error) {
      // A bug or a storage error: keep everything, say what happened, try again later.
      const problem = `Sync stopped: ${error instanceof Error ? error.message : String(error)}`;
      try {
        return await this.retryLater(problem);
      } catch {
        // The database itself is gone (closed under a running round): say so without its counts.
        // A round never rejects: `syncNow` promises a status, and a queued round has no caller to catch it.
        return this.update({ phase: 'needs-attention', attention: { kind: 'retrying', message: problem }, progress: null, lastProblem: problem });
      }
    }
  }

  private async withoutLocalCouncils(account: SyncAccount): Promise<SyncAccount> {
    const kept = (await this.options.keepLocal?.()) ?? new Set<string>();
    return kept.size === 0 ? account : { ...account, councils: account.councils.filter((c) => !kept.has(c.id)) };
  }

  /**
   * Rows written before sync existed (schema v5 and earlier) and rows whose council was unknown
   * when written (a person before their first membership) are captured whole, once.
   */
  private async captureUnseen(): Promise<void> {
    const { db, registry } = this.options;
    const scan = await db.table<ScanMeta | undefined>('syncMeta').get('scan');
    const tables = registry
      .list()
      .map((d) => d.name)
      .filter((n) => db.tables.some((t) => t.name === n));
    if (scan && !scan.done) {
      let done = 0;
      for (const table of tables) {
        const keys = (await db.table(table).toCollection().primaryKeys()) as string[];
        for (let i = 0; i < keys.length; i += SCAN_CHUNK) {
          await this.captureRows(table, keys.slice(i, i + SCAN_CHUNK));
          done += Math.min(SCAN_CHUNK, keys.length - i);
          this.update({ progress: { stage: 'preparing', done, total: null } });
        }
      }
      await db.table('syncMeta').put({ key: 'scan', done: true });
    }
    const pending = await db.table<PendingEntry, string>('syncPending').toArray();
    const byTable = new Map<string, string[]>();
    for (const p of pending) byTable.set(p.table, [...(byTable.get(p.table) ?? []), p.rowId]);
    for (const [table, ids] of byTable) if (tables.includes(table)) await this.captureRows(table, ids);
  }

  private async captureRows(table: string, ids: readonly string[]): Promise<void> {
    const { db, registry } = this.options;
    await db.transaction('rw', syncScope(db, registry), async () => {
      // The rows are already stored: only their states (on the records) and outbox entries are new.
      markSyncInternal(Dexie.currentTransaction.idbtrans);
      const writer = new LocalWriter(new SyncTx(db.core, Dexie.currentTransaction.idbtrans), registry, { physicalNow: this.physicalNow });
      await writer.load(ids.map((id) => localRowKey(table, id)));
      const rows = (await db.table(table).bulkGet([...ids])) as Array<Record<string, unknown> | undefined>;
      for (let i = 0; i < ids.length; i++) {
        // A row already known to sync is captured by the middleware on every write: skip it.
        if (rows[i] && !writer.state(table, ids[i]!)) await writer.captureRow(table, ids[i]!, rows[i]);
        else if (!rows[i]) await writer.captureRow(table, ids[i]!, undefined);
      }
      await writer.flush();
    });
  }

  /** Returns a final status when the round must stop, null when the outbox is empty. */
  private async push(councils: ReadonlySet<string>, deviceId: string): Promise<SyncStatus | null> {
    const { db, connection, registry } = this.options;
    let client = await db.table<ClientMeta | undefined>('syncMeta').get('client');
    if (!client) return null; // nothing was ever written here
    let clockRetries = 0;
    let rebound = false;
    let sent = 0;
    const total = await this.pushable(councils);
    for (;;) {
      const batch = await nextBatch(db, councils);
      if (batch.changes.length === 0) return null;
      this.update({ progress: { stage: 'sending', done: sent, total } });
      const result = await connection.syncPush({
        clientId: client.clientId,
        schemaVersion: this.options.schemaVersion ?? SYNC_SCHEMA_VERSION,
        changes: batch.changes,
      });
      if (result.status === 'ok') {
        sent += await handlePushResponse(db, registry, result.body, batch.seqs, this.physicalNow);
        if (result.body.acked.length === 0 && result.body.rejected.length === 0)
          return this.retryLater('The server did not accept any change; retrying later.');
        continue;
      }
      if (result.kind === 'forbidden' && result.body?.error === 'client_id_mismatch' && !rebound) {
        // The server has this clientId bound to another device (enrolled again before this app
        // recorded which device its clientId belongs to): go on under a fresh one.
        rebound = true;
        await rebindClient(db, registry, deviceId);
        client = (await db.table<ClientMeta | undefined>('syncMeta').get('client'))!;
        continue;
      }
      if (result.kind === 'clock_ahead' && result.body?.serverTime !== undefined && clockRetries < MAX_CLOCK_RETRIES) {
        clockRetries++;
        await handleClockAhead(db, registry, result.body.serverTime, result.body.maxFutureMs ?? 600_000, this.physicalNow);
        continue;
      }
      return this.failed(result);
    }
  }

  private async pull(account: SyncAccount): Promise<SyncStatus | null> {
    for (const council of account.councils) {
      let outcome = await this.pullCouncil(council);
      // The server's log is another history than this laptop's cursor (it was restored from a
      // backup): its seqs after the backup will be numbered again, so going on from the cursor
      // would skip them. Pull the council again from the start (applying a change twice changes
      // nothing); once per round, so a server that keeps answering so cannot loop us.
      if (typeof outcome === 'object' && outcome !== null && 'resync' in outcome) {
        await this.restartCursor(council.id, outcome.resync);
        outcome = await this.pullCouncil(council);
      }
      if (outcome === null) continue;
      return 'resync' in outcome ? this.failed(outcome.failure) : outcome;
    }
    return null;
  }

  /** Null when the council is pulled to its end; a status when the round must stop. */
  private async pullCouncil(council: SyncAccount['councils'][number]): Promise<SyncStatus | { resync: string; failure: SyncFailure } | null> {
    const { db, connection, registry, schemas } = this.options;
    const cursor = (await db.table<CursorMeta | undefined>('syncMeta').get('cursors'))?.cursors[council.id] ?? 0;
    let epoch = (await db.table<EpochMeta | undefined>('syncMeta').get('epochs'))?.epochs[council.id];
    const limit = this.options.pullLimit ?? MAX_PULL_LIMIT;
    // Pages are read ahead (several at once over a slow link) while earlier ones are applied,
    // and every page that has arrived is applied in one transaction (see PageReader). Only
    // applied pages move the cursor, so pages dropped by a failure are asked for again next round.
    const reader = new PageReader(
      (after) =>
        connection.syncPull({
          councilId: council.id,
          cursor: after,
          limit,
          schemaVersion: this.options.schemaVersion ?? SYNC_SCHEMA_VERSION,
          ...(epoch === undefined ? {} : { epoch }),
        }),
      cursor,
      limit * PULL_AHEAD_PAGES,
      { pageSize: limit, parallel: PULL_PARALLEL },
    );
    // Progress per council: changes received this round, of those the server had past our cursor.
    let received = 0;
    let total: number | null = null;
    this.update({ progress: { stage: 'receiving', done: 0, total: null, councilName: council.name } });
    try {
      for (;;) {
        const batch = await reader.take();
        if (batch.failure) {
          const body = batch.failure.body;
          if (body?.error === 'resync_required' && body.epoch !== undefined) return { resync: body.epoch, failure: batch.failure };
          return this.failed(batch.failure);
        }
        const last = batch.pages.at(-1);
        if (last) {
          // The history this cursor belongs to, recorded before the cursor moves under it.
          if (last.epoch !== undefined && last.epoch !== epoch) {
            epoch = last.epoch;
            await this.recordEpoch(council.id, epoch);
          }
          const changes = batch.pages.flatMap((page) => page.changes.map(({ seq: _seq, ...c }) => c));
          await applyRemoteChanges(db, { registry, schemas, physicalNow: this.physicalNow }, changes, {
            councilId: council.id,
            nextCursor: last.nextCursor,
            serverTime: last.serverTime,
          });
          received += changes.length;
          // Pushes by others during the round move lastSeq on: the total only grows, never below what arrived.
          if (last.lastSeq !== undefined) total = Math.max(total ?? 0, last.lastSeq - cursor, received);
          this.update({ progress: { stage: 'receiving', done: received, total, councilName: council.name } });
        }
        if (batch.done) return null;
      }
    } finally {
      reader.stop();
    }
  }

  private async recordEpoch(councilId: string, epoch: string): Promise<void> {
    const table = this.options.db.table<EpochMeta, string>('syncMeta');
    await this.options.db.transaction('rw', table, async () => {
      const meta = (await table.get('epochs')) ?? { key: 'epochs' as const, epochs: {} };
      await table.put({ key: 'epochs', epochs: { ...meta.epochs, [councilId]: epoch } });
    });
  }

  /** Back to cursor 0 under the server's new history, in one transaction (the only way a cursor moves back). */
  private async restartCursor(councilId: string, epoch: string): Promise<void> {
    const table = this.options.db.table('syncMeta');
    await this.options.db.transaction('rw', table, async () => {
      const cursors = ((await table.get('cursors')) as CursorMeta | undefined) ?? { key: 'cursors' as const, cursors: {} };
      const epochs = ((await table.get('epochs')) as EpochMeta | undefined) ?? { key: 'epochs' as const, epochs: {} };
      await table.put({ key: 'cursors', cursors: { ...cursors.cursors, [councilId]: 0 } });
      await table.put({ key: 'epochs', epochs: { ...epochs.epochs, [councilId]: epoch } });
    });
  }

  private async failed(failure: SyncFailure): Promise<SyncStatus> {
    switch (failure.kind) {
      case 'offline':
        return this.retryLater(failure.message, 'offline');
      case 'server':
      case 'rate_limited':
        return this.retryLater(failure.message, undefined, failure.retryAfterMs);
      case 'not_enrolled':
        return this.update({ ...INITIAL_STATUS, ...(await this.counts()) });
      case 'outdated':
        return this.attention('update-app', `${failure.message} Your changes are kept on this computer and will be sent after the update.`);
      case 'unauthorized':
        return this.attention('enroll-again', `${failure.message} Your changes are kept on this computer. Ask for a new enrollment code and connect again.`);
      case 'clock_ahead':
        return this.attention('clock', `${failure.message} Check this computer's date and time.`);
      case 'forbidden':
        return this.attention('forbidden', failure.message);
      default:
        return this.attention('rejected', failure.message);
    }
  }

  private async attention(kind: AttentionKind, message: string): Promise<SyncStatus> {
    this.failures = 0;
    return this.update({ phase: 'needs-attention', attention: { kind, message }, progress: null, nextAttemptAt: null, ...(await this.counts()) });
  }

  private async retryLater(problem: string, phase: SyncPhase = 'needs-attention', retryAfterMs?: number): Promise<SyncStatus> {
    this.failures++;
    const base = this.options.baseRetryMs ?? 5_000;
    const max = this.options.maxRetryMs ?? 5 * 60_000;
    const backoff = Math.min(max, base * 2 ** (this.failures - 1));
    // Jitter spreads a council's laptops so they do not all retry at the same instant.
    const delay = Math.max(retryAfterMs ?? 0, backoff * (0.5 + (this.options.random ?? Math.random)() / 2));
    const nextAttemptAt = this.physicalNow() + delay;
    if (!this.stopped) this.retryTimer = setTimeout(() => void this.syncNow(), delay);
    const shown: SyncPhase = phase === 'offline' ? 'offline' : 'needs-attention';
    return this.update({
      phase: shown,
      attention: shown === 'needs-attention' ? { kind: 'retrying', message: problem } : null,
      progress: null,
      lastProblem: problem,
      nextAttemptAt,
      ...(await this.counts()),
    });
  }

  private async pushable(councils: ReadonlySet<string>): Promise<number> {
    let n = 0;
    await this.options.db.table<StoredOutboxEntry, number>('syncOutbox').each((stored) => {
      const e = readOutboxEntry(stored);
      for (const c of e.changes) if (e.held?.[c.opId] === undefined && councils.has(c.councilId)) n++;
    });
    return n;
  }

  private async counts(): Promise<Pick<SyncStatus, 'pending' | 'localOnly' | 'held' | 'clockSkewMs'>> {
    const { db } = this.options;
    const pending = await countPending(db);
    const account = this.status.account;
    let localOnly = 0;
    const held: SyncStatus['held'] = [];
    // Which changes stay local or are held needs the changes themselves: only worth reading when
    // connected and something is waiting (a laptop that never connected opens without this scan).
    if (account && pending > 0) {
      const councils = new Set(account.councils.map((c) => c.id));
      await db.table<StoredOutboxEntry, number>('syncOutbox').each((stored) => {
        const e = readOutboxEntry(stored);
        for (const c of e.changes) {
          if (!councils.has(c.councilId)) localOnly++;
          const reason = e.held?.[c.opId];
          if (reason !== undefined) held.push({ opId: c.opId, table: c.table, field: c.field, reason });
        }
      });
    }
    const clock = await db.table<ClockMeta | undefined>('syncMeta').get('clock');
    const skew = clock?.skewMs ?? 0;
    return { pending, localOnly, held, clockSkewMs: skew > DEFAULT_MAX_DRIFT_MS ? skew : 0 };
  }

  private update(patch: Partial<SyncStatus>): SyncStatus {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l(this.status);
    return this.status;
  }
}
