import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchApp } from './support/browser';
import { docxToPdf, pdfText, renderPdfPages } from './support/documents';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { exposeServices, type ServicesControl } from './support/services';
import { capture, setUpTeamMeeting, waitSaved } from './flows/ui';

const server = useAppServer();

const OBJECTIVE = 'Agree how lunch coverage works over the holidays';
const ACTION = 'Draft the two-wave lunch schedule';
const PARKED = 'Parking garage lighting after 7 pm';

/** Choose a pre-read format and wait for the file the "dialog" saved. */
async function exportPreRead(page: Page, dialogs: ServicesControl, format: 'pdf' | 'docx' | 'txt'): Promise<string> {
  const before = dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length;
  await page.getByTestId('export-preread').click();
  await page.getByTestId(`preread-${format}`).click();
  await expect.poll(() => dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length, { timeout: 30_000 }).toBe(before + 1);
  const call = dialogs.calls.filter((c) => c.service === 'saveFile').at(-1)!;
  expect(call.response).toMatchObject({ status: 'saved' });
  return call.path!;
}

/** Pick an option of a labelled Mantine select. */
async function choose(page: Page, scope: ReturnType<Page['getByRole']> | Page, label: string, option: string | RegExp) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

describe('templates', () => {
  it('templates: a recurring monthly meeting starts from its template with carried-forward items', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();

    // Last month's meeting: objective, facilitator, an IBPS item with a presenter and a time box,
    // and what it left open: an action item and a parking-lot topic.
    await setUpTeamMeeting(page, server.url, { title: 'Pharmacy monthly UBT meeting', startsAt: '2026-11-10T09:00' });
    await page.getByTestId('meeting-objective').fill(OBJECTIVE);
    await page.getByLabel('Agenda item 1 presenter', { exact: true }).fill('Ana Torres');
    await page.getByRole('textbox', { name: 'Agenda item 1 minutes' }).fill('40');
    await choose(page, page, 'Facilitator', /Ben Okafor/);
    await capture(page, 'capture-action', [ACTION]);
    await page.getByRole('combobox', { name: `Owner of ${ACTION}` }).click();
    await page.getByRole('option', { name: 'Grace Liu' }).click();
    await page.getByRole('textbox', { name: 'Park a topic' }).fill(PARKED);
    await page.getByRole('textbox', { name: 'Park a topic' }).press('Enter');
    await page.getByTestId('parking-row').filter({ hasText: PARKED }).waitFor();
    await waitSaved(page);

    // Saved as a template of the team.
    await page.getByTestId('save-template').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Template name' }).fill('Monthly pharmacy UBT');
    await dialog.getByRole('button', { name: 'Save template' }).click();
    await dialog.waitFor({ state: 'detached' });

    // On the team page it becomes a series: second Tuesday of every month at 9:30.
    await page.getByRole('link', { name: 'Pharmacy UBT' }).click();
    const row = page.getByTestId('template-row').filter({ has: page.locator('input[value="Monthly pharmacy UBT"]') });
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain('Lunch coverage');
    await expect.poll(() => row.getByTestId('template-recurrence').innerText()).toBe('Does not repeat');
    await row.getByTestId('template-repeat').click();
    const repeat = page.getByRole('dialog');
    await repeat.getByText('Monthly, on a weekday').click();
    await choose(page, repeat, 'Which one', 'Second');
    await choose(page, repeat, 'Weekday', 'Tuesday');
    await repeat.getByLabel('Time').fill('09:30');
    await saveScreenshot(page, 'templates-repeat-dialog');
    await repeat.getByRole('button', { name: 'Save' }).click();
    await repeat.waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('template-recurrence').innerText()).toBe('Second Tuesday of every month at 9:30 AM');
    await row.getByTestId('template-next').waitFor();
    await page.setViewportSize({ width: 1366, height: 768 });
    await row.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'templates-team-page');

    // The next meeting of the series: on a second Tuesday after today, with the template's
    // agenda, roles and objective, and what the last meeting left open carried forward.
    await row.getByTestId('template-start-next').click();
    await page.getByTestId('meeting-title').waitFor();
    expect(await page.getByTestId('meeting-title').inputValue()).toBe('Pharmacy monthly UBT meeting');
    const startsAt = await page.getByLabel('Date and time').inputValue();
    expect(startsAt).toMatch(/^\d{4}-\d{2}-(0[89]|1[0-4])T09:30$/);
    const [y, m, d] = startsAt.slice(0, 10).split('-').map(Number) as [number, number, number];
    expect(new Date(Date.UTC(y, m - 1, d)).getUTCDay()).toBe(2);
    const todayInPage = await page.evaluate(() => {
      const n = new Date();
      return `${n.getFullYear()}-${String(n.getMonth() + 1).padStart(2, '0')}-${String(n.getDate()).padStart(2, '0')}T${String(n.getHours()).padStart(2, '0')}:${String(n.getMinutes()).padStart(2, '0')}`;
    });
    expect(startsAt > todayInPage).toBe(true);
    expect(await page.getByTestId('meeting-objective').inputValue()).toBe(OBJECTIVE);
    expect(await page.getByRole('combobox', { name: 'Facilitator', exact: true }).inputValue()).toBe('Ben Okafor');
    expect(await page.getByRole('textbox', { name: 'Agenda item 1 title' }).inputValue()).toBe('Lunch coverage');
    expect(await page.getByLabel('Agenda item 1 presenter', { exact: true }).inputValue()).toBe('Ana Torres');
    expect(await page.getByRole('textbox', { name: 'Agenda item 1 minutes' }).inputValue()).toBe('40');
    expect(await page.getByRole('combobox', { name: 'Agenda item 1 type' }).inputValue()).toBe('IBPS');
    const carried = page.getByTestId('carried-forward');
    await carried.getByTestId('carried-action').filter({ hasText: ACTION }).waitFor();
    await carried.getByTestId('carried-parking').filter({ hasText: PARKED }).waitFor();
    // The new meeting's own record starts empty: nothing was copied into it.
    expect(await page.getByTestId('action-row').count()).toBe(0);

    await page.getByTestId('export-preread').click();
    await page.getByTestId('preread-docx').waitFor();
    await saveScreenshot(page, 'templates-preread-menu');
    await page.keyboard.press('Escape');

    // The pre-read, read back by the tools people open it with.
    const text = await readFile(await exportPreRead(page, dialogs, 'txt'), 'utf8');
    for (const words of [
      'Agenda: Pharmacy monthly UBT meeting',
      'Council or team: Pharmacy UBT',
      OBJECTIVE,
      'Facilitator: Ben Okafor',
      'Item: Lunch coverage',
      'Presenter: Ana Torres',
      'Length: 40 min',
      `- ${ACTION}\n    Owner: Grace Liu`,
      PARKED,
    ])
      expect(text).toContain(words);
    expect(text).toContain('- 9:30 AM\n    Item: Lunch coverage\n    Type: IBPS');

    const pdfPath = await exportPreRead(page, dialogs, 'pdf');
    const pdf = (await pdfText(pdfPath)).replace(/\s+/g, ' ');
    for (const words of [
      'Agenda: Pharmacy monthly UBT meeting',
      OBJECTIVE,
      'Lunch coverage',
      'Ana Torres',
      'Ben Okafor',
      ACTION,
      'Grace Liu',
      PARKED,
      'Open action items carried forward',
      'Parking-lot topics carried forward',
    ])
      expect(pdf).toContain(words);
    await renderPdfPages(pdfPath, 'templates-preread-pdf', 1);

    const docxPath = await exportPreRead(page, dialogs, 'docx');
    const xml = strFromU8(unzipSync(new Uint8Array(await readFile(docxPath)))['word/document.xml']!);
    for (const words of [OBJECTIVE, 'Lunch coverage', 'Ana Torres', ACTION, PARKED, 'AGENDA PRE-READ']) expect(xml).toContain(words);
    const word = (await pdfText(await docxToPdf(docxPath))).replace(/\s+/g, ' ');
    for (const words of [OBJECTIVE, ACTION, PARKED, 'Grace Liu']) expect(word).toContain(words);

    // A built-in template: an IBPS working session planned from the team page.
    await page.getByRole('link', { name: 'Pharmacy UBT' }).click();
    await page.getByRole('button', { name: 'Plan a meeting' }).click();
    const plan = page.getByRole('dialog');
    await choose(page, plan, 'Start from a template', 'IBPS working session');
    expect(await plan.getByLabel('Title').inputValue()).toBe('IBPS working session');
    await saveScreenshot(page, 'templates-plan-from-built-in');
    await plan.getByRole('button', { name: 'Create meeting' }).click();
    await page.getByTestId('meeting-title').waitFor();
    expect(await page.getByTestId('meeting-title').inputValue()).toBe('IBPS working session');
    expect(await page.getByRole('textbox', { name: 'Agenda item 3 title' }).inputValue()).toBe('Interest-based problem solving');
    expect(await page.getByRole('combobox', { name: 'Agenda item 3 type' }).inputValue()).toBe('IBPS');

    expect(app.problems).toEqual([]);
    await app.close();
  });
});
