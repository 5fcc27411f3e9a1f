/**
 * A sync world for Dexie-client tests: a real sync server (HTTP on 127.0.0.1, SQLite store) and
 * laptops, each its own IndexedDB (fake-indexeddb) + SyncEngine + the real HTTP connection.
 */
import type { FastifyInstance } from 'fastify';
import type { SyncConnection } from '@shared/sync/connection';
import { createHttpSyncConnection, type CredentialStore, type LoadedCredentials } from '@shared/sync/httpConnection';
import { CommonGroundDb } from '@renderer/db/database';
import { createRepositories, type Repositories } from '@renderer/db/repositories';
import { SyncEngine, type EngineOptions } from '@renderer/sync/engine';
import { appSyncRegistry, ensureServerCouncils, localOnlyCouncils, syncRecordSchemas } from '@renderer/db/capture/syncedTables';
import { buildServer, type ServerLimits } from '../../../../server/app';
import type { Store } from '../../../../server/store';
import { issueCode, sqliteBackend, type Backend } from '../../server/helpers';
import { nowMs } from '@shared/clock';

export function memoryCredentials(): CredentialStore {
  let saved: LoadedCredentials | null = null;
  return {
    load: async () => saved,
    check: async () => ({ status: 'saved', tokenStorage: 'browser-profile' }),
    save: async (c) => {
      saved = { ...c, tokenStorage: 'browser-profile' };
      return { status: 'saved', tokenStorage: 'browser-profile' };
    },
    clear: async () => {
      saved = null;
    },
  };
}

export interface Laptop {
  name: string;
  db: CommonGroundDb;
  repos: Repositories;
  engine: SyncEngine;
  connection: SyncConnection;
  /** Toggle to simulate the network going away (fetch fails like a dropped connection). */
  online: boolean;
  /** While true, the engine talks through `faulty` (if given) instead of the honest connection. */
  faults: boolean;
}

export class SyncWorld {
  app!: FastifyInstance;
  store!: Store;
  url = '';
  councilId = '';
  accountId = '';
  readonly laptops: Laptop[] = [];
  private readonly backend: Backend = sqliteBackend();
  private counter = 0;

  private port = 0;
  restarts = 0;
  private limits: Partial<ServerLimits> = {};

  async start(limits: Partial<ServerLimits> = {}): Promise<void> {
    this.limits = limits;
    this.store = await this.backend.open();
    await this.listen();
    this.url = `http://127.0.0.1:${this.port}`;
    this.councilId = (await this.store.createCouncil('Harbor Regional Council')).id;
    this.accountId = (await this.store.createAccount('Pat Okafor')).id;
    await this.store.addMember(this.accountId, this.councilId);
  }

  private async listen(): Promise<void> {
    this.app = await buildServer({ store: this.store, limits: { rateLimit: false, enrollRateLimit: false, ...this.limits } });
    await this.app.listen({ host: '127.0.0.1', port: this.port });
    const address = this.app.server.address();
    if (!address || typeof address === 'string') throw new Error('server did not listen');
    this.port = address.port;
  }

  /** Stop the server process and start it again on the same data and port. */
  async restart(): Promise<void> {
    await this.app.close();
    await this.store.close();
    this.store = await this.backend.reopen();
    await this.listen();
    this.restarts++;
  }

  async laptop(name: string, options: Partial<EngineOptions> = {}, faulty?: (inner: SyncConnection, laptop: Laptop) => SyncConnection): Promise<Laptop> {
    this.counter++;
    const db = new CommonGroundDb(`sync-${name}-${process.pid}-${nowMs()}-${this.counter}`);
    await db.open();
    const laptop = { name, db, repos: createRepositories(db), online: true, faults: faulty !== undefined } as Laptop;
    const fetcher: typeof fetch = (input, init) => (laptop.online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed')));
    laptop.connection = createHttpSyncConnection({ fetch: fetcher, credentials: memoryCredentials(), timeoutMs: 10_000 });
    const code = await issueCode(this.store, this.accountId);
    const enrolled = await laptop.connection.syncEnroll({ serverUrl: this.url, code, deviceName: name });
    if (enrolled.status !== 'enrolled') throw new Error(`enroll failed: ${enrolled.message}`);
    const honest = laptop.connection;
    const wrapped = faulty?.(honest, laptop);
    const current = (): SyncConnection => (laptop.faults && wrapped ? wrapped : honest);
    laptop.engine = new SyncEngine({
      db,
      connection: {
        syncStatus: () => current().syncStatus(),
        syncEnroll: (r) => current().syncEnroll(r),
        syncForget: () => current().syncForget(),
        syncPush: (r) => current().syncPush(r),
        syncPull: (r) => current().syncPull(r),
      },
      registry: appSyncRegistry,
      schemas: syncRecordSchemas,
      isOnline: () => laptop.online,
      onCouncils: (councils) => ensureServerCouncils(db, councils),
      // As the app wires it (stores/sync/store.ts): the sample council stays on the laptop.
      keepLocal: () => localOnlyCouncils(db),
      ...options,
    });
    this.laptops.push(laptop);
    return laptop;
  }

  /** Enroll a laptop again with a new code (after its device was revoked, or onto `accountId`). */
  async enrollAgain(laptop: Laptop, accountId = this.accountId): Promise<void> {
    const code = await issueCode(this.store, accountId);
    const enrolled = await laptop.connection.syncEnroll({ serverUrl: this.url, code, deviceName: `${laptop.name} again` });
    if (enrolled.status !== 'enrolled') throw new Error(`enroll failed: ${enrolled.message}`);
  }

  /** Sync every laptop twice over (so each sees what the others pushed in the first pass). */
  async syncAll(): Promise<void> {
    for (let pass = 0; pass < 2; pass++) for (const l of this.laptops) await l.engine.syncNow();
  }

  async stop(): Promise<void> {
    for (const l of this.laptops) {
      l.engine.stop();
      l.db.close();
      await l.db.delete();
    }
    await this.app.close();
    await this.store.close();
    await this.backend.teardown();
  }
}
