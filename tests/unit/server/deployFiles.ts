/**
 * The deployment files in deploy/ as the tests read them: the systemd unit's command line and
 * settings, and the environment files. The tests run what these files say (the end-to-end test
 * starts each instance with the unit's ExecStart and Caddy with deploy/Caddyfile), so the guide's
 * files cannot drift from what is tested.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const DEPLOY_DIR = join(REPO_ROOT, 'deploy');
export const UNIT_FILE = join(DEPLOY_DIR, 'common-ground-sync@.service');
export const CADDYFILE = join(DEPLOY_DIR, 'Caddyfile');
export const SYNC_ENV_EXAMPLE = join(DEPLOY_DIR, 'sync.env.example');
export const CADDY_ENV_EXAMPLE = join(DEPLOY_DIR, 'caddy.env.example');

/** KEY=value lines; # comments and blank lines skipped (systemd's EnvironmentFile syntax, unquoted). */
export function readEnvFile(path: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`${path}: not KEY=value: ${line}`);
    env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

/** Every `Key=value` of a unit file, in order, by key (a key may repeat). */
export function readUnit(path = UNIT_FILE): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('[')) continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    keys.set(key, [...(keys.get(key) ?? []), line.slice(eq + 1)]);
  }
  return keys;
}

export function unitValue(unit: Map<string, string[]>, key: string): string {
  const values = unit.get(key);
  if (!values || values.length !== 1) throw new Error(`the unit has ${values?.length ?? 0} ${key}= lines, expected one`);
  return values[0]!;
}

export interface InstanceCommand {
  command: string;
  args: string[];
  cwd: string;
  /** Environment= lines of the unit (EnvironmentFile= comes from the caller). */
  env: Record<string, string>;
}

/**
 * The unit's ExecStart for instance `port` (systemd's %i), run from this checkout instead of
 * WorkingDirectory, with this Node instead of /usr/bin/node when they differ.
 */
export function instanceCommand(port: number, node = process.execPath): InstanceCommand {
  const unit = readUnit();
  const words = unitValue(unit, 'ExecStart').replace(/%i/g, String(port)).split(/\s+/);
  const [binary, ...args] = words;
  if (binary !== '/usr/bin/node') throw new Error(`ExecStart runs ${binary}, expected /usr/bin/node`);
  const env: Record<string, string> = {};
  for (const line of unit.get('Environment') ?? []) {
    const eq = line.indexOf('=');
    env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return { command: node, args, cwd: REPO_ROOT, env };
}
