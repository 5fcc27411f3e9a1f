import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import { TEST_RESULTS_DIR } from './paths';

/**
 * axe-core in the page (injected over the DevTools protocol, so the app's CSP does not apply),
 * checking WCAG 2.2 A/AA. Counts per screen are kept in test-results/a11y.json for the record.
 */
export interface ScreenReport {
  screen: string;
  violations: Array<{ id: string; impact: string | null | undefined; help: string; nodes: number; targets: string[]; details: string[] }>;
}

const REPORT = join(TEST_RESULTS_DIR, 'a11y.json');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function auditScreen(page: Page, screen: string): Promise<ScreenReport> {
  // axe-core injected over the DevTools protocol (page.evaluate), into the app's own document only:
  // the minutes preview is a sandboxed iframe that runs no script (it is the exported document,
  // not the app's UI), and injecting into it would hang.
  // Audit the settled screen: a drawer or toast still fading in has text at part opacity, which
  // axe measures as low contrast. Endless animations (a loader) are not waited for.
  await page.waitForFunction(
    () => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
    undefined,
    { timeout: 10_000 },
  );
  await page.evaluate(AXE_SOURCE);
  const options: RunOptions = { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } };
  const results = (await page.evaluate(
    (opts) => (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<unknown> } }).axe.run(document, opts),
    options,
  )) as AxeResults;
  const report: ScreenReport = {
    screen,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      details: v.nodes.slice(0, 5).map((n) => [...n.any, ...n.all].map((c) => c.message).join('; ')),
    })),
  };
  await mkdir(TEST_RESULTS_DIR, { recursive: true });
  const all: ScreenReport[] = await readFile(REPORT, 'utf8')
    .then((t) => JSON.parse(t) as ScreenReport[])
    .catch(() => []);
  await writeFile(REPORT, JSON.stringify([...all.filter((r) => r.screen !== screen), report], null, 2));
  return report;
}

/** The violations a screen must not have: critical and serious ones. */
export const blocking = (r: ScreenReport) => r.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');

/** One line per violation, for a failure message a developer can act on. */
export const describeViolations = (r: ScreenReport) =>
  r.violations.map((v) => `${r.screen}: [${v.impact}] ${v.id} (${v.nodes}×) ${v.help} — ${v.targets.join(' | ')}`).join('\n');
