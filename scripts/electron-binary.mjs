// Is the Electron binary here, can it open a window, and can it be fetched? `npm start` asks
// before choosing the desktop app or the web version. `npm install` never downloads the binary
// (package.json's allowScripts denies electron's postinstall), so an install cannot fail on a
// machine that cannot reach GitHub; the first `npm start` that can reach it fetches it instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { lookup } from 'node:dns/promises';
import { join } from 'node:path';

/** Where electron's own index.js looks (path.txt + dist/), or null when the binary is not there. */
export function findElectronBinary(electronDir, env = process.env) {
  let relative;
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null;
  }
  if (!relative) return null;
  const full = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(electronDir, 'dist', relative);
  return existsSync(full) ? full : null;
}

/** Why Electron could not show a window here even with its binary, or null when it can. */
export function displayProblem(platform = process.platform, env = process.env) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
}

/** The host the binary would come from: a configured mirror, else GitHub. */
export function downloadHost(env = process.env) {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || env.electron_config_mirror;
  if (mirror) {
    try {
      return new URL(mirror).hostname;
    } catch {
      /* fall through to the default */
    }
  }
  return 'github.com';
}

const usesProxy = (env) => Boolean(env.ELECTRON_GET_USE_PROXY || env.HTTPS_PROXY || env.https_proxy || env.GLOBAL_AGENT_HTTPS_PROXY);

/**
 * Fetch the binary with electron's own installer (its checksums, cache and mirror settings).
 * Asked first whether the download host resolves at all, so a machine without that network gets
 * its answer at once instead of after the downloader's retries (behind a proxy, which resolves
 * names itself, the installer is simply tried).
 * Resolves to { ok: true } or { ok: false, reason }.
 */
export async function fetchElectronBinary({ electronDir, env = process.env, resolveHost = lookup, runInstaller = runElectronInstaller, timeoutMs = 5000 }) {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { ok: false, reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set' };
  const host = downloadHost(env);
  if (!usesProxy(env)) {
    let timer;
    try {
      await Promise.race([
        resolveHost(host),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), timeoutMs);
        }),
      ]);
    } catch (error) {
      return { ok: false, reason: `${host} cannot be reached${error?.code ? `: ${error.code}` : ''}` };
    } finally {
      clearTimeout(timer);
    }
  }
  const installed = await runInstaller(electronDir, env);
  if (!installed.ok) return installed;
  return findElectronBinary(electronDir, env) ? { ok: true } : { ok: false, reason: 'the download finished but no binary was found' };
}

/** Runs node_modules/electron/install.js; its output goes to the terminal (it prints only on failure). */
function runElectronInstaller(electronDir, env = process.env, timeoutMs = 15 * 60_000) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: `the download could not start (${error.message})` });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve({ ok: true });
      // The downloader's stack trace says little to a facilitator; its first line says enough.
      const first = stderr.split('\n').find((line) => line.trim()) ?? `exit code ${code}`;
      resolve({ ok: false, reason: `the download failed (${first.trim()})` });
    });
  });
}

/**
 * The decision `npm start` acts on: { mode: 'desktop' } or { mode: 'web', reason }.
 * A machine that has no display gets the web version without a download it could not use.
 */
export async function chooseStartMode({ electronDir, platform = process.platform, env = process.env, fetchBinary = fetchElectronBinary, onFetch = () => {} }) {
  const noDisplay = displayProblem(platform, env);
  if (findElectronBinary(electronDir, env)) {
    return noDisplay ? { mode: 'web', reason: `Electron cannot open a window here: ${noDisplay}` } : { mode: 'desktop' };
  }
  if (noDisplay) return { mode: 'web', reason: `Electron is not installed and could not open a window here anyway: ${noDisplay}` };
  onFetch();
  const fetched = await fetchBinary({ electronDir, env });
  return fetched.ok ? { mode: 'desktop' } : { mode: 'web', reason: `Electron's binary is not installed and cannot be fetched (${fetched.reason})` };
}
