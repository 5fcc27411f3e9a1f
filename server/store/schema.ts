/**
 * The sync server's database schema, written ONCE for both databases: each migration is SQL with
 * the few column types that differ taken from a per-database type map. SQLite and PostgreSQL
 * used to carry the same DDL twice, and a column added to one could be forgotten in the other;
 * `tests/unit/server/schema.test.ts` checks that both end up with the same columns.
 * A released migration is never edited (a database that ran it never runs it again): a change is
 * a new migration at the end of the list.
 */

export type Dialect = 'sqlite' | 'postgres';

export interface TypeMap {
  /** Millisecond times and sequence numbers: 64-bit integers. */
  readonly int64: string;
  readonly text: string;
  /** SQL for the UTF-8 byte length of a TEXT column. */
  byteLength(column: string): string;
  /** Before TABLE: a table whose rows may be lost in a crash (rate-limit windows), skipping the write-ahead log where the database can. */
  readonly unlogged: string;
}

export const TYPE_MAPS: Readonly<Record<Dialect, TypeMap>> = {
  // SQLite's INTEGER is 64-bit already.
  sqlite: { int64: 'INTEGER', text: 'TEXT', byteLength: (c) => `length(CAST(${c} AS BLOB))`, unlogged: '' },
  postgres: { int64: 'BIGINT', text: 'TEXT', byteLength: (c) => `octet_length(${c})`, unlogged: 'UNLOGGED' },
};

/** How each database names a column type from the map when asked (the schema test compares through it). */
export const REPORTED_TYPES: Readonly<Record<Dialect, Readonly<Record<string, keyof Omit<TypeMap, 'byteLength' | 'unlogged'>>>>> = {
  sqlite: { INTEGER: 'int64', TEXT: 'text' },
  postgres: { bigint: 'int64', text: 'text' },
};

/** Which migrations a database has run. */
export const MIGRATIONS_TABLE = (t: TypeMap) => `CREATE TABLE IF NOT EXISTS schema_migrations (version ${t.int64} PRIMARY KEY, applied_at ${t.int64} NOT NULL)`;

/** Statements of one migration, run in order in one transaction. */
export type Migration = (t: TypeMap) => readonly string[];

const CHANGES_COLUMNS_V1 = 'council_id, seq, op_id, client_id, device_id, tbl, row_id, field, value, hlc, base_hlc, received_at';

