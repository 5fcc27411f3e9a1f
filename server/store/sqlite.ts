import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { Change, JsonValue } from '../../src/shared/sync/protocol';
import { MAX_PULL_PAGE_BYTES } from '../../src/shared/sync/protocol';
import type { SyncRegistry } from '../../src/shared/sync/registry';
import { appSyncRegistry } from '../../src/shared/sync/appRegistry';
import { PULL_COLUMNS, pageEnd, pulledRowToChange, rowToChange, valueBytes, valueHash, type ChangeRow, type PulledRow } from './common';
import { needsHash, opKeyOf, planPush, pushNeeds, rowKeyOf, writeOnceRowsOf, type RowOwner, type StoredWriteOnceField } from './pushPlan';
import { BACKFILL_WRITE_ONCE, EPOCH_KEY, MIGRATIONS, MIGRATIONS_TABLE, TYPE_MAPS } from './schema';
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

export interface SqliteStoreOptions {
  /**
   * FULL (default) fsyncs every commit: an acknowledged push lets the client delete its outbox, so
   * an ack must survive a power cut. NORMAL is for tests and throwaway servers.
   */
  synchronous?: 'FULL' | 'NORMAL';
  hooks?: StoreHooks;
  /** The sync registry whose rules the server enforces (the app's, unless a test gives another). */
  registry?: SyncRegistry;
  /** The data folder's shared lock (dataDirLock.ts), released when the store closes. */
  lock?: { release(): void };
}

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

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  hooks: StoreHooks;
  epoch: string;
  private readonly db: Database.Database;
  private readonly registry: SyncRegistry;
  private readonly lock: { release(): void } | undefined;

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.hooks = options.hooks ?? {};
    this.lock = options.lock;
    this.registry = options.registry ?? appSyncRegistry;
    this.db = new Database(path);
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      this.db.pragma('foreign_keys = ON');
      // Several server processes may share the file; wait for the writer instead of failing.
      this.db.pragma('busy_timeout = 5000');
      this.epoch = this.migrate();
    } catch (e) {
      this.db.close();
      throw e;
    }
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

  /** Runs the migrations this database lacks, in one transaction, and returns the log's epoch. */
  private migrate(): string {
    this.db.exec(MIGRATIONS_TABLE(TYPE_MAPS.sqlite));
    const run = this.db.transaction((): string => {
      const row = this.q('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
      if ((row.v ?? 0) > MIGRATIONS.length) throw new SchemaTooNewError(row.v!, MIGRATIONS.length);
      for (let v = (row.v ?? 0) + 1; v <= MIGRATIONS.length; v++) {
        for (const statement of MIGRATIONS[v - 1]!(TYPE_MAPS.sqlite)) this.db.exec(statement);
        this.q('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(v, nowMs());
      }
      this.applyRules();
      this.q('INSERT INTO server_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(EPOCH_KEY, uuidv7());
      return (this.q('SELECT value FROM server_meta WHERE key = ?').get(EPOCH_KEY) as { value: string }).value;
    });
    return run.immediate();
  }

  async schemaVersion(): Promise<number> {
    return (this.q('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  }

  async setEpoch(epoch: string): Promise<void> {
    this.q('UPDATE server_meta SET value = ? WHERE key = ?').run(epoch, EPOCH_KEY);
    this.epoch = epoch;
  }

  /**
   * A consistent copy of the database at `target` while it serves (SQLite's online backup API):
   * after a first empty step sizes it, every page is copied in ONE step, under one read
   * transaction, so concurrent writers (WAL: they are not blocked) cannot make it restart or
   * mix two states. The caller picks a target that does not exist.
   */
  async backupTo(target: string): Promise<void> {
    await this.db.backup(target, { progress: () => 0x7fffffff });
  }

  /**
   * A table that became write-once (now, or in a newer registry) gets the fields it already has
   * recorded, from the log: the first change of each field is the one that stands.
   */
  private applyRules(): void {
    const meta = this.q("SELECT value FROM server_meta WHERE key = 'write_once_tables'").get() as { value: string } | undefined;
    const done = new Set<string>(meta ? (JSON.parse(meta.value) as string[]) : []);
    const wanted = this.registry
      .list()
      .filter((d) => d.immutable)
      .map((d) => d.name);
    const missing = wanted.filter((t) => !done.has(t));
    if (missing.length === 0) return;
    for (const table of missing) this.db.prepare(BACKFILL_WRITE_ONCE('?')).run(table);
    this.q("INSERT INTO server_meta (key, value) VALUES ('write_once_tables', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(
      JSON.stringify([...new Set([...done, ...wanted])].sort()),
    );
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
    this.lock?.release();
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
    const row = this.q(`SELECT ${DEVICE_COLUMNS} WHERE d.token_hash = ?`).get(tokenHash) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  async listDevices(accountId?: string): Promise<DeviceRecord[]> {
    const rows = (
      accountId
        ? this.q(`SELECT ${DEVICE_COLUMNS} WHERE d.account_id = ? ORDER BY d.id`).all(accountId)
        : this.q(`SELECT ${DEVICE_COLUMNS} ORDER BY d.id`).all()
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

    const needs = pushNeeds(input.changes, this.registry);
    const existing = new Map<string, Change>();
    const findOp = this.q('SELECT council_id, seq, op_id, client_id, tbl, row_id, field, value, hlc, base_hlc FROM changes WHERE council_id = ? AND op_id = ?');
    for (const { councilId, opId } of needs.ops) {
      const row = findOp.get(councilId, opId) as ChangeRow | undefined;
      if (row) existing.set(opKeyOf(councilId, opId), rowToChange(row));
    }
    const owners = new Map<string, RowOwner>();
    const findOwner = this.q('SELECT council_id, stamp_hlc FROM row_councils WHERE tbl = ? AND row_id = ?');
    for (const { table, rowId } of needs.rows) {
      const o = findOwner.get(table, rowId) as { council_id: string; stamp_hlc: string | null } | undefined;
      if (o) owners.set(rowKeyOf(table, rowId), { councilId: o.council_id, stampHlc: o.stamp_hlc });
    }
    const councils = new Set<string>();
    const findCouncil = this.q('SELECT 1 FROM councils WHERE id = ?');
    for (const id of needs.councilRefs) if (findCouncil.get(id)) councils.add(id);
    const stored: StoredWriteOnceField[] = [];
    const findFields = this.q('SELECT tbl, row_id, field, account_id, value_hash FROM write_once_fields WHERE tbl = ? AND row_id = ?');
    for (const { table, rowId } of needs.writeOnceRows) stored.push(...(findFields.all(table, rowId) as StoredWriteOnceField[]));
    for (const f of stored) {
      if (!needsHash(f, needs)) continue;
      const value = this.firstValue(f.tbl, f.row_id, f.field, owners.get(rowKeyOf(f.tbl, f.row_id))?.councilId);
      if (value === undefined) continue;
      f.value_hash = valueHash(value);
      this.q('UPDATE write_once_fields SET value_hash = ? WHERE tbl = ? AND row_id = ? AND field = ?').run(f.value_hash, f.tbl, f.row_id, f.field);
    }
    const writeOnce = writeOnceRowsOf(stored);

    const plan = planPush(input, this.registry, { existing, owners, councils, writeOnce });

    // One writer at a time (BEGIN IMMEDIATE): nothing read above can have changed.
    const claim = this.q('INSERT INTO row_councils (tbl, row_id, council_id) VALUES (?, ?, ?)');
    for (const r of plan.claims) claim.run(r.table, r.rowId, r.councilId);
    const record = this.q('INSERT INTO write_once_fields (tbl, row_id, field, account_id, value_hash) VALUES (?, ?, ?, ?, ?)');
    for (const w of plan.writeOnce) record.run(w.table, w.rowId, w.field, w.accountId, w.valueHash);
    const stamp = this.q('UPDATE row_councils SET stamp_hlc = ? WHERE tbl = ? AND row_id = ?');
    for (const st of plan.stamps) stamp.run(st.hlc, st.table, st.rowId);

    const allocate = this.q('UPDATE council_seqs SET last_seq = last_seq + ? WHERE council_id = ? RETURNING last_seq');
    const insert = this.q(
      `INSERT INTO changes (council_id, seq, op_id, client_id, device_id, tbl, row_id, field, value_bytes, value, hlc, base_hlc, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let inserted = 0;
    for (const [councilId, list] of plan.insert) {
      if (list.length === 0) continue;
      const last = (allocate.get(list.length, councilId) as { last_seq: number } | undefined)?.last_seq;
      if (last === undefined) throw new UnknownRecordError(`no council ${councilId}`);
      let seq = last - list.length;
      for (const c of list) {
        seq++;
        const json = JSON.stringify(c.value);
        inserted += insert.run(
          c.councilId,
          seq,
          c.opId,
          c.clientId,
          input.deviceId,
          c.table,
          c.rowId,
          c.field,
          valueBytes(json),
          json,
          c.hlc,
          c.baseHlc,
          input.receivedAt,
        ).changes;
      }
    }
    this.hooks.beforePushCommit?.();
    return { kind: 'ok', acked: plan.acked, rejected: plan.rejected, inserted };
  }

  /**
   * The value that stands in a write-once field recorded before values were hashed: the field's
   * first change (the one BACKFILL_WRITE_ONCE recorded), read from the row's council when known
   * so the primary key narrows the search. Once per such field: the push stores its hash.
   */
  private firstValue(table: string, rowId: string, field: string, councilId: string | undefined): JsonValue | undefined {
    const row = (
      councilId === undefined
        ? this.q('SELECT value FROM changes WHERE tbl = ? AND row_id = ? AND field = ? ORDER BY council_id, seq LIMIT 1').get(table, rowId, field)
        : this.q('SELECT value FROM changes WHERE council_id = ? AND tbl = ? AND row_id = ? AND field = ? ORDER BY seq LIMIT 1').get(
            councilId,
            table,
            rowId,
            field,
          )
    ) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as JsonValue) : undefined;
  }

  async pull(councilId: string, afterSeq: number, limit: number, maxBytes = MAX_PULL_PAGE_BYTES): Promise<PullPage> {
    // Read in one snapshot: the page's end is found from the values' sizes alone (never reading
    // values the page leaves out), then only the page's changes are read.
    return this.db
      .transaction((): PullPage => {
        const sizes = this.q('SELECT seq, value_bytes FROM changes WHERE council_id = ? AND seq > ? ORDER BY seq LIMIT ?')
          .raw(true)
          .all(councilId, afterSeq, limit + 1) as Array<[number, number]>;
        const { end, hasMore } = pageEnd(sizes, limit, maxBytes);
        const rows =
          end === null
            ? []
            : (this.q(`SELECT ${PULL_COLUMNS} FROM changes WHERE council_id = ? AND seq > ? AND seq <= ? ORDER BY seq`)
                .raw(true)
                .all(councilId, afterSeq, end) as PulledRow[]);
        const seqs = this.q('SELECT last_seq FROM council_seqs WHERE council_id = ?').get(councilId) as { last_seq: number } | undefined;
        return { changes: rows.map((r) => pulledRowToChange(councilId, r)), hasMore, lastSeq: seqs?.last_seq ?? 0 };
      })
      .deferred();
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
