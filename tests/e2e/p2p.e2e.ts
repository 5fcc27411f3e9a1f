import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { P2P_DIMENSIONS, type P2pDimension } from '@shared/model/p2p';
import { CRITERIA } from '@shared/p2p/criteria';
import { previousQuarter, quarterLabel } from '@shared/p2p/quarters';
import { launchApp } from './support/browser';
import { docxToPdf, pdfPageCount, pdfText, renderPdfPages } from './support/documents';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { exposeServices, type ServicesControl } from './support/services';
import { addMember, createCouncil, createPerson, createTeamFromCouncil, goto, waitSaved } from './flows/ui';

const server = useAppServer();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
/** The viewport a facilitator's laptop has: screenshots are taken at it. */
const LAPTOP = { width: 1366, height: 768 };

const PEOPLE = [
  { name: 'Ana Torres', side: 'Union' as const, union: 'SEIU-UHW', local: '105' },
  { name: 'Ben Okafor', side: 'Management' as const },
  { name: 'Odessa Kwan', side: 'Management' as const },
  { name: 'Raul Medina', side: 'Union' as const, union: 'SEIU-UHW', local: '105' },
];

async function pick(page: Page, combobox: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option }).click();
}

/** A team under the current council page with its co-leads and sponsors named; returns its id. */
async function teamWithCoLeads(page: Page, name: string, region: string): Promise<string> {
  await createTeamFromCouncil(page, name, 'Outpatient');
  await pick(page, 'Management co-lead', /Ben Okafor/);
  await pick(page, 'Union co-lead', /Ana Torres/);
  await pick(page, 'Management sponsor', /Odessa Kwan/);
  await pick(page, 'Union sponsor', /Raul Medina/);
  await pick(page, 'Region', region);
  for (const p of ['Ana Torres', 'Ben Okafor']) await addMember(page, p);
  await waitSaved(page);
  return /\/roster\/teams\/([^/?#]+)/.exec(page.url())![1]!;
}

const dimensionTab = (page: Page, d: P2pDimension) => page.getByTestId(`tab-${d}`);

/** Tick criteria dimension by dimension, the way co-leads go through the seven tabs; each tick is stored before the next. */
async function tick(page: Page, ids: readonly string[]) {
  for (const d of P2P_DIMENSIONS) {
    const mine = CRITERIA.filter((c) => c.dimension === d && ids.includes(c.id));
    if (!mine.length) continue;
    await dimensionTab(page, d).click();
    for (const c of mine) {
      const box = page.getByTestId(`dimension-${d}`).getByRole('checkbox', { name: c.text, exact: true });
      if (await box.isChecked()) continue;
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
    }
  }
}

const upTo = (level: number, except: readonly string[] = []) => CRITERIA.filter((c) => c.level <= level && !except.includes(c.id)).map((c) => c.id);

/** Both co-leads confirm in the room, recorded by the facilitator. */
async function confirmInRoom(page: Page) {
  for (const side of ['management', 'union'] as const) {
    const form = page.getByTestId(`confirm-${side}`);
    if ((await form.count()) === 0) continue; // already confirmed
    await form.getByRole('textbox', { name: /Who recorded/ }).fill('Pat Okafor');
    await form.getByRole('button', { name: /^Confirm as/ }).click();
    await page.getByTestId(`confirmed-${side}`).first().waitFor();
  }
  await page.getByTestId('confirmed-card').waitFor();
}

/** Before a screenshot: the "saved" and "confirmed" toasts have closed themselves. */
async function settle(page: Page) {
  // A toast under the pointer stays open (Mantine pauses it on hover): move the pointer away first.
  await page.mouse.move(1, 1);
  await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
}

const levelReached = (page: Page) => page.getByTestId('level-reached').innerText();

async function nextSave(dialogs: ServicesControl, before: number): Promise<string> {
  await expect.poll(() => dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length, { timeout: 30_000 }).toBe(before + 1);
  const call = dialogs.calls.filter((c) => c.service === 'saveFile').at(-1)!;
  expect(call.response).toMatchObject({ status: 'saved' });
  return call.path!;
}

describe('p2p', () => {
  it('p2p: assess a team across seven dimensions and see the level it reaches', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await page.setViewportSize(LAPTOP);
    for (const p of PEOPLE) await createPerson(page, server.url, p);
    await createCouncil(page, server.url, 'Colorado Regional Council');
    const teamId = await teamWithCoLeads(page, 'Pharmacy UBT', 'Colorado');

    // The team page has no level to type: it offers this quarter's assessment.
    const history = page.getByTestId('p2p-history');
    await history.getByText('No confirmed assessment yet').waitFor();
    const assess = history.getByRole('link', { name: /^Assess Q[1-4] \d{4}$/ });
    const quarter = (await assess.innerText()).replace('Assess ', '');
    await assess.click();
    await page.getByRole('button', { name: `Start the ${quarter} assessment` }).click();
    await page.getByTestId('level-summary').waitFor();
    expect(await levelReached(page)).toBe('Not yet at level 1');
    expect(page.url()).toContain(`/p2p/teams/${teamId}/`);

    // Evidence the app holds is offered beside the criterion, and nothing is ticked for the team.
    const named = page.getByTestId('dimension-sponsorship').locator('[data-testid="offer"][data-kind="sponsors-named"]');
    expect(await named.innerText()).toContain('Sponsors named on the team record: Odessa Kwan (management) and Raul Medina (union).');
    expect(await page.getByTestId('dimension-sponsorship').getByRole('checkbox', { checked: true }).count()).toBe(0);
    await named.getByRole('button', { name: /Attach as evidence/ }).click();
    await page.getByTestId('dimension-sponsorship').getByTestId('evidence').filter({ hasText: 'Odessa Kwan' }).waitFor();

    // Levels 1-3 everywhere except one training criterion of level 3: the team is at level 2 and
    // the summary says which criterion holds it there.
    const heldBy = CRITERIA.find((c) => c.id === 'training.3.members')!;
    await tick(page, upTo(3, [heldBy.id]));
    await expect.poll(() => levelReached(page)).toBe('Level 2 · Foundational');
    expect(await page.getByTestId('holding-back-criterion').allInnerTexts()).toEqual([`Training: ${heldBy.text}`]);
    expect(await dimensionTab(page, 'training').getAttribute('data-level')).toBe('2');
    expect(await dimensionTab(page, 'leadership').getAttribute('data-level')).toBe('3');

    await dimensionTab(page, 'training').click();
    await page.getByTestId('dimension-training').getByTestId('dimension-notes').fill('Six of nine members still need RIM basics; booked for January.');
    await page.getByRole('textbox', { name: 'New evidence for training' }).fill('Training roster, Nov 2026');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('dimension-training').getByTestId('evidence').filter({ hasText: 'Training roster, Nov 2026' }).waitFor();
    await waitSaved(page);
    await settle(page);
    await saveScreenshot(page, 'p2p-assessment-draft');

    // Closing the gap lifts the whole team to level 3.
    await tick(page, [heldBy.id]);
    await expect.poll(() => levelReached(page)).toBe('Level 3 · Transitional');
    expect(await page.getByTestId('holding-back-criterion').count()).toBe(CRITERIA.filter((c) => c.level === 4).length);

    // Both co-leads confirm. An email sign-off needs the email it rests on.
    const union = page.getByTestId('confirm-union');
    await union.getByText('By email', { exact: true }).click();
    await union.getByRole('textbox', { name: /Who recorded/ }).fill('Pat Okafor');
    await union.getByRole('button', { name: 'Confirm as union co-lead' }).click();
    await union.getByText('Say which email backs this confirmation').waitFor();
    await union.getByRole('textbox', { name: /Evidence of the union/ }).fill('Email of 4 Dec, subject "Q4 assessment OK"');
    await union.getByRole('button', { name: 'Confirm as union co-lead' }).click();
    await page.getByTestId('confirmed-union').waitFor();
    await page.getByTestId('confirmation-card').scrollIntoViewIfNeeded();
    await settle(page);
    await saveScreenshot(page, 'p2p-assessment-confirmation');
    await confirmInRoom(page);
    expect((await page.getByTestId('assessment-status').innerText()).toLowerCase()).toBe('confirmed');
    expect(await page.getByTestId('confirmed-union').innerText()).toContain('By email: Email of 4 Dec, subject "Q4 assessment OK"');
    expect(await page.getByTestId('confirmed-management').innerText()).toContain('In the room');

    // Confirmed means read-only: the boxes cannot change, the level stands.
    await dimensionTab(page, 'use-of-tools').click();
    const useOfTools = page.getByTestId('dimension-use-of-tools');
    expect(await useOfTools.getByRole('checkbox').count()).toBe(0);
    expect(await useOfTools.locator('[data-criterion="use-of-tools.3.two-cycles"]').getAttribute('data-met')).toBe('true');
    expect(await useOfTools.locator('[data-criterion="use-of-tools.4.three-cycles"]').getAttribute('data-met')).toBe('false');
    expect(await levelReached(page)).toBe('Level 3 · Transitional');
    await dimensionTab(page, 'sponsorship').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await saveScreenshot(page, 'p2p-assessment-confirmed');

    // The team page shows the level per quarter; the roster shows the team's level from it.
    await goto(page, server.url, `/roster/teams/${teamId}`);
    const row = page.getByTestId('p2p-history-row');
    await row.first().waitFor();
    expect(await row.first().innerText()).toMatch(new RegExp(`${quarter}\\s+Level 3 · Transitional\\s+First rating`));
    await page.getByTestId('p2p-history').scrollIntoViewIfNeeded();
    await settle(page);
    await saveScreenshot(page, 'p2p-team-history');
    await goto(page, server.url, '/roster');
    await page.getByRole('tab', { name: 'Councils and teams' }).click();
    await page.getByText('Level 3', { exact: true }).waitFor();

    // After a restart the confirmed assessment is still there, still read-only.
    await app.close();
    const again = await launchApp({ baseUrl: server.url, userDataDir: app.userDataDir });
    await goto(again.page, server.url, `/p2p/teams/${teamId}/${quarter.replace(/^Q(\d) (\d{4})$/, '$2-Q$1')}`);
    await again.page.getByTestId('confirmed-card').waitFor();
    expect(await levelReached(again.page)).toBe('Level 3 · Transitional');
    expect(app.problems.concat(again.problems).filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
    await again.close();
  });

  it('p2p: the council dashboard shows teams by level and the share high performing', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    await page.setViewportSize(LAPTOP);
    for (const p of PEOPLE) await createPerson(page, server.url, p);
    await createCouncil(page, server.url, 'Colorado Regional Council');
    const councilUrl = page.url();
    const pharmacy = await teamWithCoLeads(page, 'Pharmacy UBT', 'Colorado');
    await page.goto(councilUrl);
    const icu = await teamWithCoLeads(page, 'ICU UBT', 'Colorado');
    await page.goto(councilUrl);
    await teamWithCoLeads(page, 'Imaging UBT', 'Colorado');

    // The current quarter as the app names it, and the one before.
    await goto(page, server.url, `/roster/teams/${pharmacy}`);
    const current = (
      await page
        .getByTestId('p2p-history')
        .getByRole('link', { name: /^Assess / })
        .innerText()
    ).replace('Assess ', '');
    const currentId = current.replace(/^Q(\d) (\d{4})$/, '$2-Q$1');
    const previousId = previousQuarter(currentId);

    // Pharmacy: level 3 last quarter, level 4 this quarter (started from last quarter's boxes).
    await goto(page, server.url, `/p2p/teams/${pharmacy}/${previousId}`);
    await page.getByRole('button', { name: /^Start the Q/ }).click();
    await tick(page, upTo(3));
    await expect.poll(() => levelReached(page)).toBe('Level 3 · Transitional');
    await confirmInRoom(page);
    await goto(page, server.url, `/p2p/teams/${pharmacy}/${currentId}`);
    await page.getByRole('button', { name: new RegExp(`^Start from ${quarterLabel(previousId)} \\(level 3\\)`) }).click();
    await expect.poll(() => levelReached(page)).toBe('Level 3 · Transitional');
    await tick(page, upTo(4));
    await expect.poll(() => levelReached(page)).toBe('Level 4 · Operational');
    await confirmInRoom(page);
    // ICU: level 2 this quarter. Imaging: not assessed.
    await goto(page, server.url, `/p2p/teams/${icu}/${currentId}`);
    await page.getByRole('button', { name: /^Start the Q/ }).click();
    await tick(page, upTo(2));
    await expect.poll(() => levelReached(page)).toBe('Level 2 · Foundational');
    await confirmInRoom(page);

    // The dashboard for the council: teams by level, the share high performing, movement.
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Path to Performance' }).click();
    await pick(page, 'Council', 'Colorado Regional Council');
    const share = page.getByTestId('share-high-performing');
    await expect.poll(() => share.innerText()).toContain('1 of 2 (50%)');
    expect(await page.getByTestId('movement').innerText()).toContain('1 up · 0 down');
    expect(await page.getByTestId('not-assessed').innerText()).toContain('1 of 3');
    const levels = page.getByTestId('levels-table');
    expect(await levels.locator('tr[data-level="4"] td').allInnerTexts()).toEqual(['4. Operational', '1', '50%']);
    expect(await levels.locator('tr[data-level="2"] td').allInnerTexts()).toEqual(['2. Foundational', '1', '50%']);
    expect(await page.getByTestId('moves-table').innerText()).toMatch(/Pharmacy UBT\s+Level 3\s+Level 4\s+Moved up 1 level/);
    expect(await page.getByTestId('attention-not-assessed').innerText()).toContain('Imaging UBT');
    // Every chart has its table beside it.
    for (const section of ['levels-section', 'trend-section', 'movement-section', 'value-compass-section']) {
      expect(await page.getByTestId(section).locator('.recharts-surface').count(), section).toBeGreaterThan(0);
      expect(await page.getByTestId(section).locator('table').count(), section).toBeGreaterThan(0);
    }

    // A figures file with bad numbers is refused whole, line by line; nothing is imported.
    dialogs.nextOpenPath(fixture('regional-figures-bad.csv'));
    await page.getByTestId('import-figures').click();
    await page.getByTestId('figures-rejected').waitFor();
    expect(await page.getByTestId('figures-problems').locator('li').allInnerTexts()).toEqual([
      'Line 3: high performing cannot be negative (-4)',
      'Line 4: more high performing (61) than teams (60)',
      expect.stringMatching(/^Line 5: unknown region "Atlantis"/),
    ]);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('region-table').locator('tr[data-source="imported"]').count()).toBe(0);

    // The June 2021 regional figures: previewed, imported, shown beside the computed ones as imported.
    dialogs.nextOpenPath(fixture('regional-figures-2021-06.csv'));
    await page.getByTestId('import-figures').click();
    expect(await page.getByTestId('figures-total').innerText()).toBe('All 8 regions: 2,674 of 3,651 (73%) high performing');
    await page.getByRole('button', { name: 'Import 8 figures' }).click();
    await page.getByTestId('figures-imported').waitFor();
    await page.keyboard.press('Escape');
    const regions = page.getByTestId('region-table');
    await expect.poll(() => regions.locator('tr[data-source="imported"]').count()).toBe(8);
    expect(await page.getByTestId('program-wide-imported').innerText()).toMatch(
      /Program-wide \(8 regions\)\s+Imported, as of Jun 30, 2021\s+2,674 of 3,651 \(73%\)/i,
    );
    const colorado = await regions
      .locator('tr')
      .filter({ hasText: /^Colorado/ })
      .allInnerTexts();
    expect(colorado.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
      `Colorado Assessments, ${current} 1 of 2 (50%)`,
      expect.stringMatching(/^Colorado Imported, as of Jun 30, 2021 188 of 256 \(73%\)$/i),
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await settle(page);
    await saveScreenshot(page, 'p2p-dashboard');
    await page.getByTestId('region-section').scrollIntoViewIfNeeded();
    await settle(page);
    await saveScreenshot(page, 'p2p-dashboard-regions');

    // The region filter narrows both the teams and the imported figures.
    await pick(page, 'Region', 'Hawaii');
    await expect
      .poll(() => regions.locator('tr[data-source]').allInnerTexts())
      .toEqual([expect.stringMatching(/Hawaii\s+Imported, as of Jun 30, 2021\s+54 of 60 \(90%\)/i)]);
    await page.getByRole('combobox', { name: 'Region', exact: true }).click();
    await page.getByRole('option', { name: 'Colorado' }).click();
    await expect.poll(() => share.innerText()).toContain('1 of 2 (50%)');

    // The report for the council's quarterly meeting, as PDF and Word, read back by real tools.
    let before = dialogs.calls.filter((c) => c.service === 'saveFile').length;
    await page.getByTestId('export-report').click();
    await page.getByTestId('export-report-pdf').click();
    const pdfPath = await nextSave(dialogs, before);
    expect(pdfPath).toMatch(new RegExp(`Path to Performance Colorado Regional Council, Colorado ${current}\\.pdf$`));
    const pdf = (await pdfText(pdfPath)).replace(/\s+/g, ' ');
    expect(pdf).toContain(`Path to Performance: Colorado Regional Council, Colorado, ${current}`);
    expect(pdf).toContain('1 of 2 (50%) of the rated teams are high performing');
    expect(pdf).toContain('Imported, as of Jun 30, 2021');
    expect(pdf).toContain('188');
    expect(pdf).toMatch(/Pharmacy UBT Level 3 Level 4 Moved up 1 level/);
    expect(await pdfPageCount(pdfPath)).toBeLessThanOrEqual(2);
    await renderPdfPages(pdfPath, 'p2p-report-pdf');

    before = dialogs.calls.filter((c) => c.service === 'saveFile').length;
    await page.getByTestId('export-report').click();
    await page.getByTestId('export-report-docx').click();
    const docxPath = await nextSave(dialogs, before);
    const docxPdf = await docxToPdf(docxPath);
    const word = (await pdfText(docxPdf)).replace(/\s+/g, ' ');
    expect(word).toContain('PATH TO PERFORMANCE REPORT');
    expect(word).toContain('1 of 2 (50%) of the rated teams are high performing');
    expect(word).toContain('Imported, as of Jun 30, 2021');
    expect(word).toContain('Imaging UBT');
    expect(await pdfPageCount(docxPdf)).toBeLessThanOrEqual(2);
    await renderPdfPages(docxPdf, 'p2p-report-docx');
    expect(app.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
    await app.close();
  });
});
