import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Parser } from 'commonmark';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchApp } from './support/browser';
import { docxToPdf, pdfPageCount, pdfText, renderPdfPages } from './support/documents';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { exposeServices, type ServicesControl } from './support/services';
import { capture, setUpTeamMeeting, startIbps, step, vote, waitSaved } from './flows/ui';

const server = useAppServer();

const ISSUE = 'How can every pharmacy tech get a full lunch break while the window stays open?';
const DECISION = 'Stagger lunches in two waves; the float tech covers the window from 11 to 2';
const ACTION = 'Draft the two-wave lunch schedule';

/** Markdown headings as a CommonMark parser reads them. */
function headings(md: string): string[] {
  const walker = new Parser().parse(md).walker();
  const out: string[] = [];
  let event;
  let current: string | null = null;
  while ((event = walker.next())) {
    if (event.node.type === 'heading') {
      if (event.entering) current = `h${event.node.level} `;
      else {
        out.push(current!);
        current = null;
      }
    } else if (current !== null && event.entering && event.node.literal) current += event.node.literal;
  }
  return out;
}

/** Choose an export in the menu and wait for the file the "dialog" saved. */
async function exportAs(page: Page, dialogs: ServicesControl, format: 'md' | 'docx' | 'pdf' | 'html' | 'csv'): Promise<string> {
  const before = dialogs.calls.filter((c) => c.service === 'saveFile').length;
  await page.getByTestId('export-minutes').click();
  await page.getByTestId(`export-${format}`).click();
  await expect.poll(() => dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length, { timeout: 30_000 }).toBe(before + 1);
  const call = dialogs.calls.filter((c) => c.service === 'saveFile').at(-1)!;
  expect(call.response).toMatchObject({ status: 'saved' });
  return call.path!;
}

const preview = (page: Page) => page.frameLocator('[data-testid="minutes-preview"]').locator('body');

async function setCoLeads(page: Page) {
  await page.getByRole('link', { name: 'Pharmacy UBT' }).click();
  for (const [role, name] of [
    ['Union co-lead', 'Ana Torres'],
    ['Management co-lead', 'Ben Okafor'],
  ] as const) {
    await page.getByRole('combobox', { name: role, exact: true }).click();
    await page.getByRole('option', { name: new RegExp(name) }).click();
  }
  await waitSaved(page);
}

