#!/usr/bin/env node
// `npm run start:web` / `npm run serve:web`: serves the built renderer for web mode.
//   --port <n>       port to listen on (default 5174; 0 picks a free one)
//   --host <name>    interface to bind (default 127.0.0.1); anything but loopback needs --allow-remote
//   --allow-remote   allow a non-loopback --host (the app has no login: anyone who can reach the
//                    port gets the app, though their data stays in their own browser)
//   --root <dir>     folder to serve (default out/renderer next to this script)
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { isLoopbackHost, startWebServer } from './web-server.mjs';

const usage = 'Usage: node scripts/serve-web.mjs [--port 5174] [--host 127.0.0.1] [--allow-remote] [--root out/renderer]';

function fail(message) {
  console.error(`serve-web: ${message}`);
  process.exit(1);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', default: '5174' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
      root: { type: 'string', default: fileURLToPath(new URL('../out/renderer', import.meta.url)) },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${error.message}\n${usage}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
if (!Number.isInteger(port) || port > 65535) fail(`--port must be a number from 0 to 65535, got "${values.port}"`);
const allowRemote = values['allow-remote'];
if (!allowRemote && !isLoopbackHost(values.host)) {
  fail(`refusing to listen on ${values.host}: web mode serves this machine only (127.0.0.1). Add --allow-remote if you really mean to expose it.`);
}

let server;
try {
  server = await startWebServer({ root: values.root, host: values.host, port, allowRemote });
} catch (error) {
  fail(error.message);
}

console.log(`Common Ground (web mode) at ${server.url}`);
console.log('web mode: the browser fallback of the desktop app; data stays in this browser profile');
// IndexedDB is per origin and the port is part of the origin: a different port is an empty app.
console.log(`Your data belongs to this exact address; use the same --port (${server.port}) next time to see it again.`);
if (allowRemote && !isLoopbackHost(values.host)) {
  console.warn(`warning: listening on ${values.host}, reachable from other machines`);
}
console.log('Press Ctrl+C to stop.');

let stopping = false;
function stop(signal) {
  if (stopping) {
    // A second Ctrl+C means "now".
    process.exit(130);
  }
  stopping = true;
  console.log(`\n${signal}: stopping the web server`);
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  server.close().then(() => process.exit(0));
}
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
