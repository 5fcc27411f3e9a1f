import { createHash } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Change, JsonValue } from '../../src/shared/sync/protocol';
import { MAX_PULL_PAGE_BYTES } from '../../src/shared/sync/protocol';
import type { SyncRegistry } from '../../src/shared/sync/registry';
import { appSyncRegistry } from '../../src/shared/sync/appRegistry';
import { PULL_COLUMNS, pageEnd, pulledRowToChange, rowToChange, valueBytes, valueHash, type ChangeRow, type PulledRow } from './common';
import {
  needsHash,
  opKeyOf,
  planPush,
  pushNeeds,
  rowKeyOf,
  writeOnceRowsOf,
  type PushNeeds,
  type RowOwner,
  type StoredWriteOnceField,
  type WriteOnceRow,
} from './pushPlan';
import { BACKFILL_WRITE_ONCE, EPOCH_KEY, MIGRATIONS, MIGRATIONS_TABLE, TYPE_MAPS } from './schema';
import type { WindowCount, WindowCounter } from '../windowCounter';
import {
  SchemaTooNewError,
  UnknownRecordError,
  type AccountRecord,
  type CouncilRecord,
  type DeviceRecord,
  type PullPage,
  type PushInput,
  type PushOutcome,
  type RedeemResult,
  type Store,
  type StoreHooks,
} from './types';
import { nowMs } from '../../src/shared/clock';

/** Any constant works; it only has to be the same in every server process. */
const MIGRATION_LOCK_KEY = 0x43470001;
const RETRYABLE = new Set(['40001', '40P01']);
const INT8_OID = 20;

/** Millisecond times and sequence numbers fit in a double, so BIGINT comes back as a number. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

interface DeviceRow {
  id: string;
  account_id: string;
  account_name: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  accountId: r.account_id,
  accountName: r.account_name,
  name: r.name,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});
const DEVICE_COLUMNS = 'd.id, d.account_id, a.name AS account_name, d.name, d.created_at, d.revoked_at FROM devices d JOIN accounts a ON a.id = d.account_id';
const toNamed = (r: { id: string; name: string; created_at: number }) => ({ id: r.id, name: r.name, createdAt: r.created_at });

class Rollback extends Error {
  constructor(readonly outcome: PushOutcome) {
    super('rollback');
  }
}

/** Another server process claimed a row this push read as unclaimed: run the push again. */
class ClaimRace extends Error {
  readonly code = '40001';
}

/**
 * What each process calls itself in pg_stat_activity: a restore refuses a database that a sync
 * server is connected to (server/backup.ts), and an operator sees who holds connections.
 */
export const SERVER_APPLICATION_NAME = 'common-ground-sync';
export const ADMIN_APPLICATION_NAME = 'common-ground-admin';

export interface PostgresStoreOptions {
  hooks?: StoreHooks;
  /** The sync registry whose rules the server enforces (the app's, unless a test gives another). */
  registry?: SyncRegistry;
  poolSize?: number;
  onPoolError?: (error: Error) => void;
  /** A database that does not answer a connection within this is reported, not waited on for ever. */
  connectTimeoutMs?: number;
  applicationName?: string;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  hooks: StoreHooks;
  epoch = '';
  readonly counters: WindowCounter;
  private readonly registry: SyncRegistry;

  private constructor(
    private readonly pool: pg.Pool,
    options: PostgresStoreOptions,
  ) {
    this.hooks = options.hooks ?? {};
    this.registry = options.registry ?? appSyncRegistry;
    this.counters = new PostgresWindowCounter(pool);
  }

