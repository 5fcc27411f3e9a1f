/**
 * Who is using a SQLite data folder. Every process that opens the store through `openStore` (the
 * server, the admin CLI, a backup) holds a SHARED lock on `server.lock` in the folder for as long
 * as it has the store open; a restore takes an EXCLUSIVE lock, which it gets only when nobody
 * holds a shared one, and keeps it while it swaps the database, so no server can start on a
 * half-restored folder.
 *
 * The locks are SQLite's own file locks on an empty database file (rollback-journal mode: a read
 * transaction holds SHARED until it ends; BEGIN EXCLUSIVE needs everyone else gone). They are
 * POSIX advisory locks, so the kernel drops them when a process dies, even by SIGKILL: a crashed
 * server never leaves a stale lock that blocks a restore, as a PID file would. Do not delete
 * `server.lock` while a server runs: a new file would be a new lock.
 */
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';

export const LOCK_FILE = 'server.lock';

export interface DataDirLock {
  release(): void;
}

export class DataDirBusyError extends Error {}

function openLockDb(dir: string, busyTimeoutMs: number): Database.Database {
  const db = new Database(join(resolve(dir), LOCK_FILE));
  db.pragma(`busy_timeout = ${busyTimeoutMs}`);
  db.pragma('journal_mode = DELETE');
  return db;
}

const isBusy = (e: unknown) => {
  const code = (e as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
};

/** For every user of the store; refused while a restore holds the folder. */
export function holdSharedLock(dir: string): DataDirLock {
  let db: Database.Database | undefined;
  try {
    // A short wait: a restore holds its lock for as long as a copy takes, a sibling's start not at all.
    db = openLockDb(dir, 2_000);
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db?.close();
    if (isBusy(e))
      throw new DataDirBusyError(`the data folder ${resolve(dir)} is being restored (server:admin restore holds ${LOCK_FILE}); try again when it has finished`);
    throw e;
  }
  const held = db;
  return {
    release() {
      if (!held.open) return;
      held.exec('ROLLBACK');
      held.close();
    },
  };
}

/** For a restore: refused while anyone else has the store open. */
export function takeExclusiveLock(dir: string): DataDirLock {
  let db: Database.Database | undefined;
  try {
    db = openLockDb(dir, 0);
    db.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    db?.close();
    if (isBusy(e)) throw new DataDirBusyError(`a sync server (or another server:admin command) is using ${resolve(dir)}: stop it first (nothing was changed)`);
    throw e;
  }
  const held = db;
  return {
    release() {
      if (!held.open) return;
      held.exec('ROLLBACK');
      held.close();
    },
  };
}
