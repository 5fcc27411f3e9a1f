import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PostgresStore } from './postgres';
import { SqliteStore } from './sqlite';
import type { Store } from './types';

export * from './types';
export { SqliteStore } from './sqlite';
export { PostgresStore } from './postgres';

export interface StoreLocation {
  /** postgres://... selects PostgreSQL; otherwise SQLite in dataDir. */
  databaseUrl?: string;
  dataDir: string;
}

export const SQLITE_FILE = 'sync.sqlite';

export async function openStore(location: StoreLocation, onPoolError?: (e: Error) => void): Promise<Store> {
  if (location.databaseUrl && /^postgres(ql)?:\/\//.test(location.databaseUrl)) {
    return PostgresStore.open(location.databaseUrl, { onPoolError });
  }
  if (location.databaseUrl) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const dir = resolve(location.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return new SqliteStore(join(dir, SQLITE_FILE));
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
