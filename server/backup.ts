/**
 * Backups and restores of the server's store (`server:admin backup | restore | new-epoch`).
 *
 * SQLite: a backup is SQLite's online backup of the live database, taken while the server serves
 * (see SqliteStore.backupTo), checked with integrity_check and only then given its name; a
 * restore refuses while anyone has the store open (dataDirLock.ts), keeps the database it
 * replaces as a revert point and never deletes anything.
 * PostgreSQL: pg_dump's custom format, and pg_restore into a new, EMPTY database only.
 *
 * Either way a restore mints a new log epoch: seqs after the backup's end will be numbered again,
 * and a laptop whose cursor came from the old history is answered `resync_required` instead of
 * silently skipping them (see app.ts).
 *
 * Nothing is ever overwritten: a backup target that exists is refused, a backup is written under
 * a temporary name and linked to its final name (link fails rather than replace), and a restore
 * keeps the previous database.
 */
import { execFile } from 'node:child_process';
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, linkSync, openSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { nowIso } from '../src/shared/clock';
import { DataDirBusyError, holdSharedLock, takeExclusiveLock } from './store/dataDirLock';
import { ADMIN_APPLICATION_NAME, SERVER_APPLICATION_NAME } from './store/postgres';
import { MIGRATIONS } from './store/schema';
import { SqliteStore } from './store/sqlite';
import { SQLITE_FILE, assertWritable, codeOf, describeLocation, isPostgresUrl, oneLine, openStore, sqlitePath, type Store, type StoreLocation } from './store';

const run = promisify(execFile);

/** A backup or restore that cannot go ahead: one line, naming the problem; nothing was changed. */
export class BackupError extends Error {}

export interface BackupSummary {
  file: string;
  bytes: number;
  /** Changes in the copy (SQLite; PostgreSQL dumps are not opened). */
  changes?: number;
  councils?: number;
  schemaVersion?: number;
}

export interface RestoreSummary {
  from: string;
  into: string;
  changes: number;
  councils: number;
  epoch: string;
  /** SQLite: where the database that was replaced is kept. */
  previous?: string;
}

export function backup(location: StoreLocation, target: string): Promise<BackupSummary> {
  return isPostgresUrl(location.databaseUrl) ? backupPostgres(location.databaseUrl, target) : backupSqlite(location, target);
}

export function restore(location: StoreLocation, from: string): Promise<RestoreSummary> {
  return isPostgresUrl(location.databaseUrl) ? restorePostgres(location, from) : restoreSqlite(location, from);
}

