// Foundation: app write path vs raw Dexie, opening lists and a meeting with a large history, bundle size.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const name = 'store';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** In-app navigation (hash change) until `selector` is in the DOM and painted, in ms. */
async function timeNavigation(page, hash, selector) {
  return page.evaluate(
    ({ hash, selector }) =>
      new Promise((resolve, reject) => {
        const t0 = performance.now();
        location.hash = hash;
        const deadline = t0 + 15_000;
        const check = () => {
          if (document.querySelector(selector)) requestAnimationFrame(() => resolve(performance.now() - t0));
          else if (performance.now() > deadline) reject(new Error(`${selector} did not appear`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { hash, selector },
  );
}

export async function run(ctx) {
  const page = await ctx.benchPage();
  // CG_BENCH_WRITE_ROUNDS: more rounds for a steadier median on a busy machine (each round is two full writes).
  const rounds = Number(process.env.CG_BENCH_WRITE_ROUNDS ?? 5);
  const write = await page.evaluate((n) => window.cgBench.writeComparison(n), rounds);
  const rawRate = write.records / (write.rawMs / 1000);
  const appRate = write.records / (write.appMs / 1000);
  const ratioRuns = write.runs.map((r) => Number(r.ratio.toFixed(3)));
  const fill = await page.evaluate(() => window.cgBench.fillAppDatabase());

  await page.goto(`${ctx.baseUrl}#/`);
  await page.locator('nav[aria-label="Main navigation"]').waitFor();
  const listTimes = [];
  const meetingTimes = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    listTimes.push(await timeNavigation(page, '#/meetings', '[data-testid="meeting-row"]'));
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    meetingTimes.push(await timeNavigation(page, `#/meetings/${fill.meetingId}`, '[data-testid="agenda-row"]'));
  }

  if (process.env.CG_BENCH_PROFILE) {
    await ctx.benchPage();
    console.error(await page.evaluate((id) => window.cgBench.profileMeetingReads(id), fill.meetingId));
  }
  const assets = join(ctx.repoRoot, 'out', 'renderer', 'assets');
  let raw = 0;
  let gz = 0;
  for (const f of readdirSync(assets).filter((f) => /\.(js|css)$/.test(f))) {
    const bytes = readFileSync(join(assets, f));
    raw += bytes.length;
    gz += gzipSync(bytes).length;
  }

  return [
    { metric: 'records written (200 teams, 3,000 people, 2,000 meetings)', value: write.records, unit: 'records' },
    { metric: `raw Dexie bulkAdd (median of ${write.rounds})`, value: rawRate, unit: 'records/s' },
    { metric: `app write path: zod + capture + bulkAdd (median of ${write.rounds})`, value: appRate, unit: 'records/s' },
    {
      metric: `app / raw ratio (median of ${write.rounds} interleaved rounds)`,
      value: write.ratio,
      unit: 'x',
      target: '>= 0.8',
      meetsTarget: write.ratio >= 0.8,
      runs: ratioRuns,
    },
    { metric: 'app / raw ratio, lowest round', value: write.minRatio, unit: 'x' },
    { metric: 'app / raw ratio, highest round', value: write.maxRatio, unit: 'x' },
    { metric: 'listMeetings (2,000 meetings, data only)', value: fill.listMs, unit: 'ms' },
    { metric: 'loadMeetingDetail (data only)', value: fill.detailMs, unit: 'ms' },
    { metric: 'open meetings list (UI, median of 5)', value: median(listTimes), unit: 'ms', target: '< 200', meetsTarget: median(listTimes) < 200 },
    { metric: 'open meetings list (UI, worst of 5)', value: Math.max(...listTimes), unit: 'ms' },
    { metric: 'open a meeting (UI, median of 5)', value: median(meetingTimes), unit: 'ms', target: '< 200', meetsTarget: median(meetingTimes) < 200 },
    { metric: 'open a meeting (UI, worst of 5)', value: Math.max(...meetingTimes), unit: 'ms' },
    { metric: 'renderer bundle js+css', value: raw / 1024, unit: 'KiB' },
    { metric: 'renderer bundle js+css gzipped', value: gz / 1024, unit: 'KiB' },
  ];
}
