import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '../../src/shared/sync/protocol';
import { PULL_COLUMNS, classifyBatch, pulledRowToChange, rowClaims, rowToChange, sameChange, type ChangeRow, type PulledRow } from './common';
import {
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

const MIGRATIONS: string[] = [
  `CREATE TABLE councils (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL);
   CREATE TABLE council_seqs (council_id TEXT PRIMARY KEY REFERENCES councils(id), last_seq BIGINT NOT NULL DEFAULT 0);
   CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL);
   CREATE TABLE memberships (
     account_id TEXT NOT NULL REFERENCES accounts(id),
     council_id TEXT NOT NULL REFERENCES councils(id),
     created_at BIGINT NOT NULL,
     PRIMARY KEY (account_id, council_id));
   CREATE TABLE devices (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, revoked_at BIGINT);
   CREATE INDEX devices_account ON devices(account_id);
   CREATE TABLE enrollment_codes (
     code_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
     created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT, device_id TEXT);
   CREATE TABLE client_ids (client_id TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id), created_at BIGINT NOT NULL);
   CREATE TABLE row_councils (tbl TEXT NOT NULL, row_id TEXT NOT NULL, council_id TEXT NOT NULL, PRIMARY KEY (tbl, row_id));
   CREATE TABLE changes (
     council_id TEXT NOT NULL REFERENCES councils(id), seq BIGINT NOT NULL,
     op_id TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL, device_id TEXT NOT NULL,
     tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
     hlc TEXT NOT NULL, base_hlc TEXT, received_at BIGINT NOT NULL,
     PRIMARY KEY (council_id, seq));`,
];

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
  name: string;
  created_at: number;
  revoked_at: number | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({ id: r.id, accountId: r.account_id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at });
const toNamed = (r: { id: string; name: string; created_at: number }) => ({ id: r.id, name: r.name, createdAt: r.created_at });

class Rollback extends Error {
  constructor(readonly outcome: PushOutcome) {
    super('rollback');
  }
}

export interface PostgresStoreOptions {
  hooks?: StoreHooks;
  poolSize?: number;
  onPoolError?: (error: Error) => void;
}

export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  hooks: StoreHooks;

  private constructor(
    private readonly pool: pg.Pool,
    options: PostgresStoreOptions,
  ) {
    this.hooks = options.hooks ?? {};
  }

  static async open(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10, types });
    // An idle client losing its connection must not crash the process; the next query reconnects.
    pool.on('error', (e) => options.onPoolError?.(e));
    const store = new PostgresStore(pool, options);
    try {
      await store.migrate();
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

  private async migrate(): Promise<void> {
    await this.tx(async (c) => {
      // Several servers may start at once against one database; only one may migrate.
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
      const { rows } = await c.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      for (let v = (rows[0]?.v ?? 0) + 1; v <= MIGRATIONS.length; v++) {
        await c.query(MIGRATIONS[v - 1]!);
        await c.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [v, nowMs()]);
      }
    });
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
    const { rows } = await this.pool.query<DeviceRow>('SELECT id, account_id, name, created_at, revoked_at FROM devices WHERE token_hash = $1', [tokenHash]);
    return rows[0] ? toDevice(rows[0]) : null;
  }

  async listDevices(accountId?: string): Promise<DeviceRecord[]> {
    const { rows } = accountId
      ? await this.pool.query<DeviceRow>('SELECT id, account_id, name, created_at, revoked_at FROM devices WHERE account_id = $1 ORDER BY id', [accountId])
      : await this.pool.query<DeviceRow>('SELECT id, account_id, name, created_at, revoked_at FROM devices ORDER BY id');
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

    const existing = await this.fetchOps(
      c,
      input.changes.map((ch) => ch.opId),
    );
    const { fresh, acked, rejected } = classifyBatch(input.changes, existing);
    const freshAll = [...fresh.values()].flat();

    const claims = rowClaims(freshAll);
    if (claims.length > 0) {
      await c.query('INSERT INTO row_councils (tbl, row_id, council_id) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING', [
        claims.map((r) => r.table),
        claims.map((r) => r.rowId),
        claims.map((r) => r.councilId),
      ]);
      const owners = await c.query<{ tbl: string; row_id: string; council_id: string }>(
        'SELECT rc.tbl, rc.row_id, rc.council_id FROM row_councils rc JOIN unnest($1::text[], $2::text[]) AS q(tbl, row_id) ON rc.tbl = q.tbl AND rc.row_id = q.row_id',
        [claims.map((r) => r.table), claims.map((r) => r.rowId)],
      );
      const ownerOf = new Map(owners.rows.map((o) => [`${o.tbl}\u0000${o.row_id}`, o.council_id]));
      for (const r of claims) {
        if (ownerOf.get(`${r.table}\u0000${r.rowId}`) !== r.councilId) throw new Rollback({ kind: 'row_council_mismatch', table: r.table, rowId: r.rowId });
      }
    }

    const notInserted = new Set<string>();
    let inserted = 0;
    for (const [councilId, list] of fresh) {
      if (list.length === 0) continue;
      const alloc = await c.query<{ last_seq: number }>('UPDATE council_seqs SET last_seq = last_seq + $1 WHERE council_id = $2 RETURNING last_seq', [
        list.length,
        councilId,
      ]);
      const last = alloc.rows[0]!.last_seq;
      const seqs = list.map((_, i) => last - list.length + 1 + i);
      const res = await c.query<{ op_id: string }>(
        `INSERT INTO changes (council_id, seq, op_id, client_id, device_id, tbl, row_id, field, value, hlc, base_hlc, received_at)
         SELECT $1, s, o, cl, $2, t, r, f, v, h, b, $3
         FROM unnest($4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS x(s, o, cl, t, r, f, v, h, b)
         ON CONFLICT (op_id) DO NOTHING RETURNING op_id`,
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
          list.map((ch) => JSON.stringify(ch.value)),
          list.map((ch) => ch.hlc),
          list.map((ch) => ch.baseHlc),
        ],
      );
      inserted += res.rowCount ?? 0;
      const got = new Set(res.rows.map((r) => r.op_id));
      for (const ch of list) if (!got.has(ch.opId)) notInserted.add(ch.opId);
    }

    // Another council's push committed the same opId between our read and our insert (only a
    // forger or a broken client reuses opIds across councils): classify it like any prior op.
    if (notInserted.size > 0) {
      const now = await this.fetchOps(c, [...notInserted]);
      for (const ch of freshAll) {
        if (!notInserted.has(ch.opId)) continue;
        const prior = now.get(ch.opId);
        if (!prior || !sameChange(prior, ch)) {
          const i = acked.indexOf(ch.opId);
          if (i >= 0) acked.splice(i, 1);
          rejected.push({ opId: ch.opId, reason: 'op_id_conflict' });
        }
      }
    }
    this.hooks.beforePushCommit?.();
    return { kind: 'ok', acked, rejected, inserted };
  }

  private async fetchOps(c: pg.PoolClient, opIds: string[]): Promise<Map<string, Change>> {
    const { rows } = await c.query<ChangeRow>(
      'SELECT council_id, seq, op_id, client_id, tbl, row_id, field, value, hlc, base_hlc FROM changes WHERE op_id = ANY($1::text[])',
      [opIds],
    );
    return new Map(rows.map((r) => [r.op_id, rowToChange(r)]));
  }

  async pull(councilId: string, afterSeq: number, limit: number): Promise<PullPage> {
    // Two connections of the pool at once: a first sync asks for a hundred pages.
    const [{ rows }, seqs] = await Promise.all([
      this.pool.query<PulledRow>({
        text: `SELECT ${PULL_COLUMNS} FROM changes WHERE council_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        values: [councilId, afterSeq, limit + 1],
        rowMode: 'array',
      }),
      this.pool.query<{ last_seq: number }>('SELECT last_seq FROM council_seqs WHERE council_id = $1', [councilId]),
    ]);
    return { changes: rows.slice(0, limit).map((r) => pulledRowToChange(councilId, r)), hasMore: rows.length > limit, lastSeq: seqs.rows[0]?.last_seq ?? 0 };
  }

  async countChanges(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*)::bigint AS n FROM changes');
    return rows[0]!.n;
  }

  /** Tests only: empty every table so each test starts from nothing on a shared database. */
  async truncateAllForTests(): Promise<void> {
    await this.pool.query('TRUNCATE changes, row_councils, client_ids, enrollment_codes, devices, memberships, accounts, council_seqs, councils');
  }
}
