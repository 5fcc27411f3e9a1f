// Control-chart analysis (src/shared/rim/controlChart.ts) of a 10,000-point measure for every chart
// type, timed in Chromium, where the app re-analyses the chart on every point typed, and in Node.
// The module is bundled on its own here (vite, as the app is), so the figure is the analysis alone.
// Target (issue #24): < 5 ms per analysis. Each sample times a batch of 10 analyses (Chromium
// coarsens performance.now() to 0.1 ms) and reports the mean per analysis; the figure is the
// median of 25 samples after 5 warm-ups.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

export const name = 'charts';

const POINTS = Number(process.env.CG_BENCH_CHART_ANALYSIS_POINTS ?? 10_000);
const RUNS = 25;
const BATCH = 10;
const TARGET_MS = 5;
const TYPES = ['i', 'mr', 'c', 'u', 'p', 'pp', 'up', 'g'];

/** Bundle controlChart.ts for the browser (IIFE, window.cgCharts) and for Node (ES module). */
async function bundle(repoRoot, outDir) {
  const entry = join(repoRoot, 'src/shared/rim/controlChart.ts');
  for (const format of ['iife', 'es']) {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: false,
        minify: true,
        lib: { entry, name: 'cgCharts', formats: [format], fileName: () => (format === 'es' ? 'charts.mjs' : 'charts.iife.js') },
      },
    });
  }
  return { iife: join(outDir, 'charts.iife.js'), esm: join(outDir, 'charts.mjs') };
}

/**
 * Runs where it is called (page or Node) with globalThis.cgCharts loaded; self-contained so
 * Playwright can ship it to the page. A weekly measure with a missing week every 97 and a shift
 * half-way, numerators around 12% of denominators of 90-110.
 */
function timeAll({ points, runs, batch, types }) {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const denominators = Array.from({ length: points }, () => 90 + Math.round(random() * 20));
  const numerators = denominators.map((d, i) => (i % 97 === 0 ? null : Math.round(d * (i > points / 2 ? 0.09 : 0.12) + (random() - 0.5) * 8)));
  const { controlChart } = globalThis.cgCharts;
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const out = {};
  for (const type of types) {
    const input = { type, values: numerators, denominators };
    for (let i = 0; i < 5; i++) controlChart(input);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      for (let k = 0; k < batch; k++) controlChart(input);
      times.push((performance.now() - t0) / batch);
    }
    const c = controlChart(input);
    out[type] = { ms: median(times), outside: c.outside.filter(Boolean).length, nonRandom: c.runs ? c.runs.nonRandom : null };
  }
  return out;
}

export async function run(ctx) {
  const work = mkdtempSync(join(tmpdir(), 'cg-bench-charts-'));
  try {
    const files = await bundle(ctx.repoRoot, work);
    const args = { points: POINTS, runs: RUNS, batch: BATCH, types: TYPES };

    globalThis.cgCharts = await import(pathToFileURL(files.esm).href);
    const node = timeAll(args);

    let browser = null;
    if (ctx.page) {
      const page = ctx.page;
      await page.goto('about:blank');
      await page.addScriptTag({ path: files.iife });
      browser = await page.evaluate(timeAll, args);
    }

    const points = POINTS.toLocaleString('en-US');
    const rows = [];
    for (const type of TYPES) {
      if (browser) {
        const ms = browser[type].ms;
        rows.push({
          metric: `${type} chart analysis, ${points} points, Chromium (median)`,
          value: ms,
          unit: 'ms',
          target: `< ${TARGET_MS}`,
          meetsTarget: ms < TARGET_MS,
        });
      }
      const ms = node[type].ms;
      rows.push({
        metric: `${type} chart analysis, ${points} points, Node (median)`,
        value: ms,
        unit: 'ms',
        target: `< ${TARGET_MS}`,
        meetsTarget: ms < TARGET_MS,
      });
    }
    const seen = browser ?? node;
    rows.push({ metric: 'P chart: points outside the limits', value: seen.p.outside, unit: 'points' });
    rows.push({ metric: 'P chart: runs signal found in the seeded shift', value: seen.p.nonRandom ? 'yes' : 'no', unit: '' });
    return rows;
  } finally {
    delete globalThis.cgCharts;
    rmSync(work, { recursive: true, force: true });
  }
}
