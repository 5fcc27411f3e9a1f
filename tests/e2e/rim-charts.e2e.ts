import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { formatDate } from '@shared/i18n/format';
import { launchApp } from './support/browser';
import { exposeServices, type ServicesControl } from './support/services';
import { useAppServer } from './support/lifecycle';
import { SCREENSHOT_DIR, saveScreenshot } from './support/screenshots';
import { createCouncil, createTeamFromCouncil, goto, waitSaved } from './flows/ui';

const server = useAppServer();
const unitFixture = (name: string) => fileURLToPath(new URL(`../unit/shared/rim/fixtures/${name}`, import.meta.url));
/** A calendar date as the English screens print it (\"Mar 2, 2026\"), for accessible names and marks. */
const day = (iso: string) => formatDate(iso, 'en');

// 24 weeks of ED patients seen within 30 minutes: about four in five, and week 17 when the triage
// nurse was out sick (20 of 50) — a point a P chart puts below its lower limit.
const SEEN: readonly [number, number][] = Array.from({ length: 24 }, (_, i) => [i === 16 ? 20 : 40 + ((i * 7) % 5) - 2, 50 + (i % 3)]);
const weekOf = (i: number) => {
  const d = new Date(Date.UTC(2026, 0, 5 + 7 * i));
  return d.toISOString().slice(0, 10);
};