export const MIGRATIONS: readonly Migration[] = [
  // 1: accounts, devices, memberships, the change log.
  (t) => [
    `CREATE TABLE councils (id ${t.text} PRIMARY KEY, name ${t.text} NOT NULL, created_at ${t.int64} NOT NULL)`,
    `CREATE TABLE council_seqs (council_id ${t.text} PRIMARY KEY REFERENCES councils(id), last_seq ${t.int64} NOT NULL DEFAULT 0)`,
    `CREATE TABLE accounts (id ${t.text} PRIMARY KEY, name ${t.text} NOT NULL, created_at ${t.int64} NOT NULL)`,
    `CREATE TABLE memberships (
       account_id ${t.text} NOT NULL REFERENCES accounts(id),
       council_id ${t.text} NOT NULL REFERENCES councils(id),
       created_at ${t.int64} NOT NULL,
       PRIMARY KEY (account_id, council_id))`,
    `CREATE TABLE devices (
       id ${t.text} PRIMARY KEY, account_id ${t.text} NOT NULL REFERENCES accounts(id), name ${t.text} NOT NULL,
       token_hash ${t.text} NOT NULL UNIQUE, created_at ${t.int64} NOT NULL, revoked_at ${t.int64})`,
    `CREATE INDEX devices_account ON devices(account_id)`,
    `CREATE TABLE enrollment_codes (
       code_hash ${t.text} PRIMARY KEY, account_id ${t.text} NOT NULL REFERENCES accounts(id),
       created_at ${t.int64} NOT NULL, expires_at ${t.int64} NOT NULL, used_at ${t.int64}, device_id ${t.text})`,
    `CREATE TABLE client_ids (client_id ${t.text} PRIMARY KEY, device_id ${t.text} NOT NULL REFERENCES devices(id), created_at ${t.int64} NOT NULL)`,
    `CREATE TABLE row_councils (tbl ${t.text} NOT NULL, row_id ${t.text} NOT NULL, council_id ${t.text} NOT NULL, PRIMARY KEY (tbl, row_id))`,
    `CREATE TABLE changes (
       council_id ${t.text} NOT NULL REFERENCES councils(id), seq ${t.int64} NOT NULL,
       op_id ${t.text} NOT NULL UNIQUE, client_id ${t.text} NOT NULL, device_id ${t.text} NOT NULL,
       tbl ${t.text} NOT NULL, row_id ${t.text} NOT NULL, field ${t.text} NOT NULL, value ${t.text} NOT NULL,
       hlc ${t.text} NOT NULL, base_hlc ${t.text}, received_at ${t.int64} NOT NULL,
       PRIMARY KEY (council_id, seq))`,
  ],
  // 2: the server enforces the sync registry.
  (t) => [
    // - opIds are unique per council, not globally: whether an opId exists in another council is
    //   none of a member's business (a push answered "op_id_conflict" told them).
    // - value_bytes, so a pull page is bounded in bytes without reading the values it leaves
    //   out; it comes before value so SQLite reads it without walking a large value's overflow pages.
    `CREATE TABLE changes_v2 (
       council_id ${t.text} NOT NULL REFERENCES councils(id), seq ${t.int64} NOT NULL,
       op_id ${t.text} NOT NULL, client_id ${t.text} NOT NULL, device_id ${t.text} NOT NULL,
       tbl ${t.text} NOT NULL, row_id ${t.text} NOT NULL, field ${t.text} NOT NULL,
       hlc ${t.text} NOT NULL, base_hlc ${t.text}, received_at ${t.int64} NOT NULL,
       value_bytes ${t.int64} NOT NULL, value ${t.text} NOT NULL,
       PRIMARY KEY (council_id, seq), UNIQUE (council_id, op_id))`,
    `INSERT INTO changes_v2 (${CHANGES_COLUMNS_V1}, value_bytes) SELECT ${CHANGES_COLUMNS_V1}, ${t.byteLength('value')} FROM changes`,
    `DROP TABLE changes`,
    `ALTER TABLE changes_v2 RENAME TO changes`,
    // Fields of write-once (immutable) rows already written, and by which account: a field is
    // written once, and only by the account that wrote the row's first field.
    `CREATE TABLE write_once_fields (
       tbl ${t.text} NOT NULL, row_id ${t.text} NOT NULL, field ${t.text} NOT NULL, account_id ${t.text} NOT NULL,
       PRIMARY KEY (tbl, row_id, field))`,
    // The HLC of the row's latest server stamp (stampAccount), which the next stamp replaces.
    `ALTER TABLE row_councils ADD COLUMN stamp_hlc ${t.text}`,
    // Which write-once tables have been filled in from the log (see Store.applyRules).
    `CREATE TABLE server_meta (key ${t.text} PRIMARY KEY, value ${t.text} NOT NULL)`,
  ],
  // 3: the same value written again to a write-once field is acknowledged, not refused (two
  // laptops freezing the same approved version): each field keeps what its value was
  // (common.ts valueHash). Fields recorded before have none; the first push that writes such a
  // field again reads the stored change once and fills it in.
  (t) => [`ALTER TABLE write_once_fields ADD COLUMN value_hash ${t.text}`],
  // 4: request budgets shared by every server process on one database (PostgreSQL; a SQLite
  // server counts in memory). Keys are hashed: no device id or address sits in the table. A crash
  // may lose the windows (UNLOGGED), which only gives every caller a fresh budget.
  (t) => [`CREATE ${t.unlogged} TABLE rate_limits (key ${t.text} PRIMARY KEY, hits ${t.int64} NOT NULL, reset_at ${t.int64} NOT NULL)`],
];

/**
 * server_meta key of the log's history id: minted with the database, minted again by a restore.
 * A laptop's pull cursor belongs to one history; a cursor from another is answered
 * `resync_required` (see app.ts), so no laptop skips changes a restored log numbers again.
 */
export const EPOCH_KEY = 'log_epoch';

/**
 * Fills write_once_fields from changes already stored for a table that is (newly) write-once:
 * the first change of each field, by seq, is the one that stands. Parameters: the table name.
 */
export const BACKFILL_WRITE_ONCE = (param: string) =>
  `INSERT INTO write_once_fields (tbl, row_id, field, account_id)
   SELECT c.tbl, c.row_id, c.field, d.account_id FROM changes c JOIN devices d ON d.id = c.device_id
   WHERE c.tbl = ${param} AND c.field <> '_deleted' ORDER BY c.council_id, c.seq
   ON CONFLICT DO NOTHING`;
