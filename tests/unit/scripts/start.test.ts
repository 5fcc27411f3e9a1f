import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The README's `npm start`, run for real on a machine where Electron cannot run (no display, and
 * no download allowed): it must say so in one line, build, and serve the web version at the
 * address it prints.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
let child: ChildProcess | undefined;

afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  // The whole group: npm, start.mjs and the web server it started.
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
});

describe('npm start', () => {
  it('falls back to the web version with one clear line, and serves the app at the printed address', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', npm_config_loglevel: 'warn' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    child = spawn('npm', ['start', '--', '--port', '0'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const address = await new Promise<string>((resolve, reject) => {
      const check = () => {
        const match = /Common Ground \(web mode\) at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) resolve(match[1]!);
      };
      child!.stdout!.on('data', check);
      child!.once('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${output}`)));
    });

    const lines = output.split('\n').filter((line) => line.trim() && !line.startsWith('>'));
    expect(lines[0]).toBe(
      'Electron is not installed and could not open a window here anyway: no display (DISPLAY and WAYLAND_DISPLAY are unset): starting the web version instead.',
    );
    // The build is quiet: the next thing said is the address.
    expect(lines[1]).toBe(`Common Ground (web mode) at ${address}`);

    const page = await fetch(address);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeTruthy();
    expect((await fetch(new URL(script!, address))).status).toBe(200);
  }, 240_000);
});