describe('minutes', () => {
  it('minutes: export a session as md, docx, pdf, html and csv', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    const meetingUrl = await setUpTeamMeeting(page, server.url);
    await startIbps(page);

    // A short session: issue, interests, a consensus decision, an action item.
    await page.getByRole('button', { name: 'Write the issue statement' }).click();
    await page.getByTestId('issue-statement').fill(ISSUE);
    await step(page, /Interests/).click();
    await capture(page, 'capture-interest', ['Staff get an uninterrupted 30-minute lunch', 'Patients are served without long waits']);
    await page.getByTestId('interest-row').nth(1).waitFor();
    await page.getByTestId('interest-row').nth(1).getByRole('button', { name: 'All sides' }).click();
    await step(page, /Consensus/).click();
    await page.getByTestId('proposal').fill(DECISION);
    await page.getByRole('button', { name: 'Start the consensus test' }).click();
    for (const [name, value] of [
      ['Ana Torres', '4'],
      ['Marcus Bell', '3'],
      ['Ben Okafor', '5'],
      ['Grace Liu', '4'],
    ] as const)
      await vote(page, name, value);
    await expect.poll(() => page.getByTestId('consensus-test').getAttribute('data-outcome')).toBe('consensus');
    await page.getByTestId('close-test').click();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('decision').waitFor();
    await step(page, /Action plan/).click();
    await capture(page, 'capture-action', [ACTION]);
    await page.getByRole('combobox', { name: `Owner of ${ACTION}` }).click();
    await page.getByRole('option', { name: 'Grace Liu' }).click();
    await page.getByRole('textbox', { name: `Due date of ${ACTION}` }).fill('2026-12-05');
    await waitSaved(page);

    // The minutes page: generated from the record, plus the recorder's summary.
    await page.goto(meetingUrl);
    await page.getByTestId('open-minutes').click();
    await page.getByTestId('minutes-summary').first().fill('Agreed to pilot staggered lunches <for 4 weeks> & review.');
    await waitSaved(page);
    await expect.poll(() => preview(page).innerText()).toContain('Agreed to pilot staggered lunches <for 4 weeks> & review.');
    const shown = await preview(page).innerText();
    for (const text of [ISSUE, DECISION, ACTION, 'Shared interests (all sides)', 'Quorum was met']) expect(shown).toContain(text);
    // The draft badge is upper-cased by CSS.
    expect(shown.toLowerCase()).toContain('draft minutes: not yet approved');
    await saveScreenshot(page, 'minutes-draft-preview');

    // Markdown: parses into the expected headings; typed text is escaped, not markup.
    const md = await readFile(await exportAs(page, dialogs, 'md'), 'utf8');
    const hs = headings(md);
    expect(hs[0]).toBe('h1 Minutes: November UBT meeting');
    expect(hs).toEqual(
      expect.arrayContaining([
        'h2 Attendance',
        'h2 Agenda items',
        'h3 1. Lunch coverage',
        'h4 Issue statement',
        'h4 Interests',
        'h4 Consensus',
        'h4 Decision',
        'h2 Action items',
        'h2 Approval',
      ]),
    );
    expect(md).toContain('\\<for 4 weeks\\> \\& review.');

    // HTML: self-contained, escaped, no scripts.
    const html = await readFile(await exportAs(page, dialogs, 'html'), 'utf8');
    expect(html).toContain('Agreed to pilot staggered lunches &lt;for 4 weeks&gt; &amp; review.');
    expect(html).not.toMatch(/<script|https?:\/\//i);

    // PDF from Chromium's printer: its text holds the decision and the action item.
    const pdfPath = await exportAs(page, dialogs, 'pdf');
    expect((await readFile(pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = (await pdfText(pdfPath)).replace(/\s+/g, ' ');
    expect(pdf).toContain('Minutes: November UBT meeting');
    expect(pdf).toContain(DECISION);
    expect(pdf).toContain(ACTION);
    expect(pdf).toContain('Grace Liu');
    await renderPdfPages(pdfPath, 'minutes-export-pdf');

    // Word: LibreOffice opens it and its text holds the decision and the action item.
    const docxPath = await exportAs(page, dialogs, 'docx');
    const docxPdf = await docxToPdf(docxPath);
    const word = (await pdfText(docxPdf)).replace(/\s+/g, ' ');
    expect(word).toContain(DECISION);
    expect(word).toContain(ACTION);
    expect(word).toContain('DRAFT MINUTES');
    expect(await pdfPageCount(docxPdf)).toBeGreaterThanOrEqual(1);
    await renderPdfPages(docxPdf, 'minutes-export-docx');

    // CSV of action items.
    const csvPath = await exportAs(page, dialogs, 'csv');
    const rows = Papa.parse<string[]>((await readFile(csvPath, 'utf8')).replace(/^\ufeff/, '').trim()).data;
    expect(rows[0]).toEqual(['What', 'Owner', 'Due', 'Status', 'Agreed in']);
    expect(rows[1]).toEqual([ACTION, 'Grace Liu', '2026-12-05', 'Open', 'November UBT meeting']);
    expect(csvPath.endsWith('action items.csv')).toBe(true);

    // A date range of the team's minutes as one zip, in the chosen formats.
    await page.getByRole('button', { name: 'Export a date range' }).click();
    const range = page.getByRole('dialog');
    await range.getByLabel('From').fill('2026-01-01');
    await range.getByLabel('To').fill('2027-12-31');
    await range.getByRole('checkbox', { name: 'PDF' }).uncheck();
    await range.getByRole('checkbox', { name: 'Markdown' }).check();
    const zipCall = dialogs.calls.filter((c) => c.service === 'saveFile').length;
    await range.getByRole('button', { name: 'Export zip' }).click();
    await expect.poll(() => dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length, { timeout: 30_000 }).toBe(zipCall + 1);
    const zipPath = dialogs.calls.at(-1)!.path!;
    expect(zipPath).toMatch(/Pharmacy UBT minutes 2026-01-01 to 2027-12-31\.zip$/);
    const zipped = unzipSync(new Uint8Array(await readFile(zipPath)));
    expect(Object.keys(zipped).sort()).toEqual([
      expect.stringMatching(/ November UBT meeting \(draft\)\.docx$/),
      expect.stringMatching(/ November UBT meeting \(draft\)\.md$/),
    ]);
    expect(strFromU8(Object.entries(zipped).find(([n]) => n.endsWith('.md'))![1])).toContain(DECISION);

    // A failed write (the folder is gone) shows a clear message and writes nothing.
    dialogs.nextSavePath(join(dialogs.saveDir, 'no-such-folder', 'minutes.md'));
    await page.getByTestId('export-minutes').click();
    await page.getByTestId('export-md').click();
    await page.getByText('The file was not saved').waitFor();
    expect(app.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
    await app.close();
  });

  it('minutes: joint approval locks the record and an amendment keeps the approved version', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    const meetingUrl = await setUpTeamMeeting(page, server.url, { agendaTitle: 'Holiday coverage' });
    await page.getByTestId('meeting-location').fill('Room 3B');
    await waitSaved(page);
    await setCoLeads(page);
    await page.goto(`${meetingUrl}/minutes`);
    await page.getByTestId('minutes-summary').first().fill('Holiday schedule approved as posted.');
    // Co-leads approve what they read: wait until the preview shows the summary.
    await expect.poll(() => preview(page).innerText()).toContain('Holiday schedule approved as posted.');

    // The union co-lead approves; then an edit makes that approval stale.
    const approveUnion = page.getByTestId('approve-union').getByRole('button', { name: 'Approve as union co-lead' });
    await approveUnion.click();
    await page.getByTestId('approved-union').waitFor();
    expect(await page.getByTestId('minutes-status').innerText()).toMatch(/draft/i);
    await page.getByTestId('minutes-summary').first().fill('Holiday schedule approved as posted, with one swap.');
    await expect.poll(() => preview(page).innerText()).toContain('with one swap.');
    await page.getByText(/Ana Torres approved an earlier text/).waitFor();
    // Both co-leads approve the current text: approved and locked.
    await approveUnion.click();
    await page.getByTestId('approved-union').waitFor();
    await page.getByTestId('approve-management').getByRole('button', { name: 'Approve as management co-lead' }).click();
    await expect.poll(() => page.getByTestId('minutes-status').innerText()).toMatch(/^approved$/i);
    expect(await page.getByTestId('minutes-summary').first().isDisabled()).toBe(true);
    const approvedText = await preview(page).innerText();
    expect(approvedText.toLowerCase()).toContain('approved minutes');
    expect(approvedText).toMatch(/Union\s+Ana Torres, Union co-lead/);
    expect(approvedText).toMatch(/Management\s+Ben Okafor, Management co-lead/);
    await saveScreenshot(page, 'minutes-approved');

    // A later change to the meeting does not touch the approved minutes.
    await page.goto(meetingUrl);
    await page.getByTestId('meeting-location').fill('Room 5A');
    await waitSaved(page);
    await page.goto(`${meetingUrl}/minutes`);
    await page.getByTestId('record-moved').waitFor();
    expect(await preview(page).innerText()).toContain('Room 3B');

    // The amendment: a reason, what changed shown, approved again by both; version 1 kept.
    await page.getByRole('button', { name: 'Start an amendment' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start amendment' }).click();
    await page.getByText('Say why the approved minutes are being amended.').waitFor();
    await page.getByRole('dialog').getByLabel('Why are the minutes being amended?').fill('The meeting moved to Room 5A');
    await page.getByRole('dialog').getByRole('button', { name: 'Start amendment' }).click();
    await expect.poll(() => page.getByTestId('minutes-status').innerText()).toMatch(/amendment 1: draft/i);
    const changes = page.getByTestId('amendment-changes');
    await expect.poll(() => changes.locator('[data-change="added"]').innerText()).toContain('Room 5A');
    expect(await changes.locator('[data-change="removed"]').innerText()).toContain('Room 3B');
    await saveScreenshot(page, 'minutes-amendment');
    await approveUnion.click();
    await page.getByTestId('approved-union').waitFor();
    await page.getByTestId('approve-management').getByRole('button', { name: 'Approve as management co-lead' }).click();
    await expect.poll(() => page.getByTestId('minutes-status').innerText()).toMatch(/approved, version 2/i);

    // After a restart the record holds: version 2 approved, with version 1 and the reason listed.
    await app.close();
    const again = await launchApp({ baseUrl: server.url, userDataDir: app.userDataDir });
    const savedAgain = await exposeServices(again.context);
    await again.page.reload();
    await again.page.goto(`${meetingUrl}/minutes`);
    await expect.poll(() => again.page.getByTestId('minutes-status').innerText()).toMatch(/approved, version 2/i);
    const md = await readFile(await exportAs(again.page, savedAgain, 'md'), 'utf8');
    expect(md).toContain('Room 5A');
    expect(md).toContain('**Approved** (version 2, amendment 1)');
    expect(md).toContain('**Reason for amendment:** The meeting moved to Room 5A');
    expect(md).toMatch(/Version 1 approved/);
    expect(dialogs.calls.length).toBe(0);
    await again.close();
  });
});
