// Path to Performance: the council dashboard for a council of 400 teams with 8 quarters of
// confirmed assessments (3,200 ratings), plus a project, a measure with 12 points, 3 cycles, a
// meeting per quarter and an action item per team. Timed in Chromium on the app's real database:
// the dashboard query alone, and the page opened from a light page (Settings) until its level chart
// is drawn. (Leaving a page that shows 400 rows, e.g. Action items, adds its own unmounting to any timing.)
// Target (issue #21): the dashboard opens in < 300 ms. Reported, never asserted.
export const name = 'p2p';

const TEAMS = Number(process.env.CG_BENCH_P2P_TEAMS ?? 400);
const QUARTERS = Number(process.env.CG_BENCH_P2P_QUARTERS ?? 8);
const TARGET_MS = 300;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** From the Settings page (light: nothing to unmount that would be timed), open the dashboard (a route change in the running app) and time it until its charts are drawn. */
async function timeOpen(page, baseUrl) {
  await page.goto(`${baseUrl}#/settings`);
  await page.locator('nav[aria-label="Main navigation"]').waitFor();
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const t0 = performance.now();
        let figures = null;
        let drawn = null;
        const check = () => {
          const share = document.querySelector('[data-testid="share-high-performing"]');
          if (share && figures === null && /of \d/.test(share.textContent ?? '')) figures = performance.now() - t0;
          // Drawn: the levels chart's bars are laid out (recharts draws after measuring its container).
          const bars = document.querySelectorAll('[data-testid="levels-section"] .recharts-bar-rectangle path');
          if (figures !== null && drawn === null && bars.length > 0) drawn = performance.now() - t0;
          // Everything: the sections below the fold, which render in the frames after the first.
          if (
            drawn !== null &&
            document.querySelector('[data-testid="teams-section"]') &&
            document.querySelectorAll('.recharts-bar-rectangle path').length > 0
          ) {
            observer.disconnect();
            requestAnimationFrame(() => resolve({ figures, drawn, all: performance.now() - t0 }));
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
        location.hash = '#/p2p';
      }),
  );
}

export async function run(ctx) {
  const page = await ctx.benchPage();
  const seeded = await page.evaluate(([teams, quarters]) => window.cgBench.seedP2pCouncil(teams, quarters), [TEAMS, QUARTERS]);
  await ctx.benchPage();
  const query = await page.evaluate((id) => window.cgBench.dashboardQuery(id, 9), seeded.councilId);
  const runs = [];
  for (let i = 0; i < 6; i++) runs.push(await timeOpen(page, ctx.baseUrl));
  const timed = runs.slice(1); // the first open loads the chart code
  const drawn = median(timed.map((t) => t.drawn));
  const figures = median(timed.map((t) => t.figures));
  const all = median(timed.map((t) => t.all));
  return [
    { metric: `council: teams x quarters of confirmed ratings`, value: `${seeded.teams} x ${seeded.quarters} = ${seeded.ratings}`, unit: '' },
    { metric: 'seeding the council (app write path)', value: seeded.seedMs, unit: 'ms' },
    { metric: `dashboard query alone, ${seeded.teams} teams (median of 9)`, value: query.queryMs, unit: 'ms' },
    { metric: `  high performing this quarter`, value: `${query.share}% of ${query.rated} rated`, unit: '' },
    { metric: 'dashboard opened to figures shown (median of 5)', value: figures, unit: 'ms' },
    { metric: 'dashboard opened to level chart drawn (median of 5)', value: drawn, unit: 'ms', target: `< ${TARGET_MS}`, meetsTarget: drawn < TARGET_MS },
    { metric: '  every section below the fold rendered too (median of 5)', value: all, unit: 'ms' },
    { metric: 'first open in the session (loads the chart code, reads every rating once)', value: runs[0].drawn, unit: 'ms' },
  ];
}
