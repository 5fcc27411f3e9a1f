import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Change } from '../../src/shared/sync/protocol';
import { PULL_COLUMNS, classifyBatch, pulledRowToChange, rowClaims, rowToChange, type ChangeRow, type PulledRow } from './common';
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
  `CREATE TABLE councils (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE council_seqs (council_id TEXT PRIMARY KEY REFERENCES councils(id), last_seq INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE memberships (
     account_id TEXT NOT NULL REFERENCES accounts(id),
     council_id TEXT NOT NULL REFERENCES councils(id),
     created_at INTEGER NOT NULL,
     PRIMARY KEY (account_id, council_id));
   CREATE TABLE devices (
     id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), name TEXT NOT NULL,
     token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER);
   CREATE INDEX devices_account ON devices(account_id);
   CREATE TABLE enrollment_codes (
     code_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
     created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER, device_id TEXT);
   CREATE TABLE client_ids (client_id TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id), created_at INTEGER NOT NULL);
   CREATE TABLE row_councils (tbl TEXT NOT NULL, row_id TEXT NOT NULL, council_id TEXT NOT NULL, PRIMARY KEY (tbl, row_id));
   CREATE TABLE changes (
     council_id TEXT NOT NULL REFERENCES councils(id), seq INTEGER NOT NULL,
     op_id TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL, device_id TEXT NOT NULL,
     tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL,
     hlc TEXT NOT NULL, base_hlc TEXT, received_at INTEGER NOT NULL,
     PRIMARY KEY (council_id, seq));`,
];

export interface SqliteStoreOptions {
  /**
   * FULL (default) fsyncs every commit: an acknowledged push lets the client delete its outbox, so
   * an ack must survive a power cut. NORMAL is for tests and throwaway servers.
   */
  synchronous?: 'FULL' | 'NORMAL';
  hooks?: StoreHooks;
}

interface DeviceRow {
  id: string;
  account_id: string;
  name: string;
  created_at: number;
  revoked_at: number | null;
}

