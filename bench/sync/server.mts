/**
 * The sync server for the benchmark, in its own process (its own event loop, like a deployed
 * server): `tsx bench/sync/server.mts --data-dir <dir> | --database-url <url> --log <file> [--cors-origin <origin>] [--compress]`.
 * Same code path as server/main.ts (openStore + buildServer, SQLite at synchronous=FULL, default
 * request limits and per-token rate limits, pino at info level), except that enrollment is not
 * rate limited per IP (the benchmark enrolls 55 devices from 127.0.0.1 in a few seconds).
 * Prints one JSON line {"url": ...} on stdout when listening; stops on SIGTERM.
 */
import pino from 'pino';
import { buildServer } from '../../server/app';
import { parseArgs, parseCorsOrigins } from '../../server/config';
import { createLogger } from '../../server/logger';
import { openStore } from '../../server/store';

const args = parseArgs(process.argv.slice(2));
const flag = (name: string): string | undefined => {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
};

const logFile = flag('log') ?? '/dev/null';
const destination = pino.destination({ dest: logFile, sync: false });
const logger = createLogger({ level: 'info', destination });
const store = await openStore(
  { databaseUrl: flag('database-url'), dataDir: flag('data-dir') ?? '.' },
  { onPoolError: (e) => logger.warn({ err: e }, 'database connection lost') },
);
const corsOrigin = flag('cors-origin');
// --cors-origin as server/main.ts takes it: the bench page (another origin) calls the API from Chromium.
// --compress as server/main.ts takes it (the clinic Wi-Fi figure runs a second server with it).
const app = await buildServer({
  store,
  logger,
  limits: { enrollRateLimit: false },
  compress: args.flags.get('compress') === true,
  ...(corsOrigin ? { corsOrigins: parseCorsOrigins(corsOrigin) } : {}),
});
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url: address, pid: process.pid })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  await store.close();
  try {
    destination.flushSync();
  } catch {
    // not open yet: nothing was logged
  }
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
