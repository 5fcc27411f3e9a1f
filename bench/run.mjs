#!/usr/bin/env node
// npm run bench: benchmarks in real Chromium (Debian's /usr/bin/chromium) that PRINT figures, as a
// table and as JSON (also bench-results/latest.json). Targets are reported, never asserted.
// Usage: node bench/run.mjs [suite ...]   (suites: bench/suites/*.mjs; default all)
// A suite that exports `browser = false` runs in Node only; Chromium starts only if a selected suite needs it.
// CG_BENCH_NO_MINIFY=1 keeps the bench bundle's function names, for readable CPU profiles.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import { chromium } from 'playwright-core';
import { startWebServer } from '../scripts/web-server.mjs';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const selected = process.argv.slice(2);
const suiteDir = join(repoRoot, 'bench', 'suites');
const suites = [];
for (const file of readdirSync(suiteDir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  const suite = await import(pathToFileURL(join(suiteDir, file)).href);
  if (!selected.length || selected.includes(suite.name)) suites.push(suite);
}
const needsBrowser = suites.some((suite) => suite.browser !== false);

if (needsBrowser && !existsSync(join(repoRoot, 'out', 'renderer', 'index.html'))) {
  console.error('bench: out/renderer is missing; run `npm run build` first (npm run bench does).');
  process.exit(1);
}

/** The browser half, bundled from bench/browser with the app's own modules. */
async function buildBrowserBundle(outDir) {
  await build({
    configFile: false,
    logLevel: 'warn',
    resolve: { alias: { '@shared': join(repoRoot, 'src/shared'), '@renderer': join(repoRoot, 'src/renderer/src') } },
    build: {
      outDir,
      emptyOutDir: true,
      minify: !process.env.CG_BENCH_NO_MINIFY,
      lib: { entry: join(repoRoot, 'bench/browser/entry.ts'), formats: ['es'], fileName: () => 'bench.js' },
    },
  });
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>cg-bench</title></head><body><script type="module" src="./bench.js"></script></body></html>',
  );
}

const work = mkdtempSync(join(tmpdir(), 'cg-bench-'));
let server;
let context;
const rows = [];
let crashed = false;
try {
  let ctx = { repoRoot };
  if (needsBrowser) {
    // Same origin for the app and the bench page: the bench fills the very database the UI reads.
    const siteRoot = join(work, 'site');
    cpSync(join(repoRoot, 'out', 'renderer'), siteRoot, { recursive: true });
    await buildBrowserBundle(join(siteRoot, 'bench'));
    server = await startWebServer({ root: siteRoot });
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: FLAGS,
      viewport: { width: 1366, height: 850 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => process.stderr.write(`bench: page error: ${e.message}\n`));
    ctx = {
      repoRoot,
      baseUrl: server.url,
      context,
      page,
      /** Open the bench page (same origin as the app) and wait for window.cgBench. */
      async benchPage() {
        await page.goto(`${server.url}bench/index.html`);
        await page.waitForFunction(() => document.title === 'cg-bench-ready');
        return page;
      },
    };
  }
  for (const suite of suites) {
    process.stderr.write(`bench: ${suite.name}...\n`);
    const started = Date.now();
    for (const row of await suite.run(ctx)) rows.push({ suite: suite.name, ...row });
    process.stderr.write(`bench: ${suite.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
} catch (error) {
  crashed = true;
  console.error(`bench: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await context?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}

const fmt = (v) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1)) : String(v ?? ''));
const table = rows.map((r) => ({
  suite: r.suite,
  metric: r.metric,
  value: fmt(r.value),
  unit: r.unit ?? '',
  target: r.target ?? '',
  ok: r.meetsTarget === undefined ? '' : r.meetsTarget ? 'yes' : 'NO',
}));
const cols = ['suite', 'metric', 'value', 'unit', 'target', 'ok'];
const widths = cols.map((c) => Math.max(c.length, ...table.map((r) => r[c].length)));
const line = (r) => cols.map((c, i) => (c === 'value' ? r[c].padStart(widths[i]) : r[c].padEnd(widths[i]))).join('  ');
console.log(line(Object.fromEntries(cols.map((c) => [c, c]))));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(line(r));
const json = { date: new Date().toISOString(), node: process.version, rows };
console.log(JSON.stringify(json, null, 2));
mkdirSync(resolve(repoRoot, 'bench-results'), { recursive: true });
writeFileSync(resolve(repoRoot, 'bench-results', 'latest.json'), JSON.stringify(json, null, 2));
process.exitCode = crashed ? 1 : 0;