const toDevice = (r: DeviceRow): DeviceRecord => ({ id: r.id, accountId: r.account_id, name: r.name, createdAt: r.created_at, revokedAt: r.revoked_at });
const toNamed = (r: { id: string; name: string; created_at: number }) => ({ id: r.id, name: r.name, createdAt: r.created_at });

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  hooks: StoreHooks;
  private readonly db: Database.Database;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.hooks = options.hooks ?? {};
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    // Several server processes may share the file; wait for the writer instead of failing.
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Statements are compiled once per store; the push path runs several per change. */
  private q(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private migrate(): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
    const run = this.db.transaction(() => {
      const row = this.q('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
      for (let v = (row.v ?? 0) + 1; v <= MIGRATIONS.length; v++) {
        this.db.exec(MIGRATIONS[v - 1]!);
        this.q('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(v, nowMs());
      }
    });
    run.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async createCouncil(name: string): Promise<CouncilRecord> {
    const council = { id: uuidv7(), name, createdAt: nowMs() };
    this.db
      .transaction(() => {
        this.q('INSERT INTO councils (id, name, created_at) VALUES (?, ?, ?)').run(council.id, name, council.createdAt);
        this.q('INSERT INTO council_seqs (council_id, last_seq) VALUES (?, 0)').run(council.id);
      })
      .immediate();
    return council;
  }

  async listCouncils(): Promise<CouncilRecord[]> {
    return (this.q('SELECT id, name, created_at FROM councils ORDER BY id').all() as Array<{ id: string; name: string; created_at: number }>).map(toNamed);
  }

  async createAccount(name: string): Promise<AccountRecord> {
    const account = { id: uuidv7(), name, createdAt: nowMs() };
    this.q('INSERT INTO accounts (id, name, created_at) VALUES (?, ?, ?)').run(account.id, name, account.createdAt);
    return account;
  }

  async listAccounts(): Promise<AccountRecord[]> {
    return (this.q('SELECT id, name, created_at FROM accounts ORDER BY id').all() as Array<{ id: string; name: string; created_at: number }>).map(toNamed);
  }

  async addMember(accountId: string, councilId: string): Promise<void> {
    if (!this.q('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) throw new UnknownRecordError(`no account ${accountId}`);
    if (!this.q('SELECT 1 FROM councils WHERE id = ?').get(councilId)) throw new UnknownRecordError(`no council ${councilId}`);
    this.q('INSERT INTO memberships (account_id, council_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(accountId, councilId, nowMs());
  }

  async councilsOf(accountId: string): Promise<CouncilRecord[]> {
    const rows = this.q('SELECT c.id, c.name, c.created_at FROM councils c JOIN memberships m ON m.council_id = c.id WHERE m.account_id = ? ORDER BY c.id').all(
      accountId,
    ) as Array<{ id: string; name: string; created_at: number }>;
    return rows.map(toNamed);
  }

  async createEnrollmentCode(accountId: string, codeHash: string, expiresAt: number, now: number): Promise<void> {
    if (!this.q('SELECT 1 FROM accounts WHERE id = ?').get(accountId)) throw new UnknownRecordError(`no account ${accountId}`);
    this.q('INSERT INTO enrollment_codes (code_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(codeHash, accountId, now, expiresAt);
  }

  async redeemEnrollmentCode(codeHash: string, now: number, device: { id: string; name: string; tokenHash: string }): Promise<RedeemResult | null> {
    return this.db
      .transaction((): RedeemResult | null => {
        // The conditional UPDATE is the one-time guarantee: two redeemers cannot both match used_at IS NULL.
        const row = this.q(
          'UPDATE enrollment_codes SET used_at = ?, device_id = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING account_id',
        ).get(now, device.id, codeHash, now) as { account_id: string } | undefined;
        if (!row) return null;
        this.q('INSERT INTO devices (id, account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
          device.id,
          row.account_id,
          device.name,
          device.tokenHash,
          now,
        );
        return { accountId: row.account_id, deviceId: device.id };
      })
      .immediate();
  }

  async deviceByTokenHash(tokenHash: string): Promise<DeviceRecord | null> {
    const row = this.q('SELECT id, account_id, name, created_at, revoked_at FROM devices WHERE token_hash = ?').get(tokenHash) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async listDevices(accountId?: string): Promise<DeviceRecord[]> {
    const rows = (
      accountId
        ? this.q('SELECT id, account_id, name, created_at, revoked_at FROM devices WHERE account_id = ? ORDER BY id').all(accountId)
        : this.q('SELECT id, account_id, name, created_at, revoked_at FROM devices ORDER BY id').all()
    ) as DeviceRow[];
    return rows.map(toDevice);
  }

  async revokeDevice(deviceId: string, now: number): Promise<boolean> {
    return this.q('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, deviceId).changes > 0;
  }

  async push(input: PushInput): Promise<PushOutcome> {
    try {
      // IMMEDIATE takes the write lock up front, so sequence allocation is serialized even across
      // processes sharing the file, and a reader never sees seq n+1 before seq n.
      return this.db.transaction(() => this.pushInTransaction(input)).immediate();
    } catch (e) {
      if (e instanceof Rollback) return e.outcome;
      throw e;
    }
  }

  private pushInTransaction(input: PushInput): PushOutcome {
    this.q('INSERT INTO client_ids (client_id, device_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
      input.clientId,
      input.deviceId,
      input.receivedAt,
    );
    const bound = this.q('SELECT device_id FROM client_ids WHERE client_id = ?').get(input.clientId) as { device_id: string };
    if (bound.device_id !== input.deviceId) return rollback({ kind: 'client_id_mismatch' });

    const existing = new Map<string, Change>();
    const findOp = this.q('SELECT council_id, seq, op_id, client_id, tbl, row_id, field, value, hlc, base_hlc FROM changes WHERE op_id = ?');
    for (const c of input.changes) {
      const row = findOp.get(c.opId) as ChangeRow | undefined;
      if (row) existing.set(c.opId, rowToChange(row));
    }
    const { fresh, acked, rejected } = classifyBatch(input.changes, existing);

    const claim = this.q('INSERT INTO row_councils (tbl, row_id, council_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    const owner = this.q('SELECT council_id FROM row_councils WHERE tbl = ? AND row_id = ?');
    for (const r of rowClaims([...fresh.values()].flat())) {
      claim.run(r.table, r.rowId, r.councilId);
      const o = owner.get(r.table, r.rowId) as { council_id: string };
      if (o.council_id !== r.councilId) return rollback({ kind: 'row_council_mismatch', table: r.table, rowId: r.rowId });
    }

    const allocate = this.q('UPDATE council_seqs SET last_seq = last_seq + ? WHERE council_id = ? RETURNING last_seq');
    const insert = this.q(
      `INSERT INTO changes (council_id, seq, op_id, client_id, device_id, tbl, row_id, field, value, hlc, base_hlc, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (op_id) DO NOTHING`,
    );
    let inserted = 0;
    for (const [councilId, list] of fresh) {
      if (list.length === 0) continue;
      const last = (allocate.get(list.length, councilId) as { last_seq: number } | undefined)?.last_seq;
      if (last === undefined) throw new UnknownRecordError(`no council ${councilId}`);
      let seq = last - list.length;
      for (const c of list) {
        seq++;
        inserted += insert.run(
          c.councilId,
          seq,
          c.opId,
          c.clientId,
          input.deviceId,
          c.table,
          c.rowId,
          c.field,
          JSON.stringify(c.value),
          c.hlc,
          c.baseHlc,
          input.receivedAt,
        ).changes;
      }
    }
    this.hooks.beforePushCommit?.();
    return { kind: 'ok', acked, rejected, inserted };
  }

  async pull(councilId: string, afterSeq: number, limit: number): Promise<PullPage> {
    const rows = this.q(`SELECT ${PULL_COLUMNS} FROM changes WHERE council_id = ? AND seq > ? ORDER BY seq LIMIT ?`)
      .raw(true)
      .all(councilId, afterSeq, limit + 1) as PulledRow[];
    const seqs = this.q('SELECT last_seq FROM council_seqs WHERE council_id = ?').get(councilId) as { last_seq: number } | undefined;
    return { changes: rows.slice(0, limit).map((r) => pulledRowToChange(councilId, r)), hasMore: rows.length > limit, lastSeq: seqs?.last_seq ?? 0 };
  }

  async countChanges(): Promise<number> {
    return (this.q('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n;
  }
}

/** better-sqlite3 rolls back when the transaction function throws; this carries the outcome out. */
class Rollback extends Error {
  constructor(readonly outcome: PushOutcome) {
    super('rollback');
  }
}

function rollback(outcome: PushOutcome): never {
  throw new Rollback(outcome);
}
