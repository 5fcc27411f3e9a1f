/**
 * The files docs/server-operations.md tells an operator to install (deploy/) say what the server
 * and Caddy understand: the unit's command line and environment make the configuration the guide
 * describes, systemd accepts the unit, and Caddy accepts the Caddyfile with the example settings.
 * (tests/e2e/server-ops.e2e.ts then runs exactly these files.)
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../server/app';
import { parseArgs, serverConfig, SERVER_FLAGS } from '../../../server/config';
import { CADDY_ENV_EXAMPLE, CADDYFILE, instanceCommand, readEnvFile, readUnit, SYNC_ENV_EXAMPLE, UNIT_FILE, unitValue } from './deployFiles';

const run = promisify(execFile);
const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
};

describe('deploy/common-ground-sync@.service and sync.env.example', () => {
  it('start an instance on loopback behind the proxy, on PostgreSQL, with metrics on 1<port> and a drain shorter than systemd waits', () => {
    const unit = readUnit();
    const { args, env } = instanceCommand(8787);
    expect(args.slice(0, 3)).toEqual(['--import', 'tsx', 'server/main.ts']);
    const config = serverConfig(parseArgs(args.slice(3), SERVER_FLAGS), { ...readEnvFile(SYNC_ENV_EXAMPLE), ...env });
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8787,
      metrics: { host: '127.0.0.1', port: 18787 },
      trustProxy: true,
      databaseUrl: 'postgres://cg_sync:CHANGE-ME@127.0.0.1:5432/common_ground',
      dataDir: '/var/lib/common-ground',
      rateLimitPerMinute: 600,
      drainTimeoutMs: 10_000,
    });
    // systemd kills what is still running after TimeoutStopSec: the drain must end well before.
    expect(Number(unitValue(unit, 'TimeoutStopSec')) * 1000).toBeGreaterThan(config.drainTimeoutMs + 5_000);
    expect(unitValue(unit, 'KillSignal')).toBe('SIGTERM');
    // The server exits 2 for a mistake in its command line or environment (main.test.ts).
    expect(unitValue(unit, 'RestartPreventExitStatus')).toBe('2');
    expect(unitValue(unit, 'ReadWritePaths')).toBe(config.dataDir);
    // Settings come from the environment file alone (CG_DATA_DIR too): the unit overrides none.
    expect(env).toEqual({});
    expect(unitValue(unit, 'StateDirectory')).toBe('common-ground');
    expect(DEFAULT_LIMITS.bodyLimitBytes).toBe(4 * 1024 * 1024);
  });

  it.skipIf(!has('systemd-analyze'))('is a unit systemd accepts without a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-unit-'));
    try {
      copyFileSync(UNIT_FILE, join(dir, 'common-ground-sync@.service'));
      const { stdout, stderr } = await run('systemd-analyze', ['verify', './common-ground-sync@8787.service'], { cwd: dir });
      expect(stdout + stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('deploy/Caddyfile and caddy.env.example', () => {
  // Caddy missing is a failure: CI installs Debian's caddy (.ci/run), and the guide relies on it.
  it('terminate TLS for the address, balance over the instances with /ready health checks and hand over request ids', async () => {
    const env = readEnvFile(CADDY_ENV_EXAMPLE);
    const { stdout } = await run('caddy', ['adapt', '--config', CADDYFILE, '--adapter', 'caddyfile'], { env: { ...process.env, ...env } });
    const config = JSON.parse(stdout) as {
      apps: {
        http: { http_port: number; https_port: number; servers: Record<string, { listen: string[]; routes: unknown[] }> };
        pki: { certificate_authorities: { local: { install_trust: boolean } } };
        tls: { automation: { policies: Array<{ subjects: string[]; issuers: Array<{ module: string; email?: string }> }> } };
      };
    };
    const text = JSON.stringify(config);
    const server = Object.values(config.apps.http.servers)[0]!;
    expect(server.listen).toEqual([':443']);
    expect(config.apps.tls.automation.policies[0]).toMatchObject({ subjects: ['sync.example.org'] });
    expect(config.apps.tls.automation.policies[0]!.issuers.map((i) => i.module)).toContain('acme');
    expect(text).toContain('"email":"it-admin@example.org"');
    expect(config.apps.pki.certificate_authorities.local.install_trust).toBe(false);
    expect(text).toContain('"upstreams":[{"dial":"127.0.0.1:8787"},{"dial":"127.0.0.1:8788"}]');
    expect(text).toContain('"active":{"interval":2000000000,"timeout":2000000000,"uri":"/ready"}');
    expect(text).toContain('"X-Request-Id":["{http.request.uuid}"]');
    expect(text).toContain('"try_duration":5000000000');
    // The proxy's body cap sits above the server's own (the server's 413 is the one clients read).
    const maxSize = Number(/"max_size":(\d+)/.exec(text)?.[1]);
    expect(maxSize).toBeGreaterThan(DEFAULT_LIMITS.bodyLimitBytes);
    expect(text).toContain('{"handler":"static_response","status_code":404}],"match":[{"path":["/metrics*"]}]');
    expect(text).toContain('"encodings":{"gzip":{}}');

    // Caddy's own CA for an intranet name, as the end-to-end test runs it.
    const internal = await run('caddy', ['adapt', '--config', CADDYFILE, '--adapter', 'caddyfile'], { env: { ...process.env, ...env, CG_TLS: 'internal' } });
    expect(internal.stdout).toContain('"issuers":[{"module":"internal"}]');
  });
});
