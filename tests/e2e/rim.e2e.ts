import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatDate } from '@shared/i18n/format';
import { launchApp } from './support/browser';
import { pdfText, renderPdfPages } from './support/documents';
import { exposeServices, type ServicesControl } from './support/services';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { addMember, createCouncil, createPerson, createTeamFromCouncil, goto, planMeeting, waitSaved } from './flows/ui';

const server = useAppServer();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
/** A calendar date as the English screens print it (\"Mar 2, 2026\"), for accessible names and marks. */
const day = (iso: string) => formatDate(iso, 'en');

const SPONSOR = { name: 'Odessa Kwan', side: 'Management' as const };
const AIM = 'Reduce falls per 1,000 patient days on 5 North from 6 to 3 by June 30, 2027';
// Twelve baseline weeks around 6, then eight weeks below: a shift the rules must find.
const VALUES = [6, 7, 5, 6, 8, 5, 7, 6, 5, 7, 6, 8, 4, 3, 4, 3, 2, 3, 4, 3];

/** Waits for the save "dialog" to have written one more file; returns its path. */
async function nextSave(dialogs: ServicesControl, before: number): Promise<string> {
  await expect.poll(() => dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length, { timeout: 30_000 }).toBe(before + 1);
  const call = dialogs.calls.filter((c) => c.service === 'saveFile').at(-1)!;
  expect(call.response).toMatchObject({ status: 'saved' });
  return call.path!;
}

const texts = async (page: Page, testId: string) => (await page.getByTestId(testId).allInnerTexts()).map((t) => t.trim());

/** A council, a team with a sponsor on it, and a new project on the team; ends on the project page. */
async function setUpProject(page: Page, title: string): Promise<void> {
  await createPerson(page, server.url, SPONSOR);
  await createCouncil(page, server.url, 'Bayview Medical Center Council');
  await createTeamFromCouncil(page, '5 North Med-Surg UBT', 'Medical-surgical nursing');
  await addMember(page, SPONSOR.name);
  await goto(page, server.url, '/improvement');
  await page.getByText('No improvement projects yet').waitFor();
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Team' }).click();
  await page.getByRole('option', { name: '5 North Med-Surg UBT' }).click();
  await dialog.getByLabel('Project title').fill(title);
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}

async function addMeasure(page: Page, name: string, direction: 'Higher is better' | 'Lower is better') {
  await page.getByRole('textbox', { name: 'New measure name' }).fill(name);
  await page.getByRole('combobox', { name: 'New measure direction' }).click();
  await page.getByRole('option', { name: direction }).click();
  await page.getByRole('button', { name: 'Add measure' }).click();
  await page.getByTestId('measure-card').filter({ hasText: name }).waitFor();
}

/** Paste text into an input the way a spreadsheet copy arrives: a paste event with text/plain. */
async function pasteInto(page: Page, selector: ReturnType<Page['getByRole']>, text: string) {
  await selector.focus();
  await selector.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The browser's file picker (web mode's open dialog): click, then choose the file. */
async function chooseFile(page: Page, button: ReturnType<Page['getByRole']>, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await button.click();
  await (await chooser).setFiles(path);
}