  static async open(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({
      connectionString,
      max: options.poolSize ?? 10,
      types,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: options.applicationName ?? SERVER_APPLICATION_NAME,
    });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (e) => options.onPoolError?.(e));
    const store = new PostgresStore(pool, options);
    try {
      store.epoch = await store.migrate();
    } catch (e) {
      await pool.end();
      throw e;
    }
    return store;
  }

  private async tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (e as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < 4) continue;
        throw e;
      } finally {
        client.release();
      }
    }
  }

  /**
   * Runs the migrations the database lacks and returns the log's epoch. Several servers may start
   * at once against one database (a rolling start, or systemd starting every instance together):
   * the transaction-scoped advisory lock lets one of them migrate while the others wait, and
   * they then find the migrations done and run none. The lock goes with the transaction, so a
   * process killed mid-migration leaves neither a lock nor half a migration behind.
   */
  private async migrate(): Promise<string> {
    return this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await c.query(MIGRATIONS_TABLE(TYPE_MAPS.postgres));
      const { rows } = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      const version = rows[0]?.v ?? 0;
      if (version > MIGRATIONS.length) throw new SchemaTooNewError(version, MIGRATIONS.length);
      for (let v = version + 1; v <= MIGRATIONS.length; v++) {
        for (const statement of MIGRATIONS[v - 1]!(TYPE_MAPS.postgres)) await c.query(statement);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [v, nowMs()]);
      }
      await this.applyRules(c);
      await c.query('INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [EPOCH_KEY, uuidv7()]);
      return (await c.query<{ value: string }>('SELECT value FROM server_meta WHERE key = $1', [EPOCH_KEY])).rows[0]!.value;
    });
  }

  async setEpoch(epoch: string): Promise<void> {
    await this.pool.query('UPDATE server_meta SET value = $1 WHERE key = $2', [epoch, EPOCH_KEY]);
    this.epoch = epoch;
  }

  async schemaVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
    return rows[0]?.v ?? 0;
  }

  /** See SqliteStore.applyRules: write-once tables get the fields they already have recorded. */
  private async applyRules(c: pg.PoolClient): Promise<void> {
    const { rows } = await c.query<{ value: string }>("SELECT value FROM server_meta WHERE key = 'write_once_tables'");
    const done = new Set<string>(rows[0] ? (JSON.parse(rows[0].value) as string[]) : []);
    const wanted = this.registry
      .list()
      .filter((d) => d.immutable)
      .map((d) => d.name);
    const missing = wanted.filter((t) => !done.has(t));
    if (missing.length === 0) return;
    for (const table of missing) await c.query(BACKFILL_WRITE_ONCE('$1'), [table]);
    await c.query("INSERT INTO server_meta (key, value) VALUES ('write_once_tables', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [
      JSON.stringify([...new Set([...done, ...wanted])].sort()),
    ]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  async createCouncil(name: string): Promise<CouncilRecord> {
    const council = { id: uuidv7(), name, createdAt: nowMs() };
    await this.tx(async (c) => {
      await c.query('INSERT INTO councils (id, name, created_at) VALUES ($1, $2, $3)', [council.id, name, council.createdAt]);
      await c.query('INSERT INTO council_seqs (council_id, last_seq) VALUES ($1, 0)', [council.id]);
    });
    return council;
  }

  async listCouncils(): Promise<CouncilRecord[]> {
    const { rows } = await this.pool.query('SELECT id, name, created_at FROM councils ORDER BY id');
    return rows.map(toNamed);
  }

  async createAccount(name: string): Promise<AccountRecord> {
    const account = { id: uuidv7(), name, createdAt: nowMs() };
    await this.pool.query('INSERT INTO accounts (id, name, created_at) VALUES ($1, $2, $3)', [account.id, name, account.createdAt]);
    return account;
  }

  async listAccounts(): Promise<AccountRecord[]> {
    const { rows } = await this.pool.query('SELECT id, name, created_at FROM accounts ORDER BY id');
    return rows.map(toNamed);
  }

  async addMember(accountId: string, councilId: string): Promise<void> {
    if ((await this.pool.query('SELECT 1 FROM accounts WHERE id = $1', [accountId])).rowCount === 0) throw new UnknownRecordError(`no account ${accountId}`);
    if ((await this.pool.query('SELECT 1 FROM councils WHERE id = $1', [councilId])).rowCount === 0) throw new UnknownRecordError(`no council ${councilId}`);
    await this.pool.query('INSERT INTO memberships (account_id, council_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      accountId,
      councilId,
      nowMs(),
    ]);
  }

  async councilsOf(accountId: string): Promise<CouncilRecord[]> {
    const { rows } = await this.pool.query(
      'SELECT c.id, c.name, c.created_at FROM councils c JOIN memberships m ON m.council_id = c.id WHERE m.account_id = $1 ORDER BY c.id',
      [accountId],
    );
    return rows.map(toNamed);
  }

  async createEnrollmentCode(accountId: string, codeHash: string, expiresAt: number, now: number): Promise<void> {
    if ((await this.pool.query('SELECT 1 FROM accounts WHERE id = $1', [accountId])).rowCount === 0) throw new UnknownRecordError(`no account ${accountId}`);
    await this.pool.query('INSERT INTO enrollment_codes (code_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
      codeHash,
      accountId,
      now,
      expiresAt,
    ]);
  }

  async redeemEnrollmentCode(codeHash: string, now: number, device: { id: string; name: string; tokenHash: string }): Promise<RedeemResult | null> {
    return this.tx(async (c) => {
      // The conditional UPDATE takes a row lock: of two concurrent redeemers only one matches used_at IS NULL.
      const { rows } = await c.query<{ account_id: string }>(
        'UPDATE enrollment_codes SET used_at = $1, device_id = $2 WHERE code_hash = $3 AND used_at IS NULL AND expires_at > $1 RETURNING account_id',
        [now, device.id, codeHash],
      );
      const row = rows[0];
      if (!row) return null;
      await c.query('INSERT INTO devices (id, account_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
        device.id,
        row.account_id,
        device.name,
        device.tokenHash,
        now,
      ]);
      return { accountId: row.account_id, deviceId: device.id };
    });
  }

  async deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null> {
    const { rows } = await this.pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} WHERE d.token_hash = $1`, [tokenHash]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async listDevices(accountId?: string): Promise<DeviceRecord[]> {
    const { rows } = accountId
      ? await this.pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} WHERE d.account_id = $1 ORDER BY d.id`, [accountId])
      : await this.pool.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} ORDER BY d.id`);
    return rows.map(toDevice);
  }

  async revokeDevice(deviceId: string, now: number): Promise<boolean> {
    const r = await this.pool.query('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, deviceId]);
    return (r.rowCount ?? 0) > 0;
  }

  async push(input: PushInput): Promise<PushOutcome> {
    try {
      return await this.tx((c) => this.pushInTransaction(c, input));
    } catch (e) {
      if (e instanceof Rollback) return e.outcome;
      throw e;
    }
  }

  private async pushInTransaction(c: pg.PoolClient, input: PushInput): Promise<PushOutcome> {
    await c.query('INSERT INTO client_ids (client_id, device_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      input.clientId,
      input.deviceId,
      input.receivedAt,
    ]);
    const bound = await c.query<{ device_id: string }>('SELECT device_id FROM client_ids WHERE client_id = $1', [input.clientId]);
    if (bound.rows[0]?.device_id !== input.deviceId) throw new Rollback({ kind: 'client_id_mismatch' });

    const councilIds = [...new Set(input.changes.map((ch) => ch.councilId))].sort();
    // Locking the councils' sequence rows (in one fixed order, so pushers cannot deadlock) makes
    // pushes to a council take turns: seqs are allocated and committed in the same order, so a
    // puller can never see seq n+1 while seq n is still uncommitted and then skip past it.
    const locked = await c.query<{ council_id: string }>(
      'SELECT council_id FROM council_seqs WHERE council_id = ANY($1::text[]) ORDER BY council_id FOR UPDATE',
      [councilIds],
    );
    if (locked.rowCount !== councilIds.length) throw new UnknownRecordError('unknown council');

    const needs = pushNeeds(input.changes, this.registry);
    const owners = await this.fetchOwners(
      c,
      needs.rows.map((r) => [r.table, r.rowId]),
    );
    const [existing, councils, writeOnce] = [
      await this.fetchOps(c, needs.ops),
      needs.councilRefs.length === 0
        ? new Set<string>()
        : new Set((await c.query<{ id: string }>('SELECT id FROM councils WHERE id = ANY($1::text[])', [needs.councilRefs])).rows.map((r) => r.id)),
      await this.fetchWriteOnce(c, needs, owners),
    ];

    const plan = planPush(input, this.registry, { existing, owners, councils, writeOnce });

    if (plan.claims.length > 0) {
      const res = await c.query(
        'INSERT INTO row_councils (tbl, row_id, council_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING RETURNING tbl',
        [plan.claims.map((r) => r.table), plan.claims.map((r) => r.rowId), plan.claims.map((r) => r.councilId)],
      );
      // A push to another council claimed one of these rows after we read it as free (the
      // council locks do not cover it): read again and decide again.
      if (res.rowCount !== plan.claims.length) throw new ClaimRace('row claimed concurrently');
    }
    if (plan.writeOnce.length > 0) {
      const res = await c.query(
        `INSERT INTO write_once_fields (tbl, row_id, field, account_id, value_hash)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) ON CONFLICT DO NOTHING RETURNING tbl`,
        [
          plan.writeOnce.map((w) => w.table),
          plan.writeOnce.map((w) => w.rowId),
          plan.writeOnce.map((w) => w.field),
          plan.writeOnce.map((w) => w.accountId),
          plan.writeOnce.map((w) => w.valueHash),
        ],
      );
      if (res.rowCount !== plan.writeOnce.length) throw new ClaimRace('write-once field written concurrently');
    }
    if (plan.stamps.length > 0) {
      await c.query(
        'UPDATE row_councils rc SET stamp_hlc = q.h FROM unnest($1::text[], $2::text[], $3::text[]) AS q(t, r, h) WHERE rc.tbl = q.t AND rc.row_id = q.r',
        [plan.stamps.map((st) => st.table), plan.stamps.map((st) => st.rowId), plan.stamps.map((st) => st.hlc)],
      );
    }

    let inserted = 0;
    for (const [councilId, list] of plan.insert) {
      if (list.length === 0) continue;
      const alloc = await c.query<{ last_seq: number }>('UPDATE council_seqs SET last_seq = last_seq + $1 WHERE council_id = $2 RETURNING last_seq', [
        list.length,
        councilId,
      ]);
      const last = alloc.rows[0]?.last_seq;
      if (last === undefined) throw new UnknownRecordError(`no council ${councilId}`);
      const seqs = list.map((_, i) => last - list.length + 1 + i);
      const values = list.map((ch) => JSON.stringify(ch.value));
      // The council's row in council_seqs is locked above: no other push of this council can
      // have stored one of these opIds since we read them, so every row goes in.
      const res = await c.query(
        `INSERT INTO changes (council_id, seq, op_id, client_id, device_id, tbl, row_id, field, value_bytes, value, hlc, base_hlc, received_at)
         SELECT $1, s, o, cl, $2, t, r, f, vb, v, h, b, $3
         FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[])
           AS x(s, o, cl, t, r, f, vb, v, h, b)`,
        [
          councilId,
          input.deviceId,
          input.receivedAt,
          seqs,
          list.map((ch) => ch.opId),
          list.map((ch) => ch.clientId),
          list.map((ch) => ch.table),
          list.map((ch) => ch.rowId),
          list.map((ch) => ch.field),
          values.map(valueBytes),
          values,
          list.map((ch) => ch.hlc),
          list.map((ch) => ch.baseHlc),
        ],
      );
      inserted += res.rowCount ?? 0;
    }
    this.hooks.beforePushCommit?.();
    return { kind: 'ok', acked: plan.acked, rejected: plan.rejected, inserted };
  }

  private async fetchOps(c: pg.PoolClient, ops: ReadonlyArray<{ councilId: string; opId: string }>): Promise<Map<string, Change>> {
    if (ops.length === 0) return new Map();
    const { rows } = await c.query<ChangeRow>(
      `SELECT c.council_id, c.seq, c.op_id, c.client_id, c.tbl, c.row_id, c.field, c.value, c.hlc, c.base_hlc
       FROM changes c JOIN unnest($1::text[], $2::text[]) AS q(council_id, op_id) ON c.council_id = q.council_id AND c.op_id = q.op_id`,
      [ops.map((o) => o.councilId), ops.map((o) => o.opId)],
    );
    return new Map(rows.map((r) => [opKeyOf(r.council_id, r.op_id), rowToChange(r)]));
  }

  private async fetchOwners(c: pg.PoolClient, keys: ReadonlyArray<readonly [string, string]>): Promise<Map<string, RowOwner>> {
    if (keys.length === 0) return new Map();
    const { rows } = await c.query<{ tbl: string; row_id: string; council_id: string; stamp_hlc: string | null }>(
      'SELECT rc.tbl, rc.row_id, rc.council_id, rc.stamp_hlc FROM row_councils rc JOIN unnest($1::text[], $2::text[]) AS q(tbl, row_id) ON rc.tbl = q.tbl AND rc.row_id = q.row_id',
      [keys.map((k) => k[0]), keys.map((k) => k[1])],
    );
    return new Map(rows.map((o) => [rowKeyOf(o.tbl, o.row_id), { councilId: o.council_id, stampHlc: o.stamp_hlc }]));
  }

  private async fetchWriteOnce(c: pg.PoolClient, needs: PushNeeds, owners: ReadonlyMap<string, RowOwner>): Promise<Map<string, WriteOnceRow>> {
    const keys = needs.writeOnceRows;
    if (keys.length === 0) return new Map();
    const { rows } = await c.query<StoredWriteOnceField>(
      `SELECT w.tbl, w.row_id, w.field, w.account_id, w.value_hash
       FROM write_once_fields w JOIN unnest($1::text[], $2::text[]) AS q(tbl, row_id) ON w.tbl = q.tbl AND w.row_id = q.row_id`,
      [keys.map((k) => k.table), keys.map((k) => k.rowId)],
    );
    for (const f of rows) {
      if (!needsHash(f, needs)) continue;
      const value = await this.firstValue(c, f.tbl, f.row_id, f.field, owners.get(rowKeyOf(f.tbl, f.row_id))?.councilId);
      if (value === undefined) continue;
      f.value_hash = valueHash(value);
      await c.query('UPDATE write_once_fields SET value_hash = $1 WHERE tbl = $2 AND row_id = $3 AND field = $4', [f.value_hash, f.tbl, f.row_id, f.field]);
    }
    return writeOnceRowsOf(rows);
  }

  /** See SqliteStore.firstValue: the value that stands in a field recorded before values were hashed. */
  private async firstValue(c: pg.PoolClient, table: string, rowId: string, field: string, councilId: string | undefined): Promise<JsonValue | undefined> {
    const { rows } =
      councilId === undefined
        ? await c.query<{ value: string }>('SELECT value FROM changes WHERE tbl = $1 AND row_id = $2 AND field = $3 ORDER BY council_id, seq LIMIT 1', [
            table,
            rowId,
            field,
          ])
        : await c.query<{ value: string }>('SELECT value FROM changes WHERE council_id = $1 AND tbl = $2 AND row_id = $3 AND field = $4 ORDER BY seq LIMIT 1', [
            councilId,
            table,
            rowId,
            field,
          ]);
    return rows[0] ? (JSON.parse(rows[0].value) as JsonValue) : undefined;
  }

  async pull(councilId: string, afterSeq: number, limit: number, maxBytes = MAX_PULL_PAGE_BYTES): Promise<PullPage> {
    // The page's end is found from the values' sizes alone (the values it leaves out are never
    // read), then only the page is read. Two connections of the pool at once: a first sync asks
    // for a hundred pages.
    const [sizes, seqs] = await Promise.all([
      this.pool.query<[number, number]>({
        text: 'SELECT seq, value_bytes FROM changes WHERE council_id = $1 AND seq > $2 ORDER BY seq LIMIT $3',
        values: [councilId, afterSeq, limit + 1],
        rowMode: 'array',
      }),
      this.pool.query<{ last_seq: number }>('SELECT last_seq FROM council_seqs WHERE council_id = $1', [councilId]),
    ]);
    const { end, hasMore } = pageEnd(sizes.rows, limit, maxBytes);
    const rows =
      end === null
        ? []
        : (
            await this.pool.query<PulledRow>({
              text: `SELECT ${PULL_COLUMNS} FROM changes WHERE council_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq`,
              values: [councilId, afterSeq, end],
              rowMode: 'array',
            })
          ).rows;
    return { changes: rows.map((r) => pulledRowToChange(councilId, r)), hasMore, lastSeq: seqs.rows[0]?.last_seq ?? 0 };
  }

  async countChanges(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*)::bigint AS n FROM changes');
    return rows[0]!.n;
  }

  /** Tests only: empty every table so each test starts from nothing on a shared database. */
  async truncateAllForTests(): Promise<void> {
    await this.pool.query(
      'TRUNCATE changes, row_councils, write_once_fields, client_ids, enrollment_codes, devices, memberships, accounts, council_seqs, councils, rate_limits',
    );
  }
}

/**
 * Request windows in the database, so every server process on it counts against one budget. One
 * upsert per hit: the row lock of ON CONFLICT makes concurrent hits from several processes add
 * up exactly. Keys are stored hashed (no device id or client address in the table).
 */
class PostgresWindowCounter implements WindowCounter {
  readonly shared = true;

  constructor(private readonly pool: pg.Pool) {}

  async hit(key: string, windowMs: number, now: number): Promise<WindowCount> {
    const { rows } = await this.pool.query<{ hits: number; reset_at: number }>(
      `INSERT INTO rate_limits (key, hits, reset_at) VALUES ($1, 1, $2::bigint + $3::bigint)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN rate_limits.reset_at <= $2::bigint THEN 1 ELSE rate_limits.hits + 1 END,
         reset_at = CASE WHEN rate_limits.reset_at <= $2::bigint THEN $2::bigint + $3::bigint ELSE rate_limits.reset_at END
       RETURNING hits, reset_at`,
      [hashKey(key), now, windowMs],
    );
    return { count: rows[0]!.hits, resetAt: rows[0]!.reset_at };
  }

  async peek(key: string, now: number): Promise<WindowCount> {
    const { rows } = await this.pool.query<{ hits: number; reset_at: number }>('SELECT hits, reset_at FROM rate_limits WHERE key = $1', [hashKey(key)]);
    const w = rows[0];
    return w && now < w.reset_at ? { count: w.hits, resetAt: w.reset_at } : { count: 0, resetAt: 0 };
  }

  async prune(now: number): Promise<void> {
    await this.pool.query('DELETE FROM rate_limits WHERE reset_at <= $1', [now]);
  }
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('base64url');