async function setUpProject(page: Page, title: string): Promise<void> {
  await createCouncil(page, server.url, 'Bayview Medical Center Council');
  await createTeamFromCouncil(page, 'Emergency Department UBT', 'Emergency medicine');
  await goto(page, server.url, '/improvement');
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Team' }).click();
  await page.getByRole('option', { name: 'Emergency Department UBT' }).click();
  await dialog.getByLabel('Project title').fill(title);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

async function pick(page: Page, combobox: Locator, option: string) {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function addMeasure(page: Page, name: string, options: { kind?: string; valueType?: string; direction?: string } = {}) {
  await page.getByRole('textbox', { name: 'New measure name' }).fill(name);
  if (options.kind) await pick(page, page.getByRole('combobox', { name: 'New measure kind' }), options.kind);
  if (options.valueType) await pick(page, page.getByRole('combobox', { name: 'New measure value type' }), options.valueType);
  if (options.direction) await pick(page, page.getByRole('combobox', { name: 'New measure direction' }), options.direction);
  await page.getByRole('button', { name: 'Add measure' }).click();
  const card = page.getByTestId('measure-card').filter({ hasText: name }).first();
  await card.waitFor();
  return card;
}

/** Paste text into an input the way a spreadsheet copy arrives. */
async function pasteInto(input: Locator, text: string) {
  await input.focus();
  await input.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function chooseFile(page: Page, button: Locator, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(path);
}

async function nextSave(dialogs: ServicesControl, before: number): Promise<string> {
  await expect.poll(() => dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length, { timeout: 30_000 }).toBe(before + 1);
  const call = dialogs.calls.filter((c) => c.service === 'saveFile').at(-1)!;
  expect(call.response).toMatchObject({ status: 'saved' });
  return call.path!;
}

/** Draw an exported PNG in the browser at its own size and screenshot it, to look at it as a viewer would. */
async function lookAtPng(page: Page, path: string, name: string): Promise<{ width: number; height: number }> {
  const data = (await readFile(path)).toString('base64');
  const viewer = await page.context().newPage();
  try {
    await viewer.setContent(`<body style="margin:0;background:#777"><img id="png" src="data:image/png;base64,${data}"></body>`);
    const size = await viewer
      .locator('#png')
      .evaluate((img: HTMLImageElement) => img.decode().then(() => ({ width: img.naturalWidth, height: img.naturalHeight })));
    await viewer.setViewportSize({ width: Math.min(size.width, 2400), height: Math.min(size.height, 4000) });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await viewer.locator('#png').screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
    return size;
  } finally {
    await viewer.close();
  }
}

describe('rim charts', () => {
  it('rim: a P chart from numerators and denominators flags a point outside the limits', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await setUpProject(page, 'Faster first look in the ED');
    const card = await addMeasure(page, 'Patients seen within 30 minutes', { valueType: 'A proportion (x of n)', direction: 'Higher is better' });

    // The definition names the two counts; the grid's columns and the chart follow.
    await card.getByRole('textbox', { name: 'Numerator', exact: true }).fill('Seen in 30 min');
    await card.getByRole('textbox', { name: 'Denominator', exact: true }).fill('Patients seen');
    await card.getByRole('textbox', { name: 'Target' }).fill('90');
    await card.getByRole('textbox', { name: 'Target' }).blur();
    await waitSaved(page);
    await card.getByRole('columnheader', { name: 'Seen in 30 min' }).waitFor();

    // Typed as in a spreadsheet: numerator, Enter, denominator, Enter, and the next week's row.
    await card.getByRole('textbox', { name: 'Date of the new point' }).fill(weekOf(0));
    for (const [seen, total] of SEEN.slice(0, 6)) {
      const numerator = card.getByRole('textbox', { name: 'Seen in 30 min of the new point' });
      await numerator.fill(String(seen));
      await numerator.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Patients seen of the new point');
      await page.keyboard.type(String(total));
      await page.keyboard.press('Enter');
      await expect.poll(() => numerator.inputValue()).toBe('');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Seen in 30 min of the new point');
    }
    await expect.poll(() => card.getByTestId('point-row').count()).toBe(6);
    expect(await card.getByTestId('point-ratio').first().innerText()).toBe(`${Number(((SEEN[0]![0] / SEEN[0]![1]) * 100).toFixed(2))}%`);
    // Under 20 points: a run chart, and the helper says the P chart comes at 20.
    const chart = card.getByTestId('measure-chart').first();
    await chart.and(page.locator('[data-kind="run"]')).waitFor();
    expect(await card.getByTestId('chart-suggestion').innerText()).toMatch(/A run chart for now: with 6 points.*At 20 points, switch to the P chart/);

    // The rest pasted from a spreadsheet: two columns into the numerator cell.
    const rest = SEEN.slice(6)
      .map(([seen, total]) => `${seen}\t${total}`)
      .join('\n');
    await pasteInto(card.getByRole('textbox', { name: 'Seen in 30 min of the new point' }), `${rest}\n`);
    await chart.and(page.locator('[data-points="24"]')).waitFor();

    // 24 points: a P chart with limits per week from each denominator; week 17 is below its lower limit.
    await chart.and(page.locator('[data-kind="p"]')).waitFor();
    expect(await card.getByTestId('chart-suggestion').innerText()).toMatch(/A proportion: .* A P chart, with limits for each period/);
    expect(await chart.getAttribute('data-outside')).toBe('1');
    expect(await chart.locator('[data-role="outside"]').count()).toBe(1);
    const signals = (await card.getByTestId('signal').allInnerTexts()).join('\n');
    expect(signals).toContain('Point 17 is below the lower control limit: a special cause. Look for what was different at that time.');
    expect(await card.getByTestId('chart-legend').innerText()).toMatch(/Control limits \(3 sigma\)[\s\S]*Outside the limits/);
    await chart.scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    await page.setViewportSize({ width: 1366, height: 768 });
    await saveScreenshot(page, 'rim-charts-1-p-chart');

    // A bad count in the grid is refused inline, with the reason, and left off the chart.
    await card.getByRole('button', { name: 'Show all 24 points' }).click();
    const week3 = card.getByRole('textbox', { name: `Seen in 30 min on ${day(weekOf(2))}` });
    await week3.fill('60');
    await week3.press('Enter');
    await card
      .getByTestId('point-problem')
      .filter({ hasText: /The numerator \(60\) is larger than the denominator/ })
      .waitFor();
    await expect
      .poll(async () => (await card.getByTestId('signal').allInnerTexts()).join('\n'))
      .toContain('Point 3 is left out: its numerator is larger than its denominator.');
    await week3.fill(String(SEEN[2]![0]));
    await week3.press('Enter');
    await expect.poll(() => card.getByTestId('point-problem').count()).toBe(0);

    // Exported for a huddle slide: the picture says what it is, whose it is, and what it shows.
    await card.getByRole('button', { name: 'Export the chart of Patients seen within 30 minutes' }).click();
    await page.getByRole('menuitem', { name: 'SVG image' }).click();
    const svgPath = await nextSave(dialogs, 0);
    expect(svgPath).toMatch(/Patients seen within 30 minutes p chart\.svg$/);
    const svg = await readFile(svgPath, 'utf8');
    for (const text of [
      'Patients seen within 30 minutes',
      'P chart (proportions) · in % · Outcome measure · Higher is better',
      'Emergency Department UBT · Faster first look in the ED',
      'Control limits (3 sigma)',
      'Outside the limits',
      'Target 90',
      'Point 17 is below the lower control limit',
      `24 points, ${day(weekOf(0))} to `,
      'Made with Common Ground',
    ])
      expect(svg).toContain(text);
    expect(svg).toMatch(/>UCL \d+</);
    expect(svg).toMatch(/>LCL \d+</);
    expect(svg).toMatch(/>Mean \d+</);
    expect(svg).not.toMatch(/var\(--|class=/);

    await card.getByRole('button', { name: 'Export the chart of Patients seen within 30 minutes' }).click();
    await page.getByRole('menuitem', { name: 'PNG image' }).click();
    const pngPath = await nextSave(dialogs, 1);
    const png = await readFile(pngPath);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // Drawn at twice the picture's size: sharp on a projector.
    const size = await lookAtPng(page, pngPath, 'rim-charts-1-exported-p-chart');
    expect(size.width).toBe(2000);
    expect(size.height).toBeGreaterThan(1200);
    await copyFile(pngPath, join(SCREENSHOT_DIR, 'rim-charts-1-exported-p-chart-file.png'));

    // Copied to the clipboard: a PNG, with the chart in words beside it.
    await card.getByRole('button', { name: 'Export the chart of Patients seen within 30 minutes' }).click();
    await page.getByRole('menuitem', { name: 'Copy to clipboard' }).click();
    await page.getByText('Chart copied: paste it into a slide or a document.').waitFor();
    const clip = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const image = await item!.getType('image/png');
      const head = new Uint8Array(await image.slice(0, 4).arrayBuffer());
      return { types: item!.types, size: image.size, head: Array.from(head), text: await (await item!.getType('text/plain')).text() };
    });
    expect(clip.types).toEqual(expect.arrayContaining(['image/png', 'text/plain']));
    expect(clip.head).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(clip.size).toBeGreaterThan(20_000);
    expect(clip.text).toMatch(/^Patients seen within 30 minutes\nP chart \(proportions\)/);
    expect(clip.text).toContain('- Point 17 is below the lower control limit');
    expect(app.problems).toEqual([]);
  });

  it('rim: import an Excel workbook of numerators and denominators, bad rows reported by line', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpProject(page, 'Faster first look in the ED');
    const card = await addMeasure(page, 'Seen within 30 minutes', { valueType: 'A proportion (x of n)', direction: 'Higher is better' });
    await card.getByRole('textbox', { name: 'Numerator', exact: true }).fill('Seen within 30 min');
    await card.getByRole('textbox', { name: 'Denominator', exact: true }).fill('Patients seen');
    await card.getByRole('textbox', { name: 'Denominator', exact: true }).blur();
    await waitSaved(page);

    // The workbook has the denominator first; the columns are found by the measure's own labels.
    await chooseFile(page, card.getByRole('button', { name: 'Import CSV or Excel' }), unitFixture('seen-within-30-minutes.xlsx'));
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.innerText()).toContain('Imported from seen-within-30-minutes.xlsx');
    expect(await report.innerText()).toContain('4 points added. 2 lines skipped.');
    expect(await report.getByTestId('import-problems').innerText()).toMatch(
      /line 3: the numerator \(402\) is larger than the denominator \(388\)[\s\S]*line 6: the numerator cannot be negative/,
    );
    await saveScreenshot(page, 'rim-charts-2-xlsx-import-report');
    await page.keyboard.press('Escape');
    await expect.poll(() => card.getByTestId('point-row').count()).toBe(4);
    expect(await card.getByRole('textbox', { name: `Seen within 30 min on ${day('2026-03-01')}` }).inputValue()).toBe('322');
    expect(await card.getByRole('textbox', { name: `Patients seen on ${day('2026-03-01')}` }).inputValue()).toBe('405');

    // The old binary .xls: refused with what to do, nothing changed.
    await chooseFile(page, card.getByRole('button', { name: 'Import CSV or Excel' }), unitFixture('minutes-to-first-dose.xls'));
    await page.getByTestId('import-rejected').waitFor();
    expect(await page.getByTestId('import-rejected').innerText()).toMatch(/old Excel file \(\.xls\)[\s\S]*Save it as \.xlsx/);
    await page.keyboard.press('Escape');
    expect(await card.getByTestId('point-row').count()).toBe(4);
    expect(app.problems).toEqual([]);
  });

  it('rim: unfreezing a baseline asks first and can be undone; notes and a shared time axis across the project’s charts', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpProject(page, 'Faster first look in the ED');
    const waits = await addMeasure(page, 'Minutes to first look', { direction: 'Lower is better' });
    await waits.getByRole('textbox', { name: 'Unit', exact: true }).fill('minutes');
    await waits.getByRole('textbox', { name: 'Unit', exact: true }).blur();
    const values = [42, 38, 45, 40, 39, 44, 41, 43, 40, 42, 39, 41, 30, 28, 31, 27, 29, 26, 28, 25, 27, 26, 24, 25];
    await waits.getByRole('textbox', { name: 'Date of the new point' }).fill(weekOf(0));
    await pasteInto(waits.getByRole('textbox', { name: 'Value of the new point' }), values.join('\n'));
    await waits.getByTestId('measure-chart').first().and(page.locator('[data-kind="i"]')).waitFor();
    const left = await addMeasure(page, 'Left without being seen', { kind: 'Balancing', valueType: 'A count of events', direction: 'Lower is better' });
    await left.getByRole('textbox', { name: 'Date of the new point' }).fill(weekOf(12));
    await pasteInto(left.getByRole('textbox', { name: 'Value of the new point' }), [3, 4, 2, 5, 3, 4, 3, 2].join('\n'));
    await left.getByTestId('measure-chart').first().and(page.locator('[data-points="8"]')).waitFor();

    // Freeze the first 12 weeks: the limits stay there, drawn solid, and dashed past them.
    await waits.getByRole('button', { name: 'Freeze baseline' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Points in the baseline').fill('12');
    await dialog.getByLabel('Why freeze here?').fill('Twelve weeks before the triage nurse role');
    await dialog.getByRole('button', { name: 'Freeze baseline' }).click();
    await dialog.waitFor({ state: 'detached' });
    const chart = waits.getByTestId('measure-chart').first();
    await waits.getByText(/^Mean \d+(\.\d)?, frozen on the first 12 points$/).waitFor();
    // The centre line and both limits: solid over the baseline, dashed past it.
    expect(await chart.locator('[data-role$="-extension"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-role')).sort())).toEqual([
      'centre-extension',
      'lcl-extension',
      'ucl-extension',
    ]);
    expect(await chart.locator('[data-role="centre-baseline"]').count()).toBe(1);
    expect(await waits.getByTestId('chart-legend').innerText()).toContain('Extended past the frozen baseline');

    // Unfreezing asks first, saying what is kept.
    await waits.getByRole('button', { name: 'Unfreeze baseline' }).click();
    expect(await dialog.innerText()).toMatch(
      /the first 12 points, frozen on .* because “Twelve weeks before the triage nurse role”, stays in the measure’s history, and Undo puts it back/,
    );
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await waits.getByRole('button', { name: 'Unfreeze baseline' }).waitFor();
    await waits.getByRole('button', { name: 'Unfreeze baseline' }).click();
    await dialog.getByRole('button', { name: 'Unfreeze baseline' }).click();
    await waits.getByRole('button', { name: 'Freeze baseline' }).waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await waits.getByText(/^Mean \d+(\.\d)?, frozen on the first 12 points$/).waitFor();
    await expect
      .poll(() => waits.getByTestId('history-entry').allInnerTexts())
      .toEqual([
        expect.stringMatching(/baseline frozen on the first 12 points \(Twelve weeks before the triage nurse role\)$/),
        expect.stringMatching(/baseline on the first 12 points \(Twelve weeks before the triage nurse role\) unfrozen$/),
        expect.stringMatching(/unfreeze undone: baseline on the first 12 points \(Twelve weeks before the triage nurse role\) frozen again$/),
      ]);

    // A chart note for every chart of the project, drawn beside the data at its date.
    const notes = page.getByTestId('chart-notes');
    await notes.getByRole('textbox', { name: 'Date of the new note' }).fill(weekOf(15));
    await notes.getByRole('textbox', { name: 'New chart note' }).fill('EHR go-live');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await notes.getByTestId('chart-note').waitFor();
    await expect.poll(() => page.locator('[data-testid="measure-chart"][data-notes="1"]').count()).toBe(2);
    expect(await waits.getByTestId('chart-note-mark').innerText()).toBe(`Note 1, ${day(weekOf(15))}: EHR go-live`);

    // Several measures on one page, grouped by kind, on one time axis when asked.
    expect(await page.getByTestId('measure-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['outcome', 'balancing']);
    const domains = () => page.locator('[data-testid="measure-chart"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-domain')));
    expect(new Set(await domains()).size).toBeGreaterThan(1);
    await page.getByRole('switch', { name: 'Same time axis for all charts' }).check({ force: true });
    await expect.poll(async () => new Set(await domains())).toEqual(new Set([`${weekOf(0)}/${weekOf(23)}`]));
    await page.getByText('Charts only').click();
    await expect.poll(() => page.getByTestId('point-row').count()).toBe(0);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId('measure-group').first().scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    await saveScreenshot(page, 'rim-charts-3-charts-only-shared-axis');
    await page.getByTestId('measure-group').last().scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5);
    await saveScreenshot(page, 'rim-charts-3-charts-only-balancing');

    // The same project in Spanish (Settings -> Language) at laptop size: the partnership's words, no English left.
    const projectRoute = new URL(page.url()).hash.slice(1);
    await goto(page, server.url, '/settings');
    await page.getByText('Español', { exact: true }).click();
    await page.goto(`${server.url}#${projectRoute}`);
    await page.getByText('Datos y gráficos', { exact: true }).click();
    await page.getByTestId('point-row').first().waitFor();
    // Group headings are upper-cased by CSS: compare without case.
    const spanish = (await page.locator('main').innerText()).toLowerCase();
    for (const words of ['Medidas de resultado', 'Medidas de equilibrio', 'Ciclos PDSA', 'Notas de los gráficos', 'línea de base'])
      expect(spanish).toContain(words.toLowerCase());
    for (const english of ['Measures', 'Outcome measures', 'PDSA cycles', 'Chart notes', 'Export chart', 'Baseline', 'Centre line', 'Add note', 'Paste data'])
      expect(spanish).not.toContain(english.toLowerCase());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(5, 5);
    await saveScreenshot(page, 'rim-es-project-page');
    await page.getByTestId('measure-card').first().scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'rim-es-measure');
    expect(app.problems).toEqual([]);
  });
});
