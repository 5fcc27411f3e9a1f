// Minutes exports for a 3-hour meeting with a long IBPS session (~300 captured items): each format
// as the renderer builds it, and the PDF as Chromium prints the same HTML (Electron's printToPDF
// and Playwright's page.pdf are both Chromium's print-to-PDF).
export const name = 'minutes';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(ctx) {
  const page = await ctx.benchPage();
  const r = await page.evaluate(() => window.cgBench.minutesExports(30, 7));

  const pdfTimes = [];
  let pdfBytes = 0;
  for (let i = 0; i < 4; i++) {
    const scratch = await ctx.context.newPage();
    const t0 = performance.now();
    await scratch.setContent(r.html, { waitUntil: 'load' });
    const pdf = await scratch.pdf({ preferCSSPageSize: true, printBackground: true });
    const ms = performance.now() - t0;
    await scratch.close();
    pdfBytes = pdf.length;
    if (i > 0) pdfTimes.push(ms); // the first print warms Chromium's printing up
  }
  const pdfMs = median(pdfTimes);
  return [
    { metric: 'captured items in the session', value: r.items, unit: 'items' },
    { metric: 'meeting length', value: r.durationMinutes, unit: 'min' },
    { metric: 'build the minutes document', value: r.buildMs, unit: 'ms' },
    { metric: 'Markdown export (build + render)', value: r.mdMs, unit: 'ms', target: '< 50', meetsTarget: r.mdMs < 50 },
    { metric: 'HTML export (build + render)', value: r.htmlMs, unit: 'ms', target: '< 50', meetsTarget: r.htmlMs < 50 },
    { metric: 'CSV of action items', value: r.csvMs, unit: 'ms' },
    { metric: 'Word export (build + docx)', value: r.docxMs, unit: 'ms', target: '< 500', meetsTarget: r.docxMs < 500 },
    { metric: 'Word file size', value: Math.round(r.docxBytes / 1024), unit: 'KiB' },
    { metric: 'PDF export (Chromium print of the HTML)', value: pdfMs, unit: 'ms', target: '< 2000', meetsTarget: pdfMs < 2000 },
    { metric: 'PDF file size', value: Math.round(pdfBytes / 1024), unit: 'KiB' },
  ];
}
