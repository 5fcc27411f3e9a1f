import { closeSync, existsSync, mkdirSync, openSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataDirBusyError, holdSharedLock } from './dataDirLock';
import { PostgresStore } from './postgres';
import { SqliteStore } from './sqlite';
import { SchemaTooNewError, type Store } from './types';

export * from './types';
export { SqliteStore } from './sqlite';
export { PostgresStore, SERVER_APPLICATION_NAME, ADMIN_APPLICATION_NAME } from './postgres';

export interface StoreLocation {
  /** postgres://... selects PostgreSQL; otherwise SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
}

export interface OpenOptions {
  onPoolError?: (e: Error) => void;
  /** pg_stat_activity's application_name (server or admin; see SERVER_APPLICATION_NAME). */
  applicationName?: string;
  connectTimeoutMs?: number;
}

export const SQLITE_FILE = 'sync.sqlite';

/** Why a store could not be opened, in one line that names the place and never a password. */
export class StoreOpenError extends Error {}

export const isPostgresUrl = (url: string | undefined): url is string => url !== undefined && /^postgres(ql)?:\/\//.test(url);

export function sqlitePath(location: StoreLocation): string {
  return join(resolve(location.dataDir), SQLITE_FILE);
}

export async function openStore(location: StoreLocation, options: OpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(location.databaseUrl)) {
    try {
      return await PostgresStore.open(location.databaseUrl, options);
    } catch (e) {
      if (e instanceof SchemaTooNewError) throw e;
      throw new StoreOpenError(describePostgresError(e, location, options.connectTimeoutMs ?? 10_000));
    }
  }
  if (location.databaseUrl) throw new StoreOpenError('DATABASE_URL must start with postgres:// or postgresql://');
  const dir = resolve(location.dataDir);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new StoreOpenError(`cannot create the data folder ${dir} (${codeOf(e)})`);
  }
  assertWritable(dir);
  const file = join(dir, SQLITE_FILE);
  if (existsSync(file)) {
    try {
      closeSync(openSync(file, 'r+'));
    } catch (e) {
      throw new StoreOpenError(`the database ${file} is not writable (${codeOf(e)})`);
    }
  }
  let lock: ReturnType<typeof holdSharedLock>;
  try {
    lock = holdSharedLock(dir);
  } catch (e) {
    if (e instanceof DataDirBusyError) throw new StoreOpenError(e.message);
    throw new StoreOpenError(`cannot lock the data folder ${dir}: ${oneLine(e)}`);
  }
  try {
    return new SqliteStore(file, { lock });
  } catch (e) {
    lock.release();
    if (e instanceof SchemaTooNewError) throw e;
    throw new StoreOpenError(`cannot open the database ${file}: ${oneLine(e)}`);
  }
}

/**
 * SQLite writes its database, its write-ahead log and its shared-memory index into the folder:
 * a folder it cannot write fails at the first write, so it is tried by creating a file (a
 * permission check alone would pass for root on a read-only mount).
 */
export function assertWritable(dir: string): void {
  const probe = join(dir, `.cg-write-test-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
  } catch (e) {
    throw new StoreOpenError(`the data folder ${dir} is not writable (${codeOf(e)}): the server keeps its database there`);
  }
}

/** Where a store lives, for logs: never the password in a DATABASE_URL. */
export function describeLocation(location: StoreLocation): string {
  if (location.databaseUrl) {
    try {
      const u = new URL(location.databaseUrl);
      return `postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
    } catch {
      return 'postgres (unparseable URL)';
    }
  }
  return `sqlite ${join(resolve(location.dataDir), SQLITE_FILE)}`;
}

function describePostgresError(e: unknown, location: StoreLocation, timeoutMs: number): string {
  const where = describeLocation(location);
  const code = (e as { code?: string }).code;
  const message = oneLine(e);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ECONNRESET' || code === 'EAI_AGAIN')
    return `cannot reach the database at ${where} (${code})`;
  if (/timeout/i.test(message)) return `cannot reach the database at ${where} (no answer within ${Math.round(timeoutMs / 1000)} s)`;
  if (code === '28P01' || code === '28000') return `the database at ${where} refused the login (${message})`;
  return `cannot open the database at ${where}: ${message}`;
}

export function codeOf(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : oneLine(e);
}

/** An error as one line, with any user:password@ of a URL it quotes masked. */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text
    .replace(/\/\/[^@/\s]*@/g, '//***@')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
