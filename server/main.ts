/**
 * Sync server entry point: `npx tsx server/main.ts [--port 8787] [--host 127.0.0.1] [--data-dir ./data]`.
 * SQLite in the data directory unless DATABASE_URL (or --database-url) points at PostgreSQL.
 */
import { buildServer } from './app';
import { parseArgs, serverConfig } from './config';
import { createLogger } from './logger';
import { describeLocation, openStore } from './store';

async function main(): Promise<void> {
  const config = serverConfig(parseArgs(process.argv.slice(2)), process.env);
  const logger = createLogger();
  const store = await openStore(config, (e) => logger.warn({ err: e }, 'database connection lost'));
  const app = await buildServer({ store, logger, trustProxy: config.trustProxy, corsOrigins: config.corsOrigins, compress: config.compress });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const address = await app.listen({ host: config.host, port: config.port });
  logger.info({ address, store: describeLocation(config) }, 'sync server listening');
}

main().catch((e: unknown) => {
  // Startup errors can quote a DATABASE_URL; print the message only.
  console.error(`sync server failed to start: ${e instanceof Error ? e.message.replace(/\/\/[^@/]*@/g, '//***@') : String(e)}`);
  process.exit(1);
});
