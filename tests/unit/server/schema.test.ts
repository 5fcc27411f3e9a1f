/**
 * One schema for both databases (server/store/schema.ts): SQLite and PostgreSQL end up with the
 * same tables and columns (names, order, types through the type map, nullability, primary keys),
 * and a database made by the first released migration upgrades with its data intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHlc } from '@shared/sync/hlc';
import type { Change } from '@shared/sync/protocol';
import { PostgresStore, SqliteStore, type Store } from '../../../server/store';
import { MIGRATIONS, MIGRATIONS_TABLE, REPORTED_TYPES, TYPE_MAPS, type Dialect } from '../../../server/store/schema';
import { valueHash } from '../../../server/store/common';
import { hashSecret } from '../../../server/secrets';
import { skipPostgres, startPostgres, type PgServer } from './pgHarness';
import { nowMs } from '@shared/clock';

interface Column {
  table: string;
  name: string;
  type: string;
  nullable: boolean;
  primaryKey: boolean;
}

/** Raw access to one database, beside the store. */
interface Raw {
  run(sql: string, params?: unknown[]): Promise<void>;
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  columns(): Promise<Column[]>;
  openStore(): Promise<Store>;
  close(): Promise<void>;
}

const dirs: string[] = [];
let pgServer: PgServer | undefined;
let databases = 0;

async function rawSqlite(): Promise<Raw> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-schema-'));
  dirs.push(dir);
  const path = join(dir, 'sync.sqlite');
  const db = new Database(path);
  return {
    run: async (sql, params = []) => void db.prepare(sql).run(...params),
    all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
    async columns() {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
        name: string;
      }>;
      return tables.flatMap(({ name }) =>
        (db.pragma(`table_info(${name})`) as Array<{ name: string; type: string; notnull: number; pk: number }>).map((c) => ({
          table: name,
          name: c.name,
          type: REPORTED_TYPES.sqlite[c.type] ?? c.type,
          // SQLite lets a non-integer primary key hold NULL unless told otherwise; PostgreSQL never does.
          nullable: c.notnull === 0 && c.pk === 0,
          primaryKey: c.pk > 0,
        })),
      );
    },
    openStore: async () => new SqliteStore(path, { synchronous: 'NORMAL' }),
    close: async () => void db.close(),
  };
}

