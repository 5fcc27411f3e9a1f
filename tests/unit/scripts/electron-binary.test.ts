import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain .mjs script with no declaration file; the shapes are asserted below.
import { chooseStartMode, displayProblem, downloadHost, fetchElectronBinary, findElectronBinary } from '../../../scripts/electron-binary.mjs';

/** A node_modules/electron folder as `npm install` leaves it: no binary (its postinstall is denied). */
let electronDir = '';
beforeEach(async () => {
  electronDir = await mkdtemp(join(tmpdir(), 'cg-electron-'));
});
afterEach(async () => {
  await rm(electronDir, { recursive: true, force: true });
});

async function installBinary(dir: string) {
  await mkdir(join(dir, 'dist'), { recursive: true });
  await writeFile(join(dir, 'dist', 'electron'), '#!/bin/sh\n');
  await writeFile(join(dir, 'path.txt'), 'electron');
}

const withDisplay = { DISPLAY: ':0' };
const notFound = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' }));

describe('finding the Electron binary', () => {
  it('finds it where electron itself looks (path.txt, dist/), and not when either is missing', async () => {
    expect(findElectronBinary(electronDir, {})).toBeNull();
    await writeFile(join(electronDir, 'path.txt'), 'electron');
    expect(findElectronBinary(electronDir, {})).toBeNull();
    await installBinary(electronDir);
    expect(findElectronBinary(electronDir, {})).toBe(join(electronDir, 'dist', 'electron'));
  });

  it('needs a display on Linux, not on Windows or macOS', () => {
    expect(displayProblem('linux', {})).toMatch(/no display/);
    expect(displayProblem('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBeNull();
    expect(displayProblem('win32', {})).toBeNull();
    expect(displayProblem('darwin', {})).toBeNull();
  });

  it('downloads from GitHub unless a mirror is configured', () => {
    expect(downloadHost({})).toBe('github.com');
    expect(downloadHost({ ELECTRON_MIRROR: 'https://mirror.example.org/electron/' })).toBe('mirror.example.org');
  });
});

describe('fetching it', () => {
  it('gives up at once, without running the downloader, when the download host does not resolve', async () => {
    const runInstaller = vi.fn();
    const result = await fetchElectronBinary({ electronDir, env: {}, resolveHost: notFound, runInstaller });
    expect(result).toEqual({ ok: false, reason: 'github.com cannot be reached: ENOTFOUND' });
    expect(runInstaller).not.toHaveBeenCalled();
  });

  it('gives up when the host does not answer in time', async () => {
    const result = await fetchElectronBinary({ electronDir, env: {}, resolveHost: () => new Promise(() => {}), runInstaller: vi.fn(), timeoutMs: 20 });
    expect(result).toEqual({ ok: false, reason: 'github.com cannot be reached: ETIMEOUT' });
  });

  it('respects ELECTRON_SKIP_BINARY_DOWNLOAD', async () => {
    const resolveHost = vi.fn();
    expect(await fetchElectronBinary({ electronDir, env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' }, resolveHost })).toEqual({
      ok: false,
      reason: 'ELECTRON_SKIP_BINARY_DOWNLOAD is set',
    });
    expect(resolveHost).not.toHaveBeenCalled();
  });

  it("runs electron's own installer when the host resolves, and checks the binary is really there after", async () => {
    const installs = vi.fn(async (dir: string) => {
      await installBinary(dir);
      return { ok: true };
    });
    expect(await fetchElectronBinary({ electronDir, env: {}, resolveHost: async () => ({ address: '192.0.2.1' }), runInstaller: installs })).toEqual({
      ok: true,
    });
    const lies = vi.fn(async () => ({ ok: true }));
    const empty = await mkdtemp(join(tmpdir(), 'cg-electron-'));
    try {
      expect(await fetchElectronBinary({ electronDir: empty, env: {}, resolveHost: async () => ({}), runInstaller: lies })).toEqual({
        ok: false,
        reason: 'the download finished but no binary was found',
      });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('behind a proxy, tries the installer without asking DNS (the proxy resolves names)', async () => {
    const resolveHost = vi.fn(notFound);
    const runInstaller = vi.fn(async () => ({ ok: false, reason: 'the download failed (RequestError: tunneling socket could not be established)' }));
    const result = await fetchElectronBinary({ electronDir, env: { HTTPS_PROXY: 'http://proxy.example:3128' }, resolveHost, runInstaller });
    expect(resolveHost).not.toHaveBeenCalled();
    expect(result.reason).toMatch(/tunneling socket/);
  });
});

describe('what npm start chooses', () => {
  it('the desktop app when the binary is installed and there is a display', async () => {
    await installBinary(electronDir);
    expect(await chooseStartMode({ electronDir, platform: 'linux', env: withDisplay })).toEqual({ mode: 'desktop' });
  });

  it('the desktop app after fetching the binary', async () => {
    const fetchBinary = vi.fn(async () => ({ ok: true }));
    const onFetch = vi.fn();
    expect(await chooseStartMode({ electronDir, platform: 'win32', env: {}, fetchBinary, onFetch })).toEqual({ mode: 'desktop' });
    expect(onFetch).toHaveBeenCalledOnce();
  });

  it('the web version, with the reason in one line, when the binary cannot be fetched', async () => {
    const choice = await chooseStartMode({
      electronDir,
      platform: 'linux',
      env: withDisplay,
      fetchBinary: (o: { electronDir: string; env: object }) => fetchElectronBinary({ ...o, resolveHost: notFound }),
    });
    expect(choice).toEqual({ mode: 'web', reason: "Electron's binary is not installed and cannot be fetched (github.com cannot be reached: ENOTFOUND)" });
    expect(choice.reason).not.toContain('\n');
  });

  it('the web version without any download on a machine with no display', async () => {
    const fetchBinary = vi.fn();
    expect(await chooseStartMode({ electronDir, platform: 'linux', env: {}, fetchBinary })).toEqual({
      mode: 'web',
      reason: 'Electron is not installed and could not open a window here anyway: no display (DISPLAY and WAYLAND_DISPLAY are unset)',
    });
    expect(fetchBinary).not.toHaveBeenCalled();
    await installBinary(electronDir);
    expect((await chooseStartMode({ electronDir, platform: 'linux', env: {} })).mode).toBe('web');
  });
});
