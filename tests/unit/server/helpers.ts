import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { encodeHlc } from '@shared/sync/hlc';
import type { Change, EnrollResponse, JsonValue } from '@shared/sync/protocol';
import { hashEnrollmentCode, newEnrollmentCode } from '../../../server/secrets';
import { PostgresStore, SqliteStore, type Store } from '../../../server/store';
import { skipPostgres, startPostgres, type PgServer } from './pgHarness';
import { nowMs } from '@shared/clock';

export interface Backend {
  readonly name: 'sqlite' | 'postgres';
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A fresh, empty store. */
  open(): Promise<Store>;
  /** Another handle on the same data as the last open(): a restarted or second server process. */
  reopen(): Promise<Store>;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  let current = '';
  return {
    name: 'sqlite',
    async setup() {},
    async teardown() {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'cg-sqlite-'));
      dirs.push(dir);
      current = join(dir, 'sync.sqlite');
      // NORMAL: these files die with the test; FULL's fsync per commit only costs time here.
      return new SqliteStore(current, { synchronous: 'NORMAL' });
    },
    async reopen() {
      return new SqliteStore(current, { synchronous: 'NORMAL' });
    },
  };
}

export function postgresBackend(): Backend {
  let server: PgServer | undefined;
  let url = '';
  let n = 0;
  return {
    name: 'postgres',
    async setup() {
      server = await startPostgres();
    },
    async teardown() {
      await server?.stop();
    },
    async open() {
      if (!server) throw new Error('postgres backend not set up');
      url = await server.createDatabase(`t${process.pid}_${++n}`);
      return PostgresStore.open(url);
    },
    async reopen() {
      return PostgresStore.open(url);
    },
  };
}

/** SQLite always; PostgreSQL unless CG_SKIP_PG=1 (and then a missing PostgreSQL fails loudly). */
export function backends(): Backend[] {
  return skipPostgres ? [sqliteBackend()] : [sqliteBackend(), postgresBackend()];
}

export const T0 = 1_767_225_600_000;

export async function issueCode(store: Store, accountId: string, ttlMs = 3_600_000, now = nowMs()): Promise<string> {
  const code = newEnrollmentCode();
  await store.createEnrollmentCode(accountId, hashEnrollmentCode(code), now + ttlMs, now);
  return code;
}

export async function enroll(app: FastifyInstance, store: Store, accountId: string, deviceName = 'laptop'): Promise<EnrollResponse> {
  const code = await issueCode(store, accountId);
  const res = await app.inject({ method: 'POST', url: '/v1/enroll', payload: { code, deviceName } });
  if (res.statusCode !== 200) throw new Error(`enroll failed: ${res.statusCode} ${res.body}`);
  return res.json() as EnrollResponse;
}

let opCounter = 0;
export function opId(): string {
  opCounter++;
  return `0198c3f0-0000-7000-8000-${(opCounter + process.pid * 1_000_000).toString(16).padStart(12, '0').slice(-12)}`;
}

export function change(clientId: string, councilId: string, over: Partial<Change> & { wall?: number; counter?: number } = {}): Change {
  const { wall, counter, ...rest } = over;
  return {
    opId: opId(),
    clientId,
    councilId,
    table: 'meetings',
    rowId: 'row-1',
    field: 'title',
    value: 'Weekend coverage' as JsonValue,
    hlc: encodeHlc({ wall: wall ?? nowMs(), counter: counter ?? opCounter % 1000, clientId }),
    baseHlc: null,
    ...rest,
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
