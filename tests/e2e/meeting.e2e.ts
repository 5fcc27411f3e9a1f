import { describe, expect, it } from 'vitest';
import { launchApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import type { Page } from 'playwright-core';
import { addMember, createCouncil, createPerson, createTeamFromCouncil, goto, waitSaved } from './flows/ui';

const server = useAppServer();

const sideRow = async (page: Page, table: string, side: string) => (await page.getByTestId(`${table}-${side}`).innerText()).split(/\s+/).filter(Boolean);

describe('meeting', () => {
  it('meeting: plan a meeting with agenda, roles and attendance, and see quorum by side', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await createPerson(page, server.url, { name: 'Ana Torres', side: 'Union', union: 'SEIU-UHW', local: '250' });
    await createPerson(page, server.url, { name: 'Marcus Bell', side: 'Union', union: 'SEIU-UHW', local: '250' });
    await createPerson(page, server.url, { name: 'Ben Okafor', side: 'Management' });
    await createPerson(page, server.url, { name: 'Grace Liu', side: 'Management' });
    await createPerson(page, server.url, { name: 'Dr. Priya Nair', side: 'Physician' });
    await createPerson(page, server.url, { name: 'Tomas Reyes', side: 'Management' });
    await createCouncil(page, server.url, 'Riverside Local Council');
    await createTeamFromCouncil(page, 'Pharmacy UBT', 'Outpatient pharmacy');
    for (const name of ['Ana Torres', 'Marcus Bell', 'Ben Okafor', 'Grace Liu', 'Dr. Priya Nair']) await addMember(page, name);

    await page.getByRole('button', { name: 'Plan a meeting' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('November UBT meeting');
    await dialog.getByLabel('Date and time').fill('2026-11-24T09:30');
    await dialog.getByRole('button', { name: 'Create meeting' }).click();
    await page.getByTestId('meeting-title').waitFor();

    await page.getByTestId('meeting-location').fill('3rd floor break room');
    await page.getByTestId('meeting-objective').fill('Agree how we cover lunch breaks in the outpatient pharmacy');
    // Keyboard-first agenda capture: type, Enter, next.
    const newItem = page.getByTestId('new-agenda-item');
    for (const title of ['Clarify the objective', 'Lunch coverage (IBPS)', 'Plus/delta']) {
      await newItem.fill(title);
      await newItem.press('Enter');
    }
    await page.getByTestId('agenda-row').nth(2).waitFor();
    await page.getByRole('combobox', { name: 'Agenda item 2 type' }).click();
    await page.getByRole('option', { name: 'IBPS' }).click();
    await page.getByLabel('Agenda item 2 presenter').fill('Ana Torres');
    await page.getByLabel('Agenda item 2 minutes').fill('45');
    await page.getByRole('button', { name: 'Move up' }).nth(2).click(); // Plus/delta above the IBPS item
    await expect.poll(async () => page.getByLabel('Agenda item 3 title').inputValue()).toBe('Lunch coverage (IBPS)');

    for (const [role, person] of [
      ['Facilitator', 'Tomas Reyes'],
      ['Recorder', 'Grace Liu'],
      ['Timekeeper', 'Marcus Bell'],
    ] as const) {
      await page.getByRole('combobox', { name: role, exact: true }).click();
      await page.getByRole('option', { name: new RegExp(`^${person}`) }).click();
    }

    // Only union members present: a majority would need 3 of 5 and management is missing.
    await page.getByLabel('Attendance of Ana Torres').getByText('Present').click();
    await page.getByLabel('Attendance of Marcus Bell').getByText('Present').click();
    await page.getByLabel('Attendance of Ben Okafor').getByText('Absent').click();
    await expect.poll(async () => page.getByTestId('quorum-meeting').getAttribute('data-met')).toBe('false');
    // Each click saves on its own: wait for the last one to be counted (not-met holds after the first).
    await expect.poll(async () => page.getByTestId('quorum-meeting').innerText()).toContain('2 of 5 members present; 51% needs 3');
    expect(await sideRow(page, 'quorum-meeting', 'management')).toEqual(['Management', '2', '0', '1', '✗']);

    await page.getByLabel('Attendance of Grace Liu').getByText('Present').click();
    await expect.poll(async () => page.getByTestId('quorum-meeting').getAttribute('data-met')).toBe('true');
    expect(await sideRow(page, 'quorum-meeting', 'union')).toEqual(['Union', '2', '2', '1', '✓']);
    expect(await sideRow(page, 'quorum-meeting', 'management')).toEqual(['Management', '2', '1', '1', '✓']);
    expect(await sideRow(page, 'quorum-meeting', 'physician')).toEqual(['Physician', '1', '0', '0', '✓']);

    // Guests are recorded but never count toward quorum.
    await page.getByLabel('Guest name').fill('Jordan Wells');
    await page.getByRole('button', { name: 'Add guest' }).click();
    await page.getByTestId('guest-row').waitFor();
    expect(await sideRow(page, 'quorum-meeting', 'management')).toEqual(['Management', '2', '1', '1', '✓']);
    await waitSaved(page);
    await saveScreenshot(page, 'meeting-planned-with-quorum');

    // Everything is there after a restart.
    const url = page.url();
    await app.close();
    const again = await launchApp({ baseUrl: server.url, userDataDir: app.userDataDir });
    await again.page.goto(url);
    await again.page.getByTestId('meeting-title').waitFor();
    expect(await again.page.getByTestId('meeting-location').inputValue()).toBe('3rd floor break room');
    expect(await again.page.getByTestId('agenda-row').count()).toBe(3);
    expect(await again.page.getByLabel('Agenda item 3 minutes').inputValue()).toBe('45');
    expect(await again.page.getByRole('combobox', { name: 'Facilitator', exact: true }).inputValue()).toBe('Tomas Reyes');
    expect(await again.page.getByTestId('quorum-meeting').getAttribute('data-met')).toBe('true');
    await again.close();
  });

  it('meeting: set-up and roll call the way a facilitator runs them (council from Home, co-leads as members, presenter from the roster, attendance by side, an absent role holder flagged, PDF by the print dialog)', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    // A new laptop: "Add a council" on Home opens the dialog right there.
    await goto(page, server.url, '/');
    await page.getByRole('button', { name: 'Add a council' }).click();
    const councilDialog = page.getByRole('dialog');
    await councilDialog.getByLabel('Name').fill('Riverside Local Council');
    await councilDialog.getByRole('button', { name: 'Create council' }).click();
    await page.getByRole('heading', { name: 'Riverside Local Council', level: 1 }).waitFor();
    for (const [name, side] of [
      ['Ana Torres', 'Union'],
      ['Marcus Bell', 'Union'],
      ['Ben Okafor', 'Management'],
      ['Grace Liu', 'Management'],
    ] as const)
      await createPerson(page, server.url, { name, side });

    // With one council, a new team's council is already chosen.
    await goto(page, server.url, '/roster');
    await page.getByRole('tab', { name: 'Councils and teams' }).click();
    await page.getByRole('button', { name: 'New team' }).click();
    const teamDialog = page.getByRole('dialog');
    expect(await teamDialog.getByRole('combobox', { name: 'Council' }).inputValue()).toBe('Riverside Local Council');
    await teamDialog.getByLabel('Team name').fill('Pharmacy UBT');
    await teamDialog.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { name: 'Pharmacy UBT', level: 1 }).waitFor();

    // Co-leads picked for the team become members.
    for (const [role, name] of [
      ['Union co-lead', 'Ana Torres'],
      ['Management co-lead', 'Ben Okafor'],
    ] as const) {
      await page.getByRole('combobox', { name: role, exact: true }).click();
      await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
    }
    await expect
      .poll(async () => (await page.getByTestId('member-row').allInnerTexts()).map((t) => t.match(/Ana Torres|Ben Okafor/)?.[0]))
      .toEqual(['Ana Torres', 'Ben Okafor']);
    for (const name of ['Marcus Bell', 'Grace Liu']) await addMember(page, name);

    await page.getByRole('button', { name: 'Plan a meeting' }).click();
    await page.getByRole('dialog').getByLabel('Title').fill('December UBT meeting');
    await page.getByRole('dialog').getByRole('button', { name: 'Create meeting' }).click();
    await page.getByTestId('meeting-title').waitFor();
    for (const title of ['Lunch coverage', 'Payroll update']) {
      await page.getByTestId('new-agenda-item').fill(title);
      await page.getByTestId('new-agenda-item').press('Enter');
    }
    await page.getByTestId('agenda-row').nth(1).waitFor();
    // The presenter is picked from the roster as it is typed; a guest's name is typed in full.
    await page.getByLabel('Agenda item 1 presenter').fill('Gra');
    await page.getByRole('option', { name: 'Grace Liu' }).click();
    await page.getByLabel('Agenda item 2 presenter').fill('Jordan Wells (payroll)');
    await page.getByLabel('Agenda item 2 presenter').blur();
    await waitSaved(page);
    expect(await page.getByLabel('Agenda item 1 presenter').inputValue()).toBe('Grace Liu');

    await page.getByRole('combobox', { name: 'Recorder', exact: true }).click();
    await page.getByRole('option', { name: /^Grace Liu/ }).click();

    // Roll call by side, the way quorum is counted.
    const groups = page.getByTestId('attendance-side');
    expect(await groups.evaluateAll((els) => els.map((el) => el.getAttribute('data-side')))).toEqual(['management', 'union']);
    expect(await groups.nth(1).getByTestId('attendance-row').allInnerTexts()).toEqual([
      expect.stringContaining('Ana Torres'),
      expect.stringContaining('Marcus Bell'),
    ]);
    expect(await groups.nth(0).getByTestId('attendance-row').first().innerText()).toMatch(/management co-lead/i);

    // Marking a role holder absent says so, with what to do.
    await page.getByLabel('Attendance of Grace Liu').getByText('Absent').click();
    await page.getByLabel('Attendance of Ana Torres').getByText('Absent').click();
    const warning = page.getByTestId('absent-role-holders');
    await expect.poll(() => warning.innerText()).toContain('Grace Liu is the recorder and is marked absent: choose someone else as recorder today.');
    // Each click is its own write: wait for the second one's warning too.
    await expect.poll(() => warning.innerText()).toContain('Ana Torres is the union co-lead and is marked absent: the other co-lead leads today.');
    await saveScreenshot(page, 'meeting-roll-call-by-side');
    await page.getByLabel('Attendance of Grace Liu').getByText('Present').click();
    await expect.poll(() => warning.innerText()).not.toContain('Grace Liu');

    // In the web version the PDF entry says it opens the browser's print dialog, and it does.
    await page.getByTestId('open-minutes').click();
    await page.getByTestId('minutes-preview').waitFor();
    await page.evaluate(() => {
      (window as unknown as { printFrames: string[] }).printFrames = [];
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes)
            if (n instanceof HTMLIFrameElement)
              (window as unknown as { printFrames: string[] }).printFrames.push(`${n.title}|${n.srcdoc.includes('Minutes: December UBT meeting')}`);
      }).observe(document.body, { childList: true });
    });
    await page.getByTestId('export-minutes').click();
    const pdf = page.getByTestId('export-pdf');
    expect(await pdf.innerText()).toBe('PDF: opens the print dialog (choose Save as PDF)');
    await pdf.click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { printFrames: string[] }).printFrames)).toEqual(['Minutes for printing|true']);
    expect(await page.getByText('The file was not saved').count()).toBe(0);
    expect(app.problems).toEqual([]);
    await app.close();
  });
});