function checkTarget(target: string): string {
  const file = resolve(target);
  if (existsSync(file)) throw new BackupError(`the backup target ${file} already exists: choose a new file name (nothing was written)`);
  const dir = dirname(file);
  if (!existsSync(dir)) throw new BackupError(`the backup folder ${dir} does not exist (nothing was written)`);
  try {
    assertWritable(dir);
  } catch {
    throw new BackupError(`the backup folder ${dir} is not writable (nothing was written)`);
  }
  return file;
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Gives `tmp` its final name without ever replacing a file: link refuses an existing name. */
function publish(tmp: string, file: string): void {
  try {
    linkSync(tmp, file);
  } catch (e) {
    if (codeOf(e) === 'EEXIST') throw new BackupError(`the backup target ${file} already exists: choose a new file name (nothing was written)`);
    throw e;
  } finally {
    unlinkSync(tmp);
  }
  fsyncPath(dirname(file));
}

interface SqliteFacts {
  changes: number;
  councils: number;
  schemaVersion: number;
}

/** Checks a copy is a whole Common Ground store, and makes it one self-contained file. */
function checkSqliteCopy(path: string, what: string): SqliteFacts {
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: true });
  } catch (e) {
    throw new BackupError(`${what} cannot be opened as a SQLite database (${oneLine(e)})`);
  }
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') throw new BackupError(`${what} fails SQLite's integrity check (${integrity.slice(0, 3).join('; ')})`);
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name));
    if (!tables.has('schema_migrations') || !tables.has('changes') || !tables.has('councils'))
      throw new BackupError(`${what} is not a Common Ground sync database`);
    const schemaVersion = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    if (schemaVersion > MIGRATIONS.length)
      throw new BackupError(
        `${what} was made by a newer server (schema version ${schemaVersion}; this one knows ${MIGRATIONS.length}): restore it with that version`,
      );
    // A copy of a WAL database says WAL in its header; DELETE makes the file whole on its own.
    db.pragma('journal_mode = DELETE');
    return {
      changes: (db.prepare('SELECT COUNT(*) AS n FROM changes').get() as { n: number }).n,
      councils: (db.prepare('SELECT COUNT(*) AS n FROM councils').get() as { n: number }).n,
      schemaVersion,
    };
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`${what} cannot be read as a Common Ground sync database (${oneLine(e)})`);
  } finally {
    db.close();
  }
}

async function backupSqlite(location: StoreLocation, target: string): Promise<BackupSummary> {
  const source = sqlitePath(location);
  if (!existsSync(source)) throw new BackupError(`no sync database at ${source} (check --data-dir / CG_DATA_DIR)`);
  const file = checkTarget(target);
  // Shared with the server: the copy runs while it serves; a restore cannot start meanwhile.
  let lock: ReturnType<typeof holdSharedLock>;
  try {
    lock = holdSharedLock(dirname(source));
  } catch (e) {
    throw new BackupError(e instanceof DataDirBusyError ? e.message : oneLine(e));
  }
  const tmp = `${file}.partial-${process.pid}`;
  try {
    const db = new Database(source, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // One step for every page, in one read transaction: see SqliteStore.backupTo.
      await db.backup(tmp, { progress: () => 0x7fffffff });
    } finally {
      db.close();
    }
    const facts = checkSqliteCopy(tmp, `the copy ${tmp}`);
    fsyncPath(tmp);
    publish(tmp, file);
    return { file, bytes: statSync(file).size, ...facts };
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    if (e instanceof BackupError) throw e;
    throw new BackupError(`backup failed: ${oneLine(e)} (nothing was written)`);
  } finally {
    lock.release();
  }
}

async function restoreSqlite(location: StoreLocation, from: string): Promise<RestoreSummary> {
  const backupFile = resolve(from);
  if (!existsSync(backupFile)) throw new BackupError(`no backup at ${backupFile}`);
  const live = sqlitePath(location);
  const dir = dirname(live);
  if (resolve(backupFile) === live) throw new BackupError(`${backupFile} is the live database itself, not a backup`);
  try {
    assertWritable(dir);
  } catch {
    throw new BackupError(`the data folder ${dir} is not writable (nothing was changed)`);
  }
  let lock: ReturnType<typeof takeExclusiveLock>;
  try {
    lock = takeExclusiveLock(dir);
  } catch (e) {
    throw new BackupError(e instanceof DataDirBusyError ? e.message : oneLine(e));
  }
  const tmp = join(dir, `${SQLITE_FILE}.restoring-${process.pid}`);
  try {
    copyFileSync(backupFile, tmp, constants.COPYFILE_EXCL);
    const facts = checkSqliteCopy(tmp, `the backup ${backupFile}`);
    // Opening it as the server will runs the migrations an older backup lacks; then the new epoch.
    const epoch = uuidv7();
    const copy = new SqliteStore(tmp);
    try {
      await copy.setEpoch(epoch);
    } finally {
      await copy.close();
    }
    fsyncPath(tmp);

    let previous: string | undefined;
    if (existsSync(live)) {
      // Fold the live database's write-ahead log into it, so the revert point is one whole file.
      const old = new Database(live, { fileMustExist: true });
      try {
        old.pragma('wal_checkpoint(TRUNCATE)');
        old.pragma('journal_mode = DELETE');
      } finally {
        old.close();
      }
      previous = `${live}.before-restore-${nowIso().replace(/[:.]/g, '-')}`;
      for (const suffix of ['', '-wal', '-shm']) if (existsSync(live + suffix)) linkSync(live + suffix, previous + suffix);
      // A leftover log of the old database must never be replayed into the restored one.
      for (const suffix of ['-wal', '-shm']) if (existsSync(live + suffix)) unlinkSync(live + suffix);
    }
    // rename() replaces the name in one step: a server started later finds the old file or the new one.
    renameSync(tmp, live);
    fsyncPath(dir);
    return { from: backupFile, into: live, changes: facts.changes, councils: facts.councils, epoch, ...(previous ? { previous } : {}) };
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    if (e instanceof BackupError) throw e;
    throw new BackupError(`restore failed: ${oneLine(e)}`);
  } finally {
    lock.release();
  }
}

// ---- PostgreSQL ----

/** pg_dump and pg_restore from PATH, or from CG_PG_BIN (their folder). */
function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const dir = process.env.CG_PG_BIN;
  return dir ? join(dir, name) : name;
}

/** The URL without its password (which goes in PGPASSWORD, never on a command line `ps` shows). */
function pgConnection(url: string): { dbUrl: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbUrl: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

async function runPgTool(name: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  try {
    await run(pgTool(name), args, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    if (codeOf(e) === 'ENOENT')
      throw new BackupError(`${name} was not found: install PostgreSQL's client programs (postgresql-client) or set CG_PG_BIN to their folder`);
    const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim();
    throw new BackupError(`${name} failed: ${oneLine(new Error(stderr.split('\n').slice(-3).join(' ') || oneLine(e)))}`);
  }
}

