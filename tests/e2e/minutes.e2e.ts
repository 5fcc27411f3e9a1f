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
import { addMember, capture, createPerson, setUpTeamMeeting, startIbps, step, vote, waitSaved } from './flows/ui';

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

/** Record one side's approval in the room, entered by the facilitator. */
async function approve(page: Page, side: 'union' | 'management') {
  const box = page.getByTestId(`approve-${side}`);
  await box.getByLabel('Recorded by').fill('Pat Okafor');
  await box.getByRole('button', { name: `Approve as ${side} co-lead` }).click();
  await page.getByTestId(`approved-${side}`).waitFor();
}

async function attendance(page: Page, name: string, status: 'Present' | 'Absent') {
  const group = page.getByRole('radiogroup', { name: `Attendance of ${name}` });
  await group.getByText(status, { exact: true }).click();
  await group.locator('label[data-active="true"]', { hasText: status }).waitFor();
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
    expect(rows[0]).toEqual(['What', 'Owner', 'Owner side', 'Due', 'Status', 'How we will know it worked', 'Meeting date', 'Meeting', 'Council or team']);
    expect(rows[1]).toEqual([
      ACTION,
      'Grace Liu',
      'Management',
      '2026-12-05',
      'Open',
      '',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'November UBT meeting',
      'Pharmacy UBT',
    ]);
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

  it('minutes: the record behind approved minutes is read-only and an edit starts an amendment', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    await createPerson(page, server.url, { name: 'Dr. Álvarez', side: 'Physician' });
    const meetingUrl = await setUpTeamMeeting(page, server.url, { agendaTitle: 'Holiday coverage', startsAt: '2026-11-24T09:00' });
    await startIbps(page);
    await page.getByRole('button', { name: 'Write the issue statement' }).click();
    await page.getByTestId('issue-statement').fill('How can holiday shifts be shared fairly?');
    await waitSaved(page);
    await page.goto(meetingUrl);
    // Dr. Álvarez joins the team after the roll call: marked absent at this meeting.
    await page.getByRole('link', { name: 'Pharmacy UBT' }).click();
    await addMember(page, 'Dr. Álvarez');
    await page.goto(meetingUrl);
    await attendance(page, 'Dr. Álvarez', 'Absent');
    await page.getByTestId('meeting-location').fill('Room 3B');
    await waitSaved(page);
    await setCoLeads(page);
    await page.goto(`${meetingUrl}/minutes`);
    await page.getByTestId('minutes-summary').first().fill('Holiday schedule approved as posted.');
    // Co-leads approve what they read: wait until the preview shows the summary.
    await expect.poll(() => preview(page).innerText()).toContain('Holiday schedule approved as posted.');

    // The union co-lead approves; then an edit makes that approval stale.
    await approve(page, 'union');
    expect(await page.getByTestId('minutes-status').innerText()).toMatch(/draft/i);
    await page.getByTestId('minutes-summary').first().fill('Holiday schedule approved as posted, with one swap.');
    await expect.poll(() => preview(page).innerText()).toContain('with one swap.');
    await page.getByText(/Ana Torres approved an earlier text/).waitFor();
    // Both co-leads approve the current text: approved and locked.
    await approve(page, 'union');
    await approve(page, 'management');
    await expect.poll(() => page.getByTestId('minutes-status').innerText()).toMatch(/^approved$/i);
    expect(await page.getByTestId('minutes-summary').first().isDisabled()).toBe(true);
    const approvedText = await preview(page).innerText();
    expect(approvedText.toLowerCase()).toContain('approved minutes');
    expect(approvedText).toMatch(/Union\s+Ana Torres, Union co-lead/);
    expect(approvedText).toMatch(/Management\s+Ben Okafor, Management co-lead/);
    await saveScreenshot(page, 'minutes-approved');

    // The meeting page: everything the minutes were made from is read-only, with a notice.
    await page.goto(meetingUrl);
    await page.getByTestId('record-locked').waitFor();
    expect(await page.getByTestId('record-locked').innerText()).toMatch(/Minutes approved on \w{3} \d{1,2}, \d{4}: changes go through an amendment/);
    expect(await page.getByTestId('meeting-title').isDisabled()).toBe(true);
    expect(await page.getByTestId('meeting-location').isDisabled()).toBe(true);
    expect(await page.getByTestId('new-agenda-item').isDisabled()).toBe(true);
    expect(await page.getByRole('radiogroup', { name: 'Attendance of Dr. Álvarez' }).getByRole('radio', { name: 'Present' }).isDisabled()).toBe(true);
    await saveScreenshot(page, 'meeting-locked');
    // The IBPS session of an approved meeting opens read-only too.
    await page.getByRole('link', { name: 'Open session' }).click();
    await page.getByTestId('record-locked').waitFor();
    await page
      .getByRole('navigation', { name: 'IBPS steps' })
      .getByRole('button', { name: /Interests/ })
      .click();
    expect(await page.getByTestId('capture-interest').isDisabled()).toBe(true);

    // The notice leads to the minutes, where an amendment (with a reason) opens the record again.
    await page.goto(meetingUrl);
    await page.getByRole('link', { name: 'Open the minutes to amend' }).click();
    await page.getByRole('button', { name: 'Start an amendment' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start amendment' }).click();
    await page.getByText('Say why the approved minutes are being amended.').waitFor();
    await page.getByRole('dialog').getByLabel('Why are the minutes being amended?').fill('Dr. Álvarez was at the meeting');
    await page.getByRole('dialog').getByRole('button', { name: 'Start amendment' }).click();
    await expect.poll(() => page.getByTestId('minutes-status').innerText()).toMatch(/amendment 1: draft/i);
    await page.goto(meetingUrl);
    await page.getByTestId('record-amending').waitFor();
    await attendance(page, 'Dr. Álvarez', 'Present');
    await waitSaved(page);

    // What changed, in plain words: only what the amendment changed.
    await page.goto(`${meetingUrl}/minutes`);
    const changes = page.getByTestId('amendment-changes');
    await expect.poll(() => changes.innerText()).toContain('Attendance: Dr. Álvarez absent → present');
    expect(await changes.innerText()).not.toMatch(/Title|^[-+−] /m);
    await saveScreenshot(page, 'minutes-amendment');
    await approve(page, 'union');
    await approve(page, 'management');
    await expect.poll(() => page.getByTestId('minutes-status').innerText()).toMatch(/approved, version 2/i);

    // Version 1 can still be opened and exported as it was approved.
    await page.getByTestId('version-1').getByRole('button', { name: 'Open version 1' }).click();
    await page.getByTestId('viewing-version').waitFor();
    const v1 = await readFile(await exportAs(page, dialogs, 'md'), 'utf8');
    expect(v1).toMatch(/\| Physician \| None \| Dr\. Álvarez \|/);
    expect(v1).toContain('**Approved**');
    expect(v1).not.toContain('version 2');
    await page.getByRole('button', { name: 'Back to the current minutes' }).click();

    // After a restart the record holds: version 2 approved, with version 1 and the reason listed.
    await app.close();
    const again = await launchApp({ baseUrl: server.url, userDataDir: app.userDataDir });
    const savedAgain = await exposeServices(again.context);
    await again.page.reload();
    await again.page.goto(`${meetingUrl}/minutes`);
    await expect.poll(() => again.page.getByTestId('minutes-status').innerText()).toMatch(/approved, version 2/i);
    const md = await readFile(await exportAs(again.page, savedAgain, 'md'), 'utf8');
    expect(md).toMatch(/\| Physician \| Dr\. Álvarez \| None \|/);
    expect(md).toContain('**Approved** (version 2, amendment 1)');
    expect(md).toContain('**Reason for amendment:** Dr. Álvarez was at the meeting');
    expect(md).toMatch(/Version 1 approved/);
    await again.close();
  });

  it("minutes: each side's sign-off is recorded with how it was given", async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    // Planned for tomorrow (the dialog's default): minutes cannot be approved before the meeting.
    const meetingUrl = await setUpTeamMeeting(page, server.url, { agendaTitle: 'Lunch coverage' });
    await setCoLeads(page);
    await page.goto(`${meetingUrl}/minutes`);
    await page.getByTestId('approve-union').getByLabel('Recorded by').fill('Pat Okafor');
    await page.getByTestId('approve-union').getByRole('button', { name: 'Approve as union co-lead' }).click();
    await expect.poll(() => page.getByTestId('approve-error-union').innerText()).toMatch(/cannot be signed off before the day of the meeting/);

    // The meeting was in fact held on Nov 24: approvals are taken from that day on.
    await page.goto(meetingUrl);
    await page.getByLabel('Date and time').fill('2026-11-24T09:00');
    await waitSaved(page);
    await page.goto(`${meetingUrl}/minutes`);

    // Union: by email, which must say which email.
    const union = page.getByTestId('approve-union');
    await union.getByRole('radiogroup', { name: 'How the union approval was given' }).getByText('By email', { exact: true }).click();
    await union.getByLabel('Recorded by').fill('Pat Okafor');
    await union.getByRole('button', { name: 'Approve as union co-lead' }).click();
    await union.getByText(/which email carries the approval/).waitFor();
    await union.getByLabel('Which email').fill("Dec 1, 14:02, from Ana Torres, 'Minutes OK'");
    await union.getByRole('button', { name: 'Approve as union co-lead' }).click();
    await page.getByTestId('approved-union').waitFor();
    expect(await page.getByTestId('evidence-union').innerText()).toBe("By email (Dec 1, 14:02, from Ana Torres, 'Minutes OK'), recorded by Pat Okafor");

    // Management: on their own laptop needs this laptop enrolled with the council server.
    const management = page.getByTestId('approve-management');
    await management.getByRole('radiogroup', { name: 'How the management approval was given' }).getByText('On their own laptop', { exact: true }).click();
    await management.getByText(/not connected to the council server/).waitFor();
    await management.getByRole('button', { name: 'Approve as management co-lead' }).click();
    await expect.poll(() => page.getByTestId('approve-error-management').innerText()).toMatch(/needs this laptop connected to the council server/);
    // So it is recorded in the room instead.
    await management.getByRole('radiogroup', { name: 'How the management approval was given' }).getByText('In the room', { exact: true }).click();
    await management.getByLabel('Recorded by').fill('Pat Okafor');
    await management.getByRole('button', { name: 'Approve as management co-lead' }).click();
    await expect.poll(() => page.getByTestId('minutes-status').innerText()).toMatch(/^approved$/i);
    expect(await page.getByTestId('evidence-management').innerText()).toBe('In the room, recorded by Pat Okafor');
    await saveScreenshot(page, 'minutes-signoff-evidence');

    // Every export carries each side's sign-off and how it was given.
    const html = await readFile(await exportAs(page, dialogs, 'html'), 'utf8');
    expect(html).toContain('How it was given');
    expect(html).toContain('By email (Dec 1, 14:02, from Ana Torres, &#39;Minutes OK&#39;), recorded by Pat Okafor');
    const pdf = (await pdfText(await exportAs(page, dialogs, 'pdf'))).replace(/\s+/g, ' ');
    expect(pdf).toContain('In the room, recorded by Pat Okafor');
    const word = (await pdfText(await docxToPdf(await exportAs(page, dialogs, 'docx')))).replace(/\s+/g, ' ');
    expect(word).toContain('recorded by Pat Okafor');
    // Word wraps the narrow column: pdftotext reads its lines across the row.
    expect(word).toMatch(/By email \(Dec 1, 14:02, from Ana/);
    expect(app.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
    await app.close();
  });
});