async function pasteColumn(page: Page, values: readonly (number | string)[], startDate: string) {
  await page.getByRole('button', { name: 'Paste data' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Pasted data').fill(values.join('\n'));
  await dialog.getByLabel('Date of the first value').fill(startDate);
  await dialog.getByTestId('paste-ready').waitFor();
  await dialog.getByRole('button', { name: /^Add \d+ points?$/ }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

describe('rim', () => {
  it('rim: create a project with a SMART aim, measures and data, and read the run chart signals', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpProject(page, 'Fewer falls on 5 North');

    // The live SMART check says which part is missing as the aim is typed.
    const aim = page.getByTestId('project-aim');
    await aim.fill('Reduce falls per 1,000 patient days on 5 North from 6 to 3');
    const check = page.getByTestId('aim-check');
    await check.and(page.locator('[data-smart="false"]')).waitFor();
    expect(await check.locator('[data-part="targetDate"]').innerText()).toMatch(/Add a target date: by when\?/);
    expect(await check.locator('[data-part="measure"]').getAttribute('data-present')).toBe('true');
    // Staffing is out of RIM scope: the warning says where it goes instead.
    await aim.fill('Increase staffing levels to 2 more FTEs by March 2027');
    await page.getByTestId('scope-warning').waitFor();
    expect(await page.getByTestId('scope-warning').innerText()).toMatch(/outside the scope of a RIM project[\s\S]*partnership council/);
    await aim.fill(AIM);
    await check.and(page.locator('[data-smart="true"]')).waitFor();
    expect(await page.getByTestId('scope-warning').count()).toBe(0);
    expect(await check.locator('[data-part="targetDate"]').innerText()).toContain('June 30, 2027');
    // Stored on click; the box shows the stored value once the write commits.
    await page.getByRole('checkbox', { name: 'Best quality' }).click();
    await expect.poll(() => page.getByRole('checkbox', { name: 'Best quality' }).isChecked()).toBe(true);
    await page.getByRole('combobox', { name: 'Sponsor' }).click();
    await page.getByRole('option', { name: SPONSOR.name }).click();
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Testing changes' }).click();
    await waitSaved(page);

    // Two measures: the outcome, and a balancing one left without data.
    await addMeasure(page, 'Falls per 1,000 patient days', 'Lower is better');
    await addMeasure(page, 'Patients restrained', 'Lower is better');
    const falls = page.getByTestId('measure-card').filter({ hasText: 'Falls per 1,000 patient days' }).first();
    await falls.getByRole('textbox', { name: 'Target' }).fill('3');
    await falls.getByRole('textbox', { name: 'Unit' }).fill('/1k');
    await falls.getByRole('textbox', { name: 'Target' }).blur();
    await waitSaved(page);
    expect(await page.getByTestId('measure-card').nth(1).innerText()).toMatch(/No data yet/);

    // Fast entry: type a value, Enter, and the next week's row is ready.
    await falls.getByRole('textbox', { name: 'Date of the new point' }).fill('2026-01-05');
    for (const v of VALUES) {
      const input = falls.getByRole('textbox', { name: 'Value of the new point' });
      await input.fill(String(v));
      await input.press('Enter');
      await expect.poll(() => input.inputValue()).toBe('');
    }
    // The grid shows the latest points being entered; the rest are a click away.
    await expect.poll(() => falls.getByTestId('point-row').count()).toBe(12);
    expect(await falls.getByRole('textbox', { name: `Value on ${day('2026-05-18')}` }).inputValue()).toBe('3');
    await falls.getByRole('button', { name: `Show all ${VALUES.length} points` }).click();
    await expect.poll(() => falls.getByTestId('point-row').count()).toBe(VALUES.length);
    // Enter in the grid moves down; a typo is refused with a message and nothing is stored.
    await falls.getByRole('textbox', { name: `Value on ${day('2026-01-05')}` }).fill('six');
    await falls.getByRole('textbox', { name: `Value on ${day('2026-01-05')}` }).press('Enter');
    await falls.getByText('“six” is not a number').waitFor();
    await falls.getByRole('textbox', { name: `Value on ${day('2026-01-05')}` }).fill('6');
    await falls.getByRole('textbox', { name: `Value on ${day('2026-01-05')}` }).press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Value on ${day('2026-01-12')}`);

    // With 20 points the chart-choice helper moves a measurement to an I chart, and says why.
    const chart = falls.getByTestId('measure-chart');
    await chart.and(page.locator('[data-kind="i"]')).waitFor();
    expect(await falls.getByTestId('chart-suggestion').innerText()).toMatch(/A measurement on a scale .*: an I chart/);
    expect(await falls.getByText('MR chart (moving ranges)').count()).toBe(1);
    // The team reads the run chart first: chosen in the picker, kept with the measure.
    await falls.getByRole('combobox', { name: 'Chart for Falls per 1,000 patient days' }).click();
    await page.getByRole('option', { name: 'Run chart' }).click();
    await chart.and(page.locator('[data-kind="run"]')).waitFor();
    await chart.locator('[data-role="values"]').waitFor();
    expect(await chart.getAttribute('data-points')).toBe(String(VALUES.length));
    expect(await falls.getByTestId('chart-suggestion').innerText()).toMatch(/^Suggested for this data: I chart\./);
    // The median of all 20 points (5) is dragged down by the improvement: the baseline weeks read as the run.
    const signals = (await texts(page, 'signal')).join('\n');
    expect(signals).toMatch(/9 points in a row above the median \(points 1 to 12\): a shift/);
    expect(signals).toMatch(/The line crosses the median only 1 time/);
    expect(await chart.locator('[data-role="target"]').count()).toBe(1);
    expect(await chart.locator('[data-role="line-label"]').allTextContents()).toEqual(['Median 5', 'Target 3']);

    // Freeze the baseline on the first 12 weeks: a reason is required.
    await falls.getByRole('button', { name: 'Freeze baseline' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Points in the baseline').fill('12');
    await dialog.getByRole('button', { name: 'Freeze baseline' }).click();
    await dialog.getByText('Say why the baseline is frozen.').waitFor();
    await dialog.getByLabel('Why freeze here?').fill('Twelve weeks before the first test of change');
    await dialog.getByRole('button', { name: 'Freeze baseline' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await falls.getByText(/Median 6, frozen on the first 12 points/).waitFor();
    // Against the frozen baseline median the improvement itself is the shift.
    expect((await texts(page, 'signal')).join('\n')).toMatch(/8 points in a row below the median \(points 13 to 20\): a shift/);
    await chart.scrollIntoViewIfNeeded();
    await page.mouse.move(5, 5); // no tooltip in the picture
    await saveScreenshot(page, 'rim-1-run-chart-signals');

    // The Improvement page: the project under its team, Value Compass coverage.
    await goto(page, server.url, '/improvement');
    const row = page.getByTestId('project-row').filter({ hasText: 'Fewer falls on 5 North' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Testing changes/);
    expect(await page.getByTestId('stale-flag').count()).toBe(0);
    expect(await page.getByTestId('value-compass-coverage').locator('[data-covered="true"]').allTextContents()).toEqual(['Best quality · 1']);
    await saveScreenshot(page, 'rim-1-improvement-page');
    expect(app.problems).toEqual([]);
  });

  it('rim: run a PDSA cycle from plan to adopt and see it on the chart', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    await setUpProject(page, 'Safer nights on 5 North');
    await addMeasure(page, 'Falls per 1,000 patient days', 'Lower is better');
    await pasteColumn(page, VALUES, '2026-01-05');
    await page
      .getByTestId('point-row')
      .nth(11) // the grid shows the latest 12 points
      .waitFor();
    await page.getByRole('textbox', { name: 'New change idea' }).fill('Bed alarms on for every high-risk patient');
    await page.getByRole('textbox', { name: 'New change idea' }).press('Enter');
    await page.getByTestId('change-idea').waitFor();

    await page.getByRole('button', { name: 'New PDSA cycle' }).click();
    const cycle = page.getByTestId('pdsa-cycle');
    await cycle.and(page.locator('[data-stage="plan"]')).waitFor();
    await cycle.getByRole('textbox', { name: 'Cycle title' }).fill('Bed alarms on nights');
    await cycle.getByRole('combobox', { name: 'Change idea tested' }).click();
    await page.getByRole('option', { name: 'Bed alarms on for every high-risk patient' }).click();
    expect(await cycle.getByRole('checkbox', { name: 'Falls per 1,000 patient days' }).isChecked()).toBe(true);
    // No Do without a prediction.
    await cycle.getByTestId('pdsa-objective').fill('Test bed alarms for high-risk patients on one night shift');
    await cycle.getByRole('button', { name: 'Start the test (Do)' }).click();
    await cycle.getByTestId('stage-problems').waitFor();
    expect(await cycle.getByTestId('stage-problems').innerText()).toMatch(/Write a prediction before the test/);
    expect(await page.getByTestId('save-indicator').getAttribute('data-state')).not.toBe('error'); // a refusal is not a failed save
    await saveScreenshot(page, 'rim-2-pdsa-no-do-without-prediction');
    await cycle.getByTestId('pdsa-prediction').fill('No falls among high-risk patients on that shift');
    await cycle.getByTestId('pdsa-dataCollection').fill('Charge nurse tallies alarms and falls');
    await waitSaved(page);
    await cycle.getByRole('button', { name: 'Start the test (Do)' }).click();
    await cycle.and(page.locator('[data-stage="do"]')).waitFor();

    await cycle.getByRole('radio', { name: 'Yes' }).click();
    await expect.poll(() => cycle.getByRole('radio', { name: 'Yes' }).isChecked()).toBe(true);
    await cycle.getByRole('textbox', { name: 'Carried out on' }).fill('2026-03-30');
    await cycle.getByTestId('pdsa-observations').fill('Two alarms were silenced by visitors; no falls');
    await waitSaved(page);
    await cycle.getByRole('button', { name: 'Study the results' }).click();
    await cycle.and(page.locator('[data-stage="study"]')).waitFor();
    await cycle.getByTestId('pdsa-results').fill('No falls, as predicted; alarm fatigue is a risk');
    await waitSaved(page);
    await cycle.getByRole('button', { name: 'Decide (Act)' }).click();
    await cycle.and(page.locator('[data-stage="act"]')).waitFor();
    // Adapt needs a next step; then the next cycle starts pre-filled from it.
    await cycle.getByText('Adapt', { exact: true }).click();
    await cycle.getByRole('button', { name: 'Close the cycle' }).click();
    expect(await cycle.getByTestId('stage-problems').innerText()).toMatch(/Say what will change for the next test cycle/);
    await cycle.getByTestId('pdsa-nextStep').fill('Add a visitor sign at each door explaining the alarm');
    await waitSaved(page);
    await cycle.getByRole('button', { name: 'Close the cycle' }).click();
    await cycle.and(page.locator('[data-stage="done"]')).waitFor();
    await saveScreenshot(page, 'rim-2-pdsa-cycle-adapted');
    await cycle.getByRole('button', { name: 'Start the next cycle' }).click();

    const second = page.locator('[data-testid="pdsa-cycle"][data-number="2"]');
    await second.waitFor();
    expect(await second.getByTestId('pdsa-what').inputValue()).toBe('Add a visitor sign at each door explaining the alarm');
    expect(await second.getByTestId('pdsa-objective').inputValue()).toBe('Test bed alarms for high-risk patients on one night shift');
    expect(await second.getByTestId('pdsa-prediction').inputValue()).toBe('');
    // Straight from typing to the button: what was typed is saved before the rule is checked.
    await second.getByTestId('pdsa-prediction').fill('Fewer silenced alarms and still no falls');
    await second.getByRole('button', { name: 'Start the test (Do)' }).click();
    await second.and(page.locator('[data-stage="do"]')).waitFor();
    await second.getByRole('radio', { name: 'Yes' }).click();
    await second.getByRole('textbox', { name: 'Carried out on' }).fill('2026-04-20');
    await second.getByTestId('pdsa-observations').fill('No alarms silenced; families read the sign');
    await waitSaved(page);
    await second.getByRole('button', { name: 'Study the results' }).click();
    await second.getByTestId('pdsa-results').fill('No falls for three weeks');
    await waitSaved(page);
    await second.getByRole('button', { name: 'Decide (Act)' }).click();
    await second.getByText('Adopt', { exact: true }).click();
    await second.getByTestId('pdsa-nextStep').fill('Roll out to all shifts; audit monthly');
    await waitSaved(page);
    await second.getByRole('button', { name: 'Close the cycle' }).click();
    await second.and(page.locator('[data-stage="done"]')).waitFor();
    expect(await page.getByRole('tab').allInnerTexts()).toEqual(['Cycle 1 · Done', 'Cycle 2 · Done']);
    await second.getByTestId('pdsa-act').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'rim-2-pdsa-cycle-adopted');

    // Both cycles are drawn on the measure's chart at their dates.
    const chart = page.getByTestId('measure-chart').first();
    await chart.and(page.locator('[data-annotations="2"]')).waitFor();
    const svgText = await chart.locator('svg').first().textContent();
    expect(svgText).toContain('PDSA 1');
    expect(svgText).toContain('PDSA 2');
    expect(await texts(page, 'chart-annotation')).toEqual([
      `PDSA 1: Bed alarms on nights (adapt), ${day('2026-03-30')}`,
      `PDSA 2: Bed alarms on nights (adopt), ${day('2026-04-20')}`,
    ]);
    await chart.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'rim-2-run-chart-with-cycles');

    // The chart as files for slides and print: PNG and a standalone SVG (no CSS variables left).
    await page.getByRole('button', { name: 'Export the chart of Falls per 1,000 patient days' }).click();
    await page.getByRole('menuitem', { name: 'PNG image' }).click();
    const png = await readFile(await nextSave(dialogs, 0));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.length).toBeGreaterThan(5_000);
    await page.getByRole('button', { name: 'Export the chart of Falls per 1,000 patient days' }).click();
    await page.getByRole('menuitem', { name: 'SVG image' }).click();
    const svg = await readFile(await nextSave(dialogs, 1), 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('PDSA 2');
    expect(svg).not.toContain('var(--');

    // The printable PDSA worksheet of cycle 2, read back from the PDF.
    await second.getByRole('button', { name: 'Worksheet' }).click();
    await page.getByRole('menuitem', { name: 'PDF worksheet' }).click();
    const worksheetPath = await nextSave(dialogs, 2);
    const worksheet = (await pdfText(worksheetPath)).replace(/\s+/g, ' ');
    for (const text of [
      'PDSA cycle 2: Bed alarms on nights',
      'Safer nights on 5 North',
      'Fewer silenced alarms and still no falls',
      'No falls for three weeks',
      'Decision Adopt',
      'Roll out to all shifts; audit monthly',
    ])
      expect(worksheet).toContain(text);
    await renderPdfPages(worksheetPath, 'rim-2-pdsa-worksheet', 1);

    // Reviewed at a team meeting: the cycle and its run chart go into that meeting's minutes.
    await page.getByRole('link', { name: '5 North Med-Surg UBT' }).click();
    const meetingUrl = await planMeeting(page, { title: 'April UBT meeting', startsAt: '2026-04-21T09:00', agendaTitle: '' });
    await goto(page, server.url, '/improvement');
    await page.getByRole('link', { name: 'Safer nights on 5 North' }).click();
    await page.getByRole('tab', { name: 'Cycle 2 · Done' }).click();
    await page.getByRole('combobox', { name: 'Reviewed at meeting' }).click();
    await page.getByRole('option', { name: /April UBT meeting/ }).click();
    await waitSaved(page);
    await page.goto(`${meetingUrl}/minutes`);
    const minutes = page.frameLocator('[data-testid="minutes-preview"]').locator('body');
    await expect.poll(() => minutes.innerText()).toContain('Improvement work reviewed');
    const minutesText = await minutes.innerText();
    for (const text of [
      'Safer nights on 5 North',
      'Cycle 2: Bed alarms on nights',
      'Prediction',
      'Fewer silenced alarms and still no falls',
      'Falls per 1,000 patient days',
    ])
      expect(minutesText).toContain(text);
    expect(await minutes.locator('img[alt^="Run chart of Falls per 1,000 patient days"]').count()).toBe(1);
    await minutes.locator('img').first().scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'rim-2-minutes-with-run-chart');

    // The team's progress counts both completed cycles.
    await goto(page, server.url, '/improvement');
    await page.getByTestId('team-cycles').filter({ hasText: '2 PDSA cycles completed' }).waitFor();
    expect(await page.getByTestId('project-row').innerText()).toMatch(/Safer nights on 5 North\s+Planning\s+2/);
    expect(app.problems).toEqual([]);
  });

  it('rim: paste a column of data from a spreadsheet', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await setUpProject(page, 'Discharge before noon');
    await addMeasure(page, 'Discharges before noon', 'Higher is better');
    const card = page.getByTestId('measure-card');

    // Paste a copied spreadsheet column into the grid: a header, a blank cell (missing point) and a typo.
    await card.getByRole('textbox', { name: 'Date of the new point' }).fill('2026-02-02');
    await pasteInto(page, card.getByRole('textbox', { name: 'Value of the new point' }), 'Discharges before noon\n41%\n38%\n\n4o%\n44%\n47%\n');
    await expect.poll(() => card.getByTestId('point-row').count()).toBe(5);
    expect(await texts(page, 'import-problems')).toEqual([expect.stringMatching(/line 5: .*4o%.*not a number/i)]);
    const values = await Promise.all((await card.getByTestId('point-row').all()).map((r) => r.getByRole('textbox').nth(1).inputValue()));
    expect(values).toEqual(['41', '38', '', '44', '47']);
    expect(await card.getByRole('textbox', { name: `Value on ${day('2026-02-23')}` }).count()).toBe(0); // the bad line's week stays empty
    expect(await card.getByRole('textbox', { name: `Value on ${day('2026-03-02')}` }).inputValue()).toBe('44');

    // The Paste data box: two columns (date and value) with a header; the report is shown before adding.
    await card.getByRole('button', { name: 'Paste data' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Pasted data').fill('Week\tDischarges\n3/16/2026\t49\n3/23/2026\tn/a\n3/30/2026\t52\nApril\t50');
    await dialog.getByTestId('paste-ready').waitFor();
    expect(await dialog.getByTestId('paste-ready').innerText()).toBe(`3 points ready, from ${day('2026-03-16')} to ${day('2026-03-30')}.`);
    expect(await dialog.getByTestId('import-problems').innerText()).toMatch(/line 5: .*April/);
    await saveScreenshot(page, 'rim-3-paste-data-box');
    await dialog.getByRole('button', { name: 'Add 3 points' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => card.getByTestId('point-row').count()).toBe(8);
    expect(await card.getByRole('textbox', { name: `Value on ${day('2026-03-30')}` }).inputValue()).toBe('52');

    // Nothing pasted, or dates without values: a clear message and no points.
    await card.getByRole('button', { name: 'Paste data' }).click();
    await dialog.getByLabel('Pasted data').fill('3/16/2026\n3/23/2026');
    expect(await dialog.getByTestId('paste-rejected').innerText()).toMatch(/dates but no values/);
    expect(await dialog.getByRole('button', { name: 'Add 0 points' }).isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await card.getByTestId('point-row').count()).toBe(8);
    await expect.poll(() => card.getByTestId('measure-chart').getAttribute('data-points')).toBe('8');
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'rim-3-pasted-column');

    // A CSV file: good rows land, bad rows are reported by line; a file that is not CSV changes nothing.
    await chooseFile(page, card.getByRole('button', { name: 'Import CSV or Excel' }), fixture('discharges-weekly.csv'));
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.innerText()).toContain('3 points added. 2 lines skipped.');
    expect(await report.getByTestId('import-problems').innerText()).toMatch(/line 4: .*2026-02-30.*not a date[\s\S]*line 5: .*abc.*not a number/i);
    await page.keyboard.press('Escape');
    await expect.poll(() => card.getByTestId('point-row').count()).toBe(11);
    expect(await card.getByRole('textbox', { name: `Value on ${day('2026-04-27')}` }).inputValue()).toBe('60');
    await chooseFile(page, card.getByRole('button', { name: 'Import CSV or Excel' }), fixture('not-a-roster.xlsx'));
    await page.getByTestId('import-rejected').waitFor();
    expect(await page.getByTestId('import-rejected').innerText()).toMatch(/could not be read: it may be damaged/);
    await page.keyboard.press('Escape');
    expect(await card.getByTestId('point-row').count()).toBe(11);
    expect(app.problems).toEqual([]);
  });
});
