/** Command-line flags win over environment variables, which win over defaults. */
export interface CommonConfig {
  databaseUrl?: string;
  dataDir: string;
}

export interface ServerConfig extends CommonConfig {
  host: string;
  port: number;
  trustProxy: boolean;
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
  };
}
