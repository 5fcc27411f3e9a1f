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
}

export const DEFAULT_PORT = 8787;
/** Loopback by default: exposing the server is a decision, made with --host and a TLS proxy in front. */
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './data';

export interface ParsedArgs {
  flags: Map<string, string | true>;
  positional: string[];
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        flags.set(arg.slice(2), next);
        i++;
      } else flags.set(arg.slice(2), true);
    }
  }
  return { flags, positional };
}

function str(flags: ParsedArgs['flags'], name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function commonConfig(args: ParsedArgs, env: NodeJS.ProcessEnv): CommonConfig {
  const databaseUrl = str(args.flags, 'database-url') ?? env.DATABASE_URL;
  return {
    databaseUrl: databaseUrl && databaseUrl.length > 0 ? databaseUrl : undefined,
    dataDir: str(args.flags, 'data-dir') ?? env.CG_DATA_DIR ?? DEFAULT_DATA_DIR,
  };
}

export function serverConfig(args: ParsedArgs, env: NodeJS.ProcessEnv): ServerConfig {
  const portText = str(args.flags, 'port') ?? env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${portText}`);
  return {
    ...commonConfig(args, env),
    host: str(args.flags, 'host') ?? env.HOST ?? DEFAULT_HOST,
    port,
    trustProxy: args.flags.get('trust-proxy') === true || env.CG_TRUST_PROXY === '1',
    compress: args.flags.get('compress') === true || env.CG_COMPRESS === '1',
    ...corsConfig(str(args.flags, 'cors-origin') ?? env.CG_CORS_ORIGINS),
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
      throw new Error(`invalid CORS origin: ${origin} (use the exact origin, e.g. http://127.0.0.1:5173, without a path or trailing slash)`);
    }
  }
  return [...new Set(origins)];
}

function corsConfig(text: string | undefined): { corsOrigins?: string[] } {
  const origins = text === undefined ? [] : parseCorsOrigins(text);
  // Left out when empty so the config stays exactly what it was for servers without CORS.
  return origins.length > 0 ? { corsOrigins: origins } : {};
}
