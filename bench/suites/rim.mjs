// Rapid Improvement Model: run-chart analysis of a long measure, timed in the browser where the
// app runs it (the chart re-analyses on every data point typed), and the run chart of a 500-point
// measure drawn on the project page.
export const name = 'rim';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const CHART_POINTS = Number(process.env.CG_BENCH_CHART_POINTS ?? 500);

/** Open the project page from the Improvement page (a route change in the running app) and time the chart. */
async function timeChart(page, baseUrl, projectId) {
  await page.goto(`${baseUrl}#/improvement`);
  await page.locator('[data-testid="project-row"]').waitFor();
  return page.evaluate(
    (id) =>
      new Promise((resolve) => {
        const t0 = performance.now();
        let container = null;
        const check = () => {
          const chart = document.querySelector('[data-testid="run-chart"]');
          if (chart && container === null) container = performance.now() - t0;
          // Drawn: the value line's path is laid out (recharts draws after measuring its container).
          const path = chart?.querySelector('.recharts-line-curve[d]');
          if (path && path.getAttribute('d')) {
            observer.disconnect();
            requestAnimationFrame(() => resolve({ container, drawn: performance.now() - t0 }));
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['d'] });
        location.hash = `#/improvement/projects/${id}`;
      }),
    projectId,
  );
}

export async function run(ctx) {
  const page = await ctx.benchPage();
  const r = await page.evaluate(() => window.cgBench.runChartAnalysis(10_000, 25));

  await ctx.benchPage();
  const projectId = await page.evaluate((n) => window.cgBench.seedRimMeasure(n), CHART_POINTS);
  const runs = [];
  for (let i = 0; i < 6; i++) runs.push(await timeChart(page, ctx.baseUrl, projectId));
  const timed = runs.slice(1); // the first open warms up the chart code
  const drawn = median(timed.map((t) => t.drawn));
  const container = median(timed.map((t) => t.container));
  // The chart's own cost: from the commit that mounts it (with the rest of the page) to its line drawn.
  const chartOnly = median(timed.map((t) => t.drawn - t.container));
  return [
    { metric: 'points in the measure (useful)', value: r.useful, unit: 'points' },
    { metric: 'run-chart analysis, 10,000 points (median)', value: r.analysisMs, unit: 'ms', target: '< 5', meetsTarget: r.analysisMs < 5 },
    { metric: 'signal spans for the chart, 10,000 points', value: r.spansMs, unit: 'ms' },
    { metric: 'signal found in the seeded shift', value: r.nonRandom ? 'yes' : 'no', unit: '' },
    { metric: `project page opened to chart drawn, ${CHART_POINTS} points (median)`, value: drawn, unit: 'ms' },
    { metric: '  of which: loading the project and rendering the page until the chart mounts', value: container, unit: 'ms' },
    { metric: `  of which: chart mounted to line drawn, ${CHART_POINTS} points`, value: chartOnly, unit: 'ms', target: '< 100', meetsTarget: chartOnly < 100 },
  ];
}
