import type Dexie from 'dexie';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { SyncAccount, SyncConnection, SyncEnrollRequest, SyncEnrollResponse } from '@shared/sync/connection';
import type { SyncRegistry } from '@shared/sync/registry';
import type { ZodType } from 'zod';
import { bridge } from '../../bridge';
import { getDb } from '../../db/database';
import { countConflicts, keepCurrent, restoreConflict, type ConflictAction } from '../../sync/conflicts';
import { INITIAL_STATUS, SyncEngine, type EngineOptions, type SyncStatus } from '../../sync/engine';
import { countPending } from '../../sync/outbox';
import { appSyncRegistry, ensureServerCouncils, localOnlyCouncils, syncRecordSchemas } from '../../db/capture/syncedTables';

/** What the store needs from the world; the app passes its db and bridge, tests pass fakes. */
export interface SyncDeps {
  db: Dexie;
  connection: SyncConnection;
  registry: SyncRegistry;
  schemas: Readonly<Record<string, ZodType>>;
  onCouncils?: (councils: SyncAccount['councils']) => Promise<void>;
  keepLocal?: () => Promise<ReadonlySet<string>>;
  /** Extra engine options (tests: isOnline, intervalMs, backoff). */
  engine?: Partial<Omit<EngineOptions, 'db' | 'connection' | 'registry' | 'schemas' | 'onCouncils' | 'keepLocal'>>;
}

export interface SyncState {
  status: SyncStatus;
  /**
   * False until the engine has asked the bridge whether this device is enrolled, so the settings
   * card does not flash the enrollment form at an enrolled laptop during start-up.
   */
  checked: boolean;
  conflictCount: number;
  /**
   * Outbox size read from the db. The engine's status.pending is only counted at the end of a
   * round; local edits since then are captured below Dexie's observability layer (no liveQuery
   * sees them), so views re-read it via refreshCounts.
   */
  pending: number;
  /** Bumped on every re-read of the counts, so views holding a conflicts list know to re-read it. */
  revision: number;

  /** Create the one engine of this window and start it (idempotent). */
  startSync(): void;
  syncNow(): Promise<SyncStatus>;
  /** Enroll this device; on success sync at once. The response goes back to the form (errors, consent). */
  enroll(request: SyncEnrollRequest): Promise<SyncEnrollResponse>;
  /** Remove the token from this device; data and outbox stay. */
  forget(): Promise<void>;
  refreshCounts(): Promise<void>;
  restoreConflict(id: string): Promise<ConflictAction>;
  keepCurrent(id: string): Promise<ConflictAction>;
  /** Stop the engine (tests, and hot reload). */
  stopSync(): void;
  /** Stop the engine and wait for a running round to finish (before a restore replaces the store). */
  pauseSync(): Promise<void>;
}

export type SyncStore = UseBoundStore<StoreApi<SyncState>>;

/**
 * `deps` is resolved on first use, not at import, so importing the store opens no database.
 */
export function createSyncStore(deps: () => SyncDeps): SyncStore {
  let resolved: SyncDeps | null = null;
  let engine: SyncEngine | null = null;
  let unsubscribe: (() => void) | null = null;
  const world = (): SyncDeps => (resolved ??= deps());

  return create<SyncState>((set, get) => {
    const ensureEngine = (): SyncEngine => {
      if (engine) return engine;
      const { db, connection, registry, schemas, onCouncils, keepLocal, engine: extra } = world();
      engine = new SyncEngine({ ...extra, db, connection, registry, schemas, onCouncils, keepLocal });
      unsubscribe = engine.subscribe((status) => {
        // INITIAL_STATUS is the engine's own object until its first update: not an answer yet.
        set((s) => ({ status, checked: s.checked || status !== INITIAL_STATUS }));
        // Per-page progress updates would re-count for nothing; every round ends in another phase.
        // A failed count (database closing) only leaves the numbers as they were until the next round.
        if (status.phase !== 'syncing')
          get()
            .refreshCounts()
            .catch(() => undefined);
      });
      return engine;
    };

    const afterLocalWrite = async <T>(write: () => Promise<T>): Promise<T> => {
      try {
        return await write();
      } finally {
        await get().refreshCounts();
        // Send the choice now rather than at the next periodic round (a no-op when not enrolled).
        void get()
          .syncNow()
          .catch(() => undefined);
      }
    };

    return {
      status: INITIAL_STATUS,
      checked: false,
      conflictCount: 0,
      pending: 0,
      revision: 0,

      startSync() {
        const first = !engine;
        const e = ensureEngine();
        if (first) e.start();
      },

      // Not startSync: a round on demand needs no timers, and start() would begin a round of its own.
      async syncNow() {
        const status = await ensureEngine().syncNow();
        // The listener re-counts too, but callers (and tests) may read the counts right away.
        await get().refreshCounts();
        return status;
      },

      async enroll(request) {
        const response = await world().connection.syncEnroll(request);
        if (response.status === 'enrolled') await get().syncNow();
        return response;
      },

      async forget() {
        await world().connection.syncForget();
        await get().syncNow();
      },

      async refreshCounts() {
        const { db } = world();
        const [conflictCount, pending] = await Promise.all([countConflicts(db), countPending(db)]);
        set((s) => ({ conflictCount, pending, revision: s.revision + 1 }));
      },

      restoreConflict(id) {
        const { db, registry } = world();
        return afterLocalWrite(() => restoreConflict(db, registry, id));
      },

      keepCurrent(id) {
        const { db, registry } = world();
        return afterLocalWrite(() => keepCurrent(db, registry, id));
      },

      stopSync() {
        unsubscribe?.();
        engine?.stop();
        unsubscribe = null;
        engine = null;
      },

      async pauseSync() {
        const running = engine;
        get().stopSync();
        await running?.whenIdle();
      },
    };
  });
}

/** The app's sync store: the app database, the bridge (main process or browser) as connection. */
export const useSync: SyncStore = createSyncStore(() => {
  const db = getDb();
  return {
    db,
    connection: bridge,
    registry: appSyncRegistry,
    schemas: syncRecordSchemas,
    // A council the server's admin created for this account appears here after the first sync.
    onCouncils: (councils) => ensureServerCouncils(db, councils),
    // The first-run sample council never leaves this laptop.
    keepLocal: () => localOnlyCouncils(db),
  };
});

export const startSync = (): void => useSync.getState().startSync();