async function backupPostgres(url: string, target: string): Promise<BackupSummary> {
  const file = checkTarget(target);
  const tmp = `${file}.partial-${process.pid}`;
  const { dbUrl, env } = pgConnection(url);
  try {
    // Custom format: compressed, and pg_restore can check and restore it. pg_dump reads in one
    // snapshot, so every council's log in the dump is a prefix of the live one.
    await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${tmp}`, `--dbname=${dbUrl}`], env);
    await runPgTool('pg_restore', ['--list', tmp], env);
    fsyncPath(tmp);
    publish(tmp, file);
    return { file, bytes: statSync(file).size };
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    if (e instanceof BackupError) throw e;
    throw new BackupError(`backup failed: ${oneLine(e)} (nothing was written)`);
  }
}

/** Sync servers connected to the database (they name themselves; see SERVER_APPLICATION_NAME). */
async function connectedServers(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()',
    [SERVER_APPLICATION_NAME],
  );
  return Number(rows[0]!.n);
}

async function adminClient(location: StoreLocation): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: location.databaseUrl, application_name: ADMIN_APPLICATION_NAME, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw new BackupError(`cannot reach the database at ${describeLocation(location)} (${codeOf(e)})`);
  }
  return client;
}

async function restorePostgres(location: StoreLocation, from: string): Promise<RestoreSummary> {
  const backupFile = resolve(from);
  if (!existsSync(backupFile)) throw new BackupError(`no backup at ${backupFile}`);
  const where = describeLocation(location);
  const client = await adminClient(location);
  try {
    if ((await connectedServers(client)) > 0) throw new BackupError(`a sync server is connected to ${where}: stop every instance first (nothing was changed)`);
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    if (Number(rows[0]!.n) > 0)
      throw new BackupError(
        `the database at ${where} is not empty: restore into a new, empty database (createdb), then point DATABASE_URL at it (nothing was changed)`,
      );
  } finally {
    await client.end();
  }
  const { dbUrl, env } = pgConnection(location.databaseUrl!);
  await runPgTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbUrl}`, backupFile], env);
  return { from: backupFile, into: where, ...(await renewEpoch(location)) };
}

/**
 * A new log epoch for a database restored by other means (point-in-time recovery, a managed
 * service's snapshot): run before the servers start on it. Refused while a server is connected.
 */
export async function renewEpoch(location: StoreLocation): Promise<{ epoch: string; changes: number; councils: number }> {
  const epoch = uuidv7();
  const stamp = async (store: Store) => {
    try {
      await store.setEpoch(epoch);
      return { epoch, changes: await store.countChanges(), councils: (await store.listCouncils()).length };
    } finally {
      await store.close();
    }
  };
  if (isPostgresUrl(location.databaseUrl)) {
    const client = await adminClient(location);
    try {
      if ((await connectedServers(client)) > 0)
        throw new BackupError(`a sync server is connected to ${describeLocation(location)}: stop every instance first (nothing was changed)`);
    } finally {
      await client.end();
    }
    // Opening runs the migrations a restored, older dump lacks (and refuses a newer one).
    return stamp(await openStore(location, { applicationName: ADMIN_APPLICATION_NAME }));
  }
  const live = sqlitePath(location);
  if (!existsSync(live)) throw new BackupError(`no sync database at ${live} (check --data-dir / CG_DATA_DIR)`);
  // A server caches the epoch it opened with: the folder must be free while it changes.
  let lock: ReturnType<typeof takeExclusiveLock>;
  try {
    lock = takeExclusiveLock(dirname(live));
  } catch (e) {
    throw new BackupError(e instanceof DataDirBusyError ? e.message : oneLine(e));
  }
  try {
    return await stamp(new SqliteStore(live));
  } finally {
    lock.release();
  }
}
