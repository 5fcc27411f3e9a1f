// Ten times the data (issue #27, point 1): the meetings list, a meeting, the action-items page and
// the improvement page opened in the UI with a history of 2,000 and of 20,000 meetings (people,
// teams, agenda, attendance and action items in proportion), side by side: median and worst of 5
// in-app navigations, and the longest task while opening. Target: < 200 ms median, no task > 100 ms.
// CG_BENCH_SCALE_SIZES=2000,20000 picks the sizes.
export const name = 'scale';

const SIZES = (process.env.CG_BENCH_SCALE_SIZES ?? '2000,20000').split(',').map(Number);
const RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** In-app navigation (hash change) until `selector` is in the DOM and painted; long tasks meanwhile. */
async function timeNavigation(page, hash, selector) {
  return page.evaluate(
    ({ hash, selector }) =>
      new Promise((resolve, reject) => {
        const longTasks = [];
        const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
        observer.observe({ type: 'longtask' });
        const t0 = performance.now();
        location.hash = hash;
        const deadline = t0 + 120_000;
        const check = () => {
          if (document.querySelector(selector))
            requestAnimationFrame(() => {
              const ms = performance.now() - t0;
              // Long tasks are reported after they end: give the observer one more turn.
              setTimeout(() => {
                observer.disconnect();
                resolve({ ms, longest: Math.max(0, ...longTasks) });
              }, 0);
            });
          else if (performance.now() > deadline) reject(new Error(`${selector} did not appear`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { hash, selector },
  );
}

export async function run(ctx) {
  const bySize = [];
  for (const meetings of SIZES) {
    const page = await ctx.benchPage();
    const fill = await page.evaluate((n) => window.cgBench.fillScaledHistory(n), meetings);
    await page.goto(`${ctx.baseUrl}#/settings`);
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const screens = [
      { key: 'meetings list', hash: '#/meetings', selector: '[data-testid="meeting-row"]' },
      { key: 'a meeting', hash: `#/meetings/${fill.meetingId}`, selector: '[data-testid="agenda-row"]' },
      { key: 'action items page', hash: '#/actions', selector: '[data-testid="action-item-row"]' },
      { key: 'improvement page', hash: '#/improvement', selector: '[data-testid="team-improvement"]' },
    ];
    process.stderr.write(`scale: ${fill.records} records for ${meetings} meetings written in ${Math.round(fill.writeMs)} ms\n`);
    const times = Object.fromEntries(screens.map((s) => [s.key, []]));
    let failed = null;
    for (let i = 0; i < RUNS && !failed; i++)
      for (const s of screens) {
        try {
          await page.evaluate(() => (location.hash = '#/settings'));
          await page.getByRole('heading', { name: 'Settings' }).waitFor();
          times[s.key].push(await timeNavigation(page, s.hash, s.selector));
        } catch (error) {
          // A renderer that runs out of memory on a screen is a figure too: reported, not thrown.
          failed = `${s.key}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
          process.stderr.write(`scale: ${meetings} meetings, ${failed}\n`);
          break;
        }
      }
    bySize.push({ meetings, fill, screens, times, failed });
    if (failed) break;
  }
  const rows = [];
  for (const { meetings, fill, failed } of bySize) {
    rows.push({ metric: `records written for ${meetings.toLocaleString('en')} meetings`, value: fill.records, unit: 'records' });
    if (failed) rows.push({ metric: `${meetings.toLocaleString('en')} meetings: failed at ${failed}`, value: 'failed', unit: '' });
  }
  for (const key of bySize[0].screens.map((s) => s.key))
    for (const { meetings, times } of bySize) {
      const ms = times[key].map((t) => t.ms);
      if (!ms.length) continue;
      const at = `${key}, ${meetings.toLocaleString('en')} meetings`;
      rows.push({ metric: `${at}: median of ${RUNS}`, value: median(ms), unit: 'ms', target: '< 200', meetsTarget: median(ms) < 200 });
      rows.push({ metric: `${at}: worst`, value: Math.max(...ms), unit: 'ms' });
      const longest = Math.max(...times[key].map((t) => t.longest));
      rows.push({ metric: `${at}: longest task`, value: longest, unit: 'ms', target: '<= 100', meetsTarget: longest <= 100 });
    }
  return rows;
}