async function rawPostgres(): Promise<Raw> {
  const url = await pgServer!.createDatabase(`schema_${process.pid}_${++databases}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    run: async (sql, params = []) => void (await client.query(sql, params)),
    all: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    async columns() {
      const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string; is_nullable: string; pk: boolean }>(
        `SELECT c.table_name, c.column_name, c.data_type, c.is_nullable,
                EXISTS (SELECT 1 FROM information_schema.table_constraints t
                        JOIN information_schema.key_column_usage k ON k.constraint_name = t.constraint_name AND k.table_name = t.table_name
                        WHERE t.table_name = c.table_name AND t.constraint_type = 'PRIMARY KEY' AND k.column_name = c.column_name) AS pk
         FROM information_schema.columns c WHERE c.table_schema = 'public' ORDER BY c.table_name, c.ordinal_position`,
      );
      return rows.map((r) => ({
        table: r.table_name,
        name: r.column_name,
        type: REPORTED_TYPES.postgres[r.data_type] ?? r.data_type,
        nullable: r.is_nullable === 'YES',
        primaryKey: r.pk,
      }));
    },
    openStore: () => PostgresStore.open(url),
    close: () => client.end(),
  };
}

const dialects: Dialect[] = skipPostgres ? ['sqlite'] : ['sqlite', 'postgres'];
const raw = (d: Dialect) => (d === 'sqlite' ? rawSqlite() : rawPostgres());

beforeAll(async () => {
  if (!skipPostgres) pgServer = await startPostgres();
}, 60_000);
afterAll(async () => {
  await pgServer?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('one server schema for SQLite and PostgreSQL', () => {
  it.skipIf(skipPostgres)('both databases end up with the same tables and columns', async () => {
    const shapes: Record<string, Column[]> = {};
    for (const d of dialects) {
      const r = await raw(d);
      const store = await r.openStore();
      shapes[d] = await r.columns();
      await store.close();
      await r.close();
    }
    expect(shapes.sqlite!.length).toBeGreaterThan(40);
    // Every column's type is one the type map names (no type written for one database only).
    for (const c of [...shapes.sqlite!, ...shapes.postgres!]) expect(['int64', 'text'], `${c.table}.${c.name}`).toContain(c.type);
    expect(shapes.postgres).toEqual(shapes.sqlite);
    expect(shapes.sqlite!.filter((c) => c.table === 'changes').map((c) => c.name)).toEqual([
      'council_id',
      'seq',
      'op_id',
      'client_id',
      'device_id',
      'tbl',
      'row_id',
      'field',
      'hlc',
      'base_hlc',
      'received_at',
      'value_bytes',
      'value',
    ]);
  });

  describe.each(dialects)('on %s', (dialect) => {
    it('a database made by the first released migration upgrades with its log intact, sizes filled in and approved versions protected, by what their values were', async () => {
      const r = await raw(dialect);
      const p = dialect === 'sqlite' ? (i: number) => '?'.repeat(i).split('') : (i: number) => Array.from({ length: i }, (_, k) => `$${k + 1}`);
      const ph = (n: number) => p(n).join(', ');
      await r.run(MIGRATIONS_TABLE(TYPE_MAPS[dialect]));
      for (const statement of MIGRATIONS[0]!(TYPE_MAPS[dialect])) await r.run(statement);
      await r.run(`INSERT INTO schema_migrations (version, applied_at) VALUES (${ph(2)})`, [1, nowMs()]);
      const council = '0198c3f0-0000-7000-8000-00000000c001';
      await r.run(`INSERT INTO councils (id, name, created_at) VALUES (${ph(3)})`, [council, 'Harbor Regional', nowMs()]);
      await r.run(`INSERT INTO council_seqs (council_id, last_seq) VALUES (${ph(2)})`, [council, 3]);
      for (const [account, device, name] of [
        ['acc-pat', 'dev-pat', 'Pat Okafor'],
        ['acc-lee', 'dev-lee', 'Lee Tanaka'],
      ]) {
        await r.run(`INSERT INTO accounts (id, name, created_at) VALUES (${ph(3)})`, [account, name, nowMs()]);
        await r.run(`INSERT INTO devices (id, account_id, name, token_hash, created_at) VALUES (${ph(5)})`, [
          device,
          account,
          'laptop',
          hashSecret(`cgd_${device}`),
          nowMs(),
        ]);
      }
      const pat = '0198c3f0-0000-7000-8000-0000000000d1';
      const lee = '0198c3f0-0000-7000-8000-0000000000d2';
      const t = nowMs() - 60_000;
      const log: Array<[seq: number, opId: string, client: string, device: string, field: string, value: string, hlc: string]> = [
        [1, '0198c3f0-0000-7000-8000-0000000001e1', pat, 'dev-pat', 'markdown', JSON.stringify('# Apprové'), encodeHlc({ wall: t, counter: 0, clientId: pat })],
        [2, '0198c3f0-0000-7000-8000-0000000001e2', pat, 'dev-pat', 'number', JSON.stringify(1), encodeHlc({ wall: t, counter: 1, clientId: pat })],
        // An overwrite that got in before the server refused them: the first value stands.
        [
          3,
          '0198c3f0-0000-7000-8000-0000000001e3',
          lee,
          'dev-lee',
          'markdown',
          JSON.stringify('# Forged'),
          encodeHlc({ wall: t + 5, counter: 0, clientId: lee }),
        ],
      ];
      for (const [seq, opId, client, device, field, value, hlc] of log) {
        await r.run(
          `INSERT INTO changes (council_id, seq, op_id, client_id, device_id, tbl, row_id, field, value, hlc, base_hlc, received_at) VALUES (${ph(12)})`,
          [council, seq, opId, client, device, 'minutesVersions', 'version-1', field, value, hlc, null, nowMs()],
        );
      }

      const store = await r.openStore();
      try {
        const page = await store.pull(council, 0, 10);
        expect(page.changes.map((c) => [c.seq, c.opId, c.field, c.value])).toEqual(
          log.map(([seq, opId, , , field, value]) => [seq, opId, field, JSON.parse(value)]),
        );
        const sizes = await r.all<{ seq: number | string; value_bytes: number | string }>('SELECT seq, value_bytes FROM changes ORDER BY seq');
        expect(sizes.map((s) => Number(s.value_bytes))).toEqual(log.map(([, , , , , value]) => Buffer.byteLength(value)));
        const fields = await r.all<{ field: string; account_id: string }>('SELECT field, account_id FROM write_once_fields ORDER BY field');
        expect(fields).toEqual([
          { field: 'markdown', account_id: 'acc-pat' },
          { field: 'number', account_id: 'acc-pat' },
        ]);
        const forged: Change = {
          opId: '0198c3f0-0000-7000-8000-0000000001e4',
          clientId: lee,
          councilId: council,
          table: 'minutesVersions',
          rowId: 'version-1',
          field: 'number',
          value: 2,
          hlc: encodeHlc({ wall: t + 10, counter: 0, clientId: lee }),
          baseHlc: null,
        };
        const outcome = await store.push({
          deviceId: 'dev-lee',
          clientId: lee,
          accountId: 'acc-lee',
          accountName: 'Lee Tanaka',
          changes: [forged],
          receivedAt: nowMs(),
        });
        expect(outcome).toMatchObject({ kind: 'ok', acked: [], rejected: [{ opId: forged.opId, reason: 'write_once' }] });
        // Fields recorded before values were hashed: the stored change says what stands. The
        // approved text written again (another laptop froze the same version) is acknowledged and
        // not stored; the overwrite that once got in is not what stands, so it is still refused.
        const hashes = async () =>
          Object.fromEntries(
            (await r.all<{ field: string; value_hash: string | null }>('SELECT field, value_hash FROM write_once_fields ORDER BY field')).map((f) => [
              f.field,
              f.value_hash,
            ]),
          );
        expect(await hashes()).toEqual({ markdown: null, number: valueHash(1) });
        const again = (value: string, counter: number): Change => ({
          ...forged,
          opId: `0198c3f0-0000-7000-8000-0000000001f${counter}`,
          field: 'markdown',
          value,
          hlc: encodeHlc({ wall: t + 20, counter, clientId: lee }),
        });
        const copies = [again('# Apprové', 1), again('# Forged', 2)];
        const second = await store.push({
          deviceId: 'dev-lee',
          clientId: lee,
          accountId: 'acc-lee',
          accountName: 'Lee Tanaka',
          changes: copies,
          receivedAt: nowMs(),
        });
        expect(second).toMatchObject({ kind: 'ok', acked: [copies[0]!.opId], rejected: [{ opId: copies[1]!.opId, reason: 'write_once' }] });
        expect(await store.countChanges()).toBe(log.length);
        expect(await hashes()).toEqual({ markdown: valueHash('# Apprové'), number: valueHash(1) });
        const versions = await r.all<{ version: number | string }>('SELECT version FROM schema_migrations ORDER BY version');
        expect(versions.map((v) => Number(v.version))).toEqual(MIGRATIONS.map((_, i) => i + 1));
      } finally {
        await store.close();
      }
      // Opened again (a restart): nothing runs twice, nothing is filled in twice.
      const again = await r.openStore();
      try {
        expect(await again.countChanges()).toBe(log.length);
        expect((await r.all('SELECT field FROM write_once_fields')).length).toBe(2);
      } finally {
        await again.close();
        await r.close();
      }
    });
  });
});
