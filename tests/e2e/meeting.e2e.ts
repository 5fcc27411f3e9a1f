import { describe, expect, it } from 'vitest';
import { launchApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import type { Page } from 'playwright-core';
import { addMember, createCouncil, createPerson, createTeamFromCouncil, waitSaved } from './flows/ui';

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
    expect(await sideRow(page, 'quorum-meeting', 'management')).toEqual(['Management', '2', '0', '1', '✗']);
    expect(await page.getByTestId('quorum-meeting').innerText()).toContain('2 of 5 members present; 51% needs 3');

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
});
