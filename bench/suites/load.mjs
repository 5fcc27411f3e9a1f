// Initial load in web mode (issue #27, point 4): the JS and CSS the first screen needs before it
// is usable, and the time from navigation to the first screen interactive, cold (a fresh browser
// profile: no HTTP cache, no code cache, an empty database) and warm (a reload of the same
// profile). "Interactive" is the home screen showing its data with the navigation in place and the
// main thread free again (a zero-delay task queued at that moment has run).
// Runs its own Chromium per cold start (a shared profile would not be cold), so the runner's
// shared browser is not needed: `node bench/run.mjs load` after `npm run build`.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startWebServer } from '../../scripts/web-server.mjs';

export const name = 'load';
export const browser = false;

const RUNS = Number(process.env.CG_BENCH_LOAD_RUNS ?? 5);
const JS_TARGET_KB = 800;
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Installed before any page script: notes when the home screen is up and the main thread idle. */
function watchFirstScreen() {
  const mark = { shownAt: 0, interactiveAt: 0, longTasks: [] };
  window.__cgLoad = mark;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) mark.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long-task timing in this browser: the figure stays empty.
  }
  const ready = () =>
    // A fresh profile opens on Welcome, a used one on Home: either way the screen's own h1, in any language.
    document.querySelectorAll('nav a[href]').length >= 6 && document.querySelector('#main h1') !== null;
  const observer = new MutationObserver(() => {
    if (mark.shownAt || !ready()) return;
    mark.shownAt = performance.now();
    observer.disconnect();
    setTimeout(() => (mark.interactiveAt = performance.now()), 0);
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }));
}

async function measure(page, url, { reload }) {
  if (reload) await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__cgLoad?.interactiveAt > 0, undefined, { timeout: 60_000, polling: 50 });
  return page.evaluate(() => {
    const mark = window.__cgLoad;
    const loaded = performance.getEntriesByType('resource').filter((r) => r.startTime <= mark.interactiveAt);
    const sum = (ext) => loaded.filter((r) => new URL(r.name).pathname.endsWith(ext)).reduce((n, r) => n + r.decodedBodySize, 0);
    const count = (ext) => loaded.filter((r) => new URL(r.name).pathname.endsWith(ext)).length;
    return {
      shown: mark.shownAt,
      interactive: mark.interactiveAt,
      jsBytes: sum('.js'),
      cssBytes: sum('.css'),
      jsFiles: count('.js'),
      files: loaded.map((r) => `${new URL(r.name).pathname.split('/').pop()} ${r.decodedBodySize} @${Math.round(r.startTime)}`),
      longTasks: mark.longTasks.filter((d) => d > 50).length,
    };
  });
}

export async function run(ctx) {
  // CG_BENCH_LOAD_ROOT: another build's renderer folder, to compare builds back to back.
  const root = process.env.CG_BENCH_LOAD_ROOT ?? join(ctx.repoRoot, 'out', 'renderer');
  if (!existsSync(join(root, 'index.html'))) throw new Error('load: out/renderer is missing; run `npm run build` first');
  const server = await startWebServer({ root });
  const cold = [];
  const warm = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const profile = mkdtempSync(join(tmpdir(), 'cg-bench-load-'));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: FLAGS,
        viewport: { width: 1366, height: 850 },
      });
      try {
        await context.addInitScript(watchFirstScreen);
        const page = context.pages()[0] ?? (await context.newPage());
        page.on('pageerror', (e) => process.stderr.write(`load: page error: ${e.message}\n`));
        cold.push(await measure(page, server.url, { reload: false }));
        // CG_BENCH_LOAD_FILES=1: which files the first screen waited for (to see what to split off).
        if (process.env.CG_BENCH_LOAD_FILES && i === 0)
          process.stderr.write(`load: first screen at ${Math.round(cold[0].interactive)} ms after:\n  ${cold[0].files.join('\n  ')}\n`);
        // Warm: the same profile again (HTTP cache and V8's code cache from the cold start).
        warm.push(await measure(page, server.url, { reload: true }));
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
  }
  const jsKb = median(cold.map((r) => r.jsBytes)) / 1024;
  return [
    { metric: 'JS before the first screen (decoded)', value: jsKb, unit: 'KB', target: `<= ${JS_TARGET_KB}`, meetsTarget: jsKb <= JS_TARGET_KB },
    { metric: 'JS files before the first screen', value: median(cold.map((r) => r.jsFiles)), unit: 'files' },
    { metric: 'CSS before the first screen (decoded)', value: median(cold.map((r) => r.cssBytes)) / 1024, unit: 'KB' },
    { metric: `first screen shown, cold, median of ${RUNS}`, value: median(cold.map((r) => r.shown)), unit: 'ms' },
    { metric: `first screen interactive, cold, median of ${RUNS}`, value: median(cold.map((r) => r.interactive)), unit: 'ms' },
    { metric: 'first screen interactive, cold, worst', value: Math.max(...cold.map((r) => r.interactive)), unit: 'ms' },
    { metric: `first screen interactive, warm, median of ${RUNS}`, value: median(warm.map((r) => r.interactive)), unit: 'ms' },
    { metric: 'first screen interactive, warm, worst', value: Math.max(...warm.map((r) => r.interactive)), unit: 'ms' },
    { metric: 'long tasks > 50 ms before interactive, cold, median', value: median(cold.map((r) => r.longTasks)), unit: 'tasks' },
  ];
}
