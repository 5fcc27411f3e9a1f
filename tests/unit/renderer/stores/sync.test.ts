import { afterEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { SyncAccount, SyncConnection, SyncEnrollRequest, SyncFailure, SyncResult } from '@shared/sync/connection';
import type { Change, PulledChange, PullRequestInput, PullResponse, PushRequest, PushResponse } from '@shared/sync/protocol';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { appSyncRegistry, ensureServerCouncils, syncRecordSchemas } from '@renderer/db/capture/syncedTables';
import { createSyncStore, type SyncStore } from '@renderer/stores/sync/store';
import { nowMs, nowIso } from '@shared/clock';

// The app's bridge reads `window` when imported; these tests pass their own connection.
vi.mock('@renderer/bridge', () => ({ bridge: {} }));

/** An in-memory stand-in for the server behind the bridge: one log per council, sequence numbers. */
class FakeConnection implements SyncConnection {
  account: SyncAccount | null = null;
  readonly log: PulledChange[] = [];
  readonly pushes: Change[][] = [];
  readonly enrollRequests: SyncEnrollRequest[] = [];
  /** Set to refuse enrollment until the user agrees to plain-text token storage. */
  noKeyring = false;
  nextFailure: SyncFailure | null = null;

  constructor(readonly councils: Array<{ id: string; name: string }>) {}

  async syncStatus() {
    return this.account ? { enrolled: true as const, account: this.account } : { enrolled: false as const };
  }

  async syncEnroll(request: SyncEnrollRequest) {
    this.enrollRequests.push(request);
    if (request.code !== 'GOOD-CODE')
      return { status: 'error' as const, kind: 'rejected' as const, message: 'That enrollment code is unknown, used or expired.' };
    if (this.noKeyring && !request.allowPlainTextStorage)
      return { status: 'error' as const, kind: 'insecure_storage' as const, message: 'This computer has no keyring.' };
    this.account = {
      serverUrl: request.serverUrl,
      deviceId: uuidv7(),
      accountId: uuidv7(),
      deviceName: request.deviceName,
      councils: this.councils,
      enrolledAt: nowIso(),
      tokenStorage: this.noKeyring ? 'plain-text-agreed' : 'encrypted',
    };
    return { status: 'enrolled' as const, account: this.account };
  }

  async syncForget() {
    this.account = null;
    return { status: 'forgotten' as const };
  }

  async syncPush(request: PushRequest): Promise<SyncResult<PushResponse>> {
    if (!this.account) return { status: 'error' as const, kind: 'not_enrolled' as const, message: 'Not enrolled.' };
    if (this.nextFailure) return this.takeFailure();
    this.pushes.push(request.changes);
    for (const c of request.changes) if (!this.log.some((l) => l.opId === c.opId)) this.append(c);
    return { status: 'ok' as const, body: { acked: request.changes.map((c) => c.opId), rejected: [], serverTime: nowMs() } };
  }

  async syncPull(request: PullRequestInput): Promise<SyncResult<PullResponse>> {
    if (!this.account) return { status: 'error' as const, kind: 'not_enrolled' as const, message: 'Not enrolled.' };
    if (this.nextFailure) return this.takeFailure();
    // Coerced on the wire, so the input type is loose.
    const cursor = Number(request.cursor ?? 0);
    const limit = Number(request.limit ?? 200);
    const mine = this.log.filter((c) => c.councilId === request.councilId && c.seq > cursor);
    const page = mine.slice(0, limit);
    return { status: 'ok' as const, body: { changes: page, nextCursor: page.at(-1)?.seq ?? cursor, hasMore: mine.length > limit, serverTime: nowMs() } };
  }

  /** Another laptop's change, as the server would hand it out. */
  append(change: Change): void {
    this.log.push({ ...change, seq: this.log.filter((c) => c.councilId === change.councilId).length + 1 });
  }

  private takeFailure(): SyncFailure {
    const f = this.nextFailure!;
    this.nextFailure = null;
    return f;
  }
}

let counter = 0;
const stores: Array<{ store: SyncStore; db: CommonGroundDb }> = [];

async function setup(councils?: Array<{ id: string; name: string }>) {
  counter++;
  const db = new CommonGroundDb(`sync-store-${process.pid}-${nowMs()}-${counter}`);
  await db.open();
  const repos: Repositories = createRepositories(db);
  const council = await repos.councils.create({ name: 'Harbor Regional Council', level: 'regional' });
  const connection = new FakeConnection(councils ?? [{ id: council.id, name: council.name }]);
  const deps = vi.fn(() => ({
    db,
    connection,
    registry: appSyncRegistry,
    schemas: syncRecordSchemas,
    onCouncils: (c: SyncAccount['councils']) => ensureServerCouncils(db, c),
    // No timers left running between tests: the periodic round is pushed far out.
    engine: { intervalMs: 3_600_000, isOnline: () => true, baseRetryMs: 3_600_000 },
  }));
  const store = createSyncStore(deps);
  stores.push({ store, db });
  return { db, repos, council, connection, store, deps };
}

const request = (code = 'GOOD-CODE'): SyncEnrollRequest => ({ serverUrl: 'http://127.0.0.1:8787', code, deviceName: 'Test laptop' });

afterEach(async () => {
  for (const { store, db } of stores.splice(0)) {
    store.getState().stopSync();
    // Let counts the last status update started finish before the database goes away.
    await new Promise((r) => setTimeout(r, 20));
    db.close();
    await db.delete();
  }
});

describe('sync store', () => {
  it('is not enrolled before anything happens, and says so once the engine has checked', async () => {
    const { store, connection } = await setup();
    expect(store.getState().checked).toBe(false);
    const status = await store.getState().syncNow();
    expect(status.phase).toBe('not-enrolled');
    expect(store.getState().checked).toBe(true);
    expect(store.getState().status.account).toBeNull();
    expect(connection.pushes).toHaveLength(0);
    // The council written before enrolling waits in the outbox.
    await store.getState().refreshCounts();
    expect(store.getState().pending).toBeGreaterThan(0);
  });

  it('creates one engine however often startSync is called', async () => {
    const { store, deps, connection } = await setup();
    const statusCalls = vi.spyOn(connection, 'syncStatus');
    store.getState().startSync();
    store.getState().startSync();
    store.getState().startSync();
    expect(deps).toHaveBeenCalledTimes(1);
    // start() runs one round at once: the engine asks the bridge whether this device is enrolled.
    await vi.waitFor(() => expect(store.getState().checked).toBe(true));
    expect(store.getState().status.phase).toBe('not-enrolled');
    expect(statusCalls).toHaveBeenCalledTimes(1);
    await store.getState().syncNow();
    expect(deps).toHaveBeenCalledTimes(1);
  });

  it('enrolls, then syncs at once: the outbox reaches the server and the status is up to date', async () => {
    const { store, connection, council } = await setup();
    await store.getState().syncNow();
    const response = await store.getState().enroll(request());
    expect(response.status).toBe('enrolled');
    expect(connection.enrollRequests).toEqual([request()]);
    const state = store.getState();
    expect(state.status.phase).toBe('up-to-date');
    expect(state.status.account?.deviceName).toBe('Test laptop');
    expect(state.status.lastSyncedAt).not.toBeNull();
    expect(connection.pushes.flat().some((c) => c.table === 'councils' && c.rowId === council.id && c.field === 'name')).toBe(true);
    expect(state.pending).toBe(0);
    expect(state.conflictCount).toBe(0);
  });

  it('hands a failed enrollment back to the form and does not sync', async () => {
    const { store, connection } = await setup();
    const response = await store.getState().enroll(request('WRONG-CODE'));
    expect(response).toMatchObject({ status: 'error', kind: 'rejected', message: 'That enrollment code is unknown, used or expired.' });
    expect(connection.pushes).toHaveLength(0);
    expect(store.getState().status.account).toBeNull();
  });

  it('asks for consent without a keyring, and enrolls once it is given', async () => {
    const { store, connection } = await setup();
    connection.noKeyring = true;
    const refused = await store.getState().enroll(request());
    expect(refused).toMatchObject({ status: 'error', kind: 'insecure_storage' });
    expect(connection.account).toBeNull();
    const agreed = await store.getState().enroll({ ...request(), allowPlainTextStorage: true });
    expect(agreed.status).toBe('enrolled');
    expect(connection.enrollRequests.at(-1)?.allowPlainTextStorage).toBe(true);
    expect(store.getState().status).toMatchObject({ phase: 'up-to-date', account: { tokenStorage: 'plain-text-agreed' } });
  });

  it('syncNow reports needs-attention when the server refuses, and keeps the outbox', async () => {
    const { store, connection, repos, council } = await setup();
    await store.getState().enroll(request());
    await repos.councils.update(council.id, { region: 'Pacific Northwest' });
    connection.nextFailure = { status: 'error', kind: 'unauthorized', message: 'This device is no longer allowed to sync.' };
    const status = await store.getState().syncNow();
    expect(status.phase).toBe('needs-attention');
    expect(status.attention?.kind).toBe('enroll-again');
    await vi.waitFor(() => expect(store.getState().pending).toBeGreaterThan(0));
    // Next time it goes through.
    expect((await store.getState().syncNow()).phase).toBe('up-to-date');
    await vi.waitFor(() => expect(store.getState().pending).toBe(0));
  });

  it('re-reads local edits the engine has not counted yet', async () => {
    const { store, repos, council } = await setup();
    await store.getState().enroll(request());
    expect(store.getState().pending).toBe(0);
    await repos.councils.update(council.id, { region: 'Pacific Northwest' });
    await store.getState().refreshCounts();
    expect(store.getState().pending).toBeGreaterThan(0);
    expect(store.getState().status.pending).toBe(0); // the engine's count is from the last round
  });

  it('counts a conflict a pull brings, and restoring it clears the count and queues the edit', async () => {
    const { store, connection, repos, council } = await setup();
    await store.getState().enroll(request());
    const created = connection.log.find((c) => c.table === 'councils' && c.field === 'name')!;
    // Here: renamed. Elsewhere, at the same time and a little later: renamed differently.
    await repos.councils.update(council.id, { name: 'Harbor Council (here)' });
    const otherClient = uuidv7();
    connection.append({
      opId: uuidv7(),
      clientId: otherClient,
      councilId: council.id,
      table: 'councils',
      rowId: council.id,
      field: 'name',
      value: 'Harbor Council (elsewhere)',
      hlc: `${String(nowMs() + 5_000).padStart(15, '0')}-000000-${otherClient}`,
      baseHlc: created.hlc,
    });
    const revision = store.getState().revision;
    await store.getState().syncNow();
    await vi.waitFor(() => expect(store.getState().conflictCount).toBe(1));
    expect(store.getState().revision).toBeGreaterThan(revision);
    expect((await repos.councils.require(council.id)).name).toBe('Harbor Council (elsewhere)');

    const { listConflicts } = await import('@renderer/sync/conflicts');
    const [conflict] = await listConflicts(stores.at(-1)!.db);
    expect(conflict).toMatchObject({ kind: 'concurrent-edit', field: 'name', losingValue: 'Harbor Council (here)' });

    expect(await store.getState().restoreConflict(conflict!.id)).toBe('restored');
    expect(store.getState().conflictCount).toBe(0);
    expect(store.getState().pending).toBeGreaterThan(0);
    expect((await repos.councils.require(council.id)).name).toBe('Harbor Council (here)');
    expect(await store.getState().keepCurrent(conflict!.id)).toBe('gone');
  });

  it('forgets the enrollment but keeps the data and the outbox', async () => {
    const { store, connection, repos, council } = await setup();
    await store.getState().enroll(request());
    await repos.councils.update(council.id, { region: 'Pacific Northwest' });
    await store.getState().forget();
    expect(connection.account).toBeNull();
    expect(store.getState().status.phase).toBe('not-enrolled');
    expect(store.getState().status.account).toBeNull();
    await vi.waitFor(() => expect(store.getState().pending).toBeGreaterThan(0));
    expect((await repos.councils.require(council.id)).region).toBe('Pacific Northwest');
  });
});
