#!/usr/bin/env node
// `npm start`: the desktop app where Electron can run; otherwise one line saying why, then the
// web version (the same renderer in a browser), printing its address.
//   npm start                   desktop app, or web version on http://127.0.0.1:5174
//   npm start -- --port 0       web version on a free port (arguments go to serve-web.mjs)
//   npm start -- --web          the web version even where Electron could run
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseStartMode } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');

const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const serveArgs = args.filter((a) => a !== '--web');

/** Runs a child in this terminal; resolves to its exit code. */
function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
    // Ctrl+C reaches the child from the terminal itself; this process waits for it to finish.
    const ignore = () => {};
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', ignore);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

const electronDir = dirname(require.resolve('electron/package.json'));
const choice = forceWeb
  ? { mode: 'web', reason: 'Web version asked for (--web)' }
  : await chooseStartMode({
      electronDir,
      onFetch: () => console.log('Electron is not installed yet: fetching it once (about 100 MB)...'),
    });

if (choice.mode === 'desktop') {
  // electron-vite preview builds main, preload and renderer, then runs Electron on them.
  process.exit(await run(process.execPath, [electronVite, 'preview']));
}

console.log(`${choice.reason}: starting the web version instead.`);
const built = await run(process.execPath, [electronVite, 'build', '--logLevel', 'warn']);
if (built !== 0) {
  console.error('npm start: the build failed (see above).');
  process.exit(built);
}
process.exit(await run(process.execPath, [join(root, 'scripts', 'serve-web.mjs'), ...serveArgs]));
