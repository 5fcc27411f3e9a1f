// Rapid Improvement Model: run-chart analysis of a long measure, timed in the browser where the
// app runs it (the chart re-analyses on every data point typed).
export const name = 'rim';

export async function run(ctx) {
  const page = await ctx.benchPage();
  const r = await page.evaluate(() => window.cgBench.runChartAnalysis(10_000, 25));
  return [
    { metric: 'points in the measure (useful)', value: r.useful, unit: 'points' },
    { metric: 'run-chart analysis, 10,000 points (median)', value: r.analysisMs, unit: 'ms', target: '< 5', meetsTarget: r.analysisMs < 5 },
    { metric: 'signal spans for the chart, 10,000 points', value: r.spansMs, unit: 'ms' },
    { metric: 'signal found in the seeded shift', value: r.nonRandom ? 'yes' : 'no', unit: '' },
  ];
}
