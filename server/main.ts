/**
 * Sync server entry point (`npm run server`); see SERVER_USAGE and docs/server-operations.md.
 * SQLite in the data directory unless DATABASE_URL (or --database-url) points at PostgreSQL.
 * Every way it can fail to start ends in ONE line on stderr naming the problem, and a non-zero
 * exit: 2 for a mistake in the command line, 1 for everything else.
 */
import { buildServer, DEFAULT_LIMITS } from './app';
import { parseArgs, serverConfig, SERVER_FLAGS, UsageError, type ServerConfig } from './config';
import { drainAndClose } from './lifecycle';
import { createLogger } from './logger';
import { ServerMetrics, startMetricsListener, type MetricsListener } from './metrics';
import { describeLocation, oneLine, openStore, SERVER_APPLICATION_NAME } from './store';

export const SERVER_USAGE = `Usage: npm run server -- [options]   (or: npx tsx server/main.ts [options])

  --port N              port to listen on (PORT; default 8787; 0 picks a free one)
  --host ADDR           address to listen on (HOST; default 127.0.0.1)
  --data-dir DIR        SQLite data folder (CG_DATA_DIR; default ./data)
  --database-url URL    postgres://... to use PostgreSQL instead (DATABASE_URL)
  --trust-proxy         take client addresses and request ids from your reverse proxy (CG_TRUST_PROXY=1)
  --cors-origin LIST    browser origins allowed to call the API, comma-separated (CG_CORS_ORIGINS)
  --compress            compress large answers, when no proxy in front does (CG_COMPRESS=1)
  --rate-limit N        requests per device per minute (CG_RATE_LIMIT; default 600)
  --metrics-port N      serve Prometheus metrics on this port (CG_METRICS_PORT; default off)
  --metrics-host ADDR   address for the metrics port (CG_METRICS_HOST; default 127.0.0.1)
  --drain-timeout S     on SIGTERM, wait at most S seconds for requests in flight (CG_DRAIN_TIMEOUT; default 10)
  --help                this text

LOG_LEVEL sets the log level (default info). Logs are JSON lines on stdout.`;

async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let config: ServerConfig;
  try {
    const args = parseArgs(argv, SERVER_FLAGS);
    if (args.flags.get('help') === true) {
      process.stdout.write(`${SERVER_USAGE}\n`);
      return 0;
    }
    config = serverConfig(args, env);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`sync server: ${e.message} (see --help)\n`);
      return 2;
    }
    throw e;
  }

  const logger = createLogger();
  const store = await openStore(config, {
    onPoolError: (e) => logger.warn({ err: e }, 'database connection lost'),
    applicationName: SERVER_APPLICATION_NAME,
  });
  const metrics = new ServerMetrics();
  const readiness = { draining: false };
  const app = await buildServer({
    store,
    logger,
    metrics,
    readiness,
    trustProxy: config.trustProxy,
    corsOrigins: config.corsOrigins,
    compress: config.compress,
    limits: { rateLimit: { max: config.rateLimitPerMinute, timeWindowMs: 60_000 } },
  });

  let metricsListener: MetricsListener | null = null;
  let stopping: Promise<never> | null = null;
  const stop = (signal: string): Promise<never> =>
    (stopping ??= (async () => {
      logger.info({ signal, drainTimeoutMs: config.drainTimeoutMs }, 'shutting down: draining requests in flight');
      const { forced } = await drainAndClose(app, store, readiness, config.drainTimeoutMs);
      await metricsListener?.close();
      if (forced) logger.warn({ drainTimeoutMs: config.drainTimeoutMs }, 'drain timed out: closed the connections still in flight');
      logger.info({ signal }, 'stopped');
      logger.flush();
      process.exit(0);
    })());
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const listenError = (what: string, host: string, port: number, e: unknown) => {
    const code = (e as { code?: string }).code;
    return new Error(`cannot listen ${what}on ${host}:${port} ${code ? `(${code})` : `(${oneLine(e)})`}`);
  };
  try {
    if (config.metrics) {
      const { host, port } = config.metrics;
      metricsListener = await startMetricsListener(metrics, host, port).catch((e: unknown) => {
        throw listenError('for metrics ', host, port, e);
      });
    }
    const address = await app.listen({ host: config.host, port: config.port }).catch((e: unknown) => {
      throw listenError('', config.host, config.port, e);
    });
    logger.info(
      {
        address,
        store: describeLocation(config),
        metrics: metricsListener?.url ?? null,
        sharedRateLimits: store.counters?.shared === true,
        rateLimitPerMinute: config.rateLimitPerMinute,
        authFailureLimit: DEFAULT_LIMITS.authFailureLimit,
      },
      'sync server listening',
    );
  } catch (e) {
    await app.close().catch(() => undefined);
    await metricsListener?.close();
    await store.close();
    throw e;
  }
  return new Promise<number>(() => undefined); // runs until a signal stops it
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // One line; startup errors can quote a DATABASE_URL, so its credentials are masked.
    process.stderr.write(`sync server failed to start: ${oneLine(e)}\n`);
    process.exit(1);
  },
);
