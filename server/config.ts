/** Command-line flags win over environment variables, which win over defaults. */
export interface CommonConfig {
  databaseUrl?: string;
  dataDir: string;
}

export interface ServerConfig extends CommonConfig {
  host: string;
  port: number;
  trustProxy: boolean;
  /**
   * Browser origins allowed to call the API (web mode served from another origin). Absent: no
   * CORS headers at all, so no web page can read an answer.
   */
  corsOrigins?: string[];
  /** Compress large answers (--compress), for deployments whose proxy does not. */
  compress: boolean;
  /**
   * Prometheus metrics on their own listener (--metrics-port), never on the API port: the API port
   * is what the proxy publishes, and metrics are for the people running the server. Absent: off.
   */
  metrics?: { host: string; port: number };
  /** How long SIGTERM waits for requests in flight before closing their connections (--drain-timeout, seconds). */
  drainTimeoutMs: number;
  /** Requests per device per minute (--rate-limit); shared by every instance on one PostgreSQL. */
  rateLimitPerMinute: number;
}

export const DEFAULT_PORT = 8787;
/** Loopback by default: exposing the server is a decision, made with --host and a TLS proxy in front. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;

/** A mistake in how a command was called: one line naming it, exit code 2, nothing touched. */
export class UsageError extends Error {}

/** Which flags a command takes: those with a value, and switches. */
export interface FlagSpec {
  readonly values: readonly string[];
  readonly switches: readonly string[];
}

export const SERVER_FLAGS: FlagSpec = {
  values: ['port', 'host', 'data-dir', 'database-url', 'cors-origin', 'metrics-port', 'metrics-host', 'drain-timeout', 'rate-limit'],
  switches: ['trust-proxy', 'compress', 'help'],
};

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

/**
 * With a spec, a flag the command does not take, a value flag with no value and a switch given a
 * value are refused (UsageError): `--prot 9000` silently ignored would start the server on the
 * default port, and the operator would find out from a failing proxy.
 */
export function parseArgs(argv: readonly string[], spec?: FlagSpec): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  const known = (name: string) => !spec || spec.values.includes(name) || spec.switches.includes(name);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      if (arg !== '--') positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!known(name)) throw new UsageError(`unknown option --${name}`);
    const isSwitch = spec?.switches.includes(name) ?? false;
    if (eq > 0) {
      if (isSwitch) throw new UsageError(`--${name} takes no value`);
      flags.set(name, arg.slice(eq + 1));
      continue;
    }
    if (isSwitch) {
      flags.set(name, true);
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(name, next);
      i++;
    } else if (spec) {
      throw new UsageError(`--${name} needs a value`);
    } else flags.set(name, true);
  }
  return { flags, positional };
}

function str(flags: ParsedArgs['flags'], name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function nonEmpty(value: string | undefined, what: string): string | undefined {
  if (value !== undefined && value.trim().length === 0) throw new UsageError(`${what} is empty`);
  return value;
}

export function commonConfig(args: ParsedArgs, env: NodeJS.ProcessEnv): CommonConfig {
  const databaseUrl = str(args.flags, 'database-url') ?? env.DATABASE_URL;
  return {
    databaseUrl: databaseUrl && databaseUrl.length > 0 ? databaseUrl : undefined,
    dataDir: nonEmpty(str(args.flags, 'data-dir') ?? env.CG_DATA_DIR, 'the data folder (--data-dir / CG_DATA_DIR)') ?? DEFAULT_DATA_DIR,
  };
}

function portOf(text: string, what: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`invalid ${what}: ${text} (a number from 0 to 65535)`);
  return port;
}

function positiveNumber(text: string, what: string, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) throw new UsageError(`invalid ${what}: ${text} (a number above 0, at most ${max})`);
  return n;
}

export function serverConfig(args: ParsedArgs, env: NodeJS.ProcessEnv): ServerConfig {
  for (const name of args.flags.keys())
    if (!SERVER_FLAGS.values.includes(name) && !SERVER_FLAGS.switches.includes(name)) throw new UsageError(`unknown option --${name}`);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]} (the server takes only --options)`);
  const port = portOf(str(args.flags, 'port') ?? env.PORT ?? String(DEFAULT_PORT), 'port');
  const metricsPortText = str(args.flags, 'metrics-port') ?? env.CG_METRICS_PORT;
  const drain = str(args.flags, 'drain-timeout') ?? env.CG_DRAIN_TIMEOUT;
  const rate = str(args.flags, 'rate-limit') ?? env.CG_RATE_LIMIT;
  return {
    ...commonConfig(args, env),
    host: nonEmpty(str(args.flags, 'host') ?? env.HOST, 'the host (--host / HOST)') ?? DEFAULT_HOST,
    port,
    trustProxy: args.flags.get('trust-proxy') === true || env.CG_TRUST_PROXY === '1',
    compress: args.flags.get('compress') === true || env.CG_COMPRESS === '1',
    ...corsConfig(str(args.flags, 'cors-origin') ?? env.CG_CORS_ORIGINS),
    ...(metricsPortText !== undefined && metricsPortText !== ''
      ? {
          metrics: {
            host: nonEmpty(str(args.flags, 'metrics-host') ?? env.CG_METRICS_HOST, 'the metrics host (--metrics-host / CG_METRICS_HOST)') ?? DEFAULT_HOST,
            port: portOf(metricsPortText, 'metrics port'),
          },
        }
      : {}),
    drainTimeoutMs: drain === undefined ? DEFAULT_DRAIN_TIMEOUT_MS : Math.round(positiveNumber(drain, 'drain timeout in seconds', 3600) * 1000),
    rateLimitPerMinute:
      rate === undefined ? DEFAULT_RATE_LIMIT_PER_MINUTE : Math.round(positiveNumber(rate, 'rate limit (requests per device per minute)', 1_000_000)),
  };
}

/**
 * Comma-separated exact origins (`http://127.0.0.1:5173`). Anything that is not a bare
 * scheme://host[:port] is refused, '*' included: only the app's own pages should read the
 * server's answers, and a typo should fail at start, not at the first sync.
 */
export function parseCorsOrigins(text: string): string[] {
  const origins = text
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  for (const origin of origins) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      /* reported below */
    }
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.origin !== origin) {
      throw new UsageError(`invalid CORS origin: ${origin} (use the exact origin, e.g. http://127.0.0.1:5173, without a path or trailing slash)`);
    }
  }
  return [...new Set(origins)];
}

function corsConfig(text: string | undefined): { corsOrigins?: string[] } {
  const origins = text === undefined ? [] : parseCorsOrigins(text);
  // Left out when empty so the config stays exactly what it was for servers without CORS.
  return origins.length > 0 ? { corsOrigins: origins } : {};
}
