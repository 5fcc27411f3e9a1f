// Rapid Improvement Model: run-chart analysis of a long measure, timed in the browser where the
// app runs it (the chart re-analyses on every data point typed); the chart of a 500-point measure
// drawn on the project page; and (issue #24) a project page with three 500-point charts, one of
// each kind (a U chart, a P chart, an I chart with its MR chart), opened from the Improvement page.
export const name = 'rim';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CHART_POINTS = Number(process.env.CG_BENCH_CHART_POINTS ?? 500);
const RUNS = 7;

/**
 * Open the project page from the Improvement page (a route change in the running app) and time
 * until `charts` charts have their value line drawn (a chart lays itself out once it knows its
 * width), and when the first chart mounted.
 */
async function timeOpen(page, baseUrl, projectId, charts) {
  await page.goto(`${baseUrl}#/improvement`);
  await page.locator('[data-testid="project-row"]').waitFor();
  return page.evaluate(
    ({ id, charts }) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        let mounted = null;
        const check = () => {
          const all = [...document.querySelectorAll('[data-testid="measure-chart"]')];
          if (all.length && mounted === null) mounted = performance.now() - t0;
          const drawn = all.filter((c) => c.querySelector('[data-role="values"]')?.getAttribute('d')).length;
          if (drawn >= charts) {
            observer.disconnect();
            requestAnimationFrame(() => resolve({ mounted, drawn: performance.now() - t0 }));
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true });
        location.hash = `#/improvement/projects/${id}`;
      }),
    { id: projectId, charts },
  );
}

async function timeRuns(page, baseUrl, projectId, charts) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeOpen(page, baseUrl, projectId, charts));
  const timed = runs.slice(1); // the first open warms up the chart code
  return { drawn: median(timed.map((t) => t.drawn)), mounted: median(timed.map((t) => t.mounted)), chartOnly: median(timed.map((t) => t.drawn - t.mounted)) };
}

export async function run(ctx) {
  const page = await ctx.benchPage();
  const r = await page.evaluate(() => window.cgBench.runChartAnalysis(10_000, 25));

  await ctx.benchPage();
  const single = await timeRuns(page, ctx.baseUrl, await page.evaluate((n) => window.cgBench.seedRimMeasure(n), CHART_POINTS), 1);

  await ctx.benchPage();
  const three = await timeRuns(page, ctx.baseUrl, await page.evaluate((n) => window.cgBench.seedRimProject(n), CHART_POINTS), 3);

  return [
    { metric: 'points in the measure (useful)', value: r.useful, unit: 'points' },
    { metric: 'run-chart analysis, 10,000 points (median)', value: r.analysisMs, unit: 'ms', target: '< 5', meetsTarget: r.analysisMs < 5 },
    { metric: 'signal spans for the chart, 10,000 points', value: r.spansMs, unit: 'ms' },
    { metric: 'signal found in the seeded shift', value: r.nonRandom ? 'yes' : 'no', unit: '' },
    { metric: `project page opened to chart drawn, one ${CHART_POINTS}-point measure (median)`, value: single.drawn, unit: 'ms' },
    { metric: '  of which: loading the project and rendering the page until the chart mounts', value: single.mounted, unit: 'ms' },
    {
      metric: `  of which: chart mounted to line drawn, ${CHART_POINTS} points`,
      value: single.chartOnly,
      unit: 'ms',
      target: '< 100',
      meetsTarget: single.chartOnly < 100,
    },
    {
      metric: `a project page with three ${CHART_POINTS}-point charts opens (U, P, I/MR; median)`,
      value: three.drawn,
      unit: 'ms',
      target: '< 300',
      meetsTarget: three.drawn < 300,
    },
    { metric: '  of which: loading the project and rendering the page until the first chart mounts', value: three.mounted, unit: 'ms' },
  ];
}
