import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { launchApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { exposeServices } from './support/services';
import { addMember, createCouncil, createPerson, createTeamFromCouncil, goto } from './flows/ui';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const server = useAppServer();

describe('roster', () => {
  it('roster: create a council, a team and people, then find them after a browser restart', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await createCouncil(page, server.url, 'Riverside Medical Center Local Council');
    await createTeamFromCouncil(page, 'Pharmacy UBT', 'Outpatient pharmacy');
    await createPerson(page, server.url, {
      name: 'Ana Torres',
      side: 'Union',
      union: 'SEIU-UHW',
      local: '250',
      email: 'ana.torres@example.org',
      roles: ['Pharmacy tech', 'Union co-lead'],
    });
    await createPerson(page, server.url, { name: 'Ben Okafor', side: 'Management', roles: ['Pharmacy manager'] });
    await createPerson(page, server.url, { name: 'Priya Nair', side: 'Physician' });
    // Bad input gets a clear message and writes nothing.
    await page.getByRole('button', { name: 'New person' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('Lee Chen');
    await page.getByRole('dialog').getByRole('textbox', { name: 'Email' }).fill('lee.chen@');
    await page.getByRole('dialog').getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('dialog').getByText('must be a valid email address').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await goto(page, server.url, '/roster');
    await page.getByRole('tab', { name: 'Councils and teams' }).click();
    await page.getByTestId('team-link').filter({ hasText: 'Pharmacy UBT' }).click();
    await page.getByRole('combobox', { name: 'Union co-lead', exact: true }).click();
    await page.getByRole('option', { name: /Ana Torres/ }).click();
    await addMember(page, 'Ana Torres');
    await addMember(page, 'Ben Okafor');
    // The level is no longer typed: it comes from confirmed Path to Performance assessments (p2p.e2e.ts).
    await page.getByTestId('p2p-history').getByText('No confirmed assessment yet').waitFor();
    await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
    await saveScreenshot(page, 'roster-team-page');

    await app.close();
    const again = await launchApp({ baseUrl: server.url, userDataDir: app.userDataDir });
    await goto(again.page, server.url, '/roster');
    await again.page.getByText('Riverside Medical Center Local Council').waitFor();
    await again.page.getByTestId('team-link').filter({ hasText: 'Pharmacy UBT' }).click();
    await again.page.getByTestId('member-row').first().waitFor();
    const members = await again.page.getByTestId('member-row').allInnerTexts();
    expect(members.map((m) => m.replace(/\s+/g, ' '))).toEqual([
      expect.stringContaining('Ana Torres (SEIU-UHW, Local 250)'),
      expect.stringContaining('Ben Okafor'),
    ]);
    expect(await again.page.getByRole('combobox', { name: 'Union co-lead', exact: true }).inputValue()).toBe('Ana Torres (SEIU-UHW, Local 250)');
    await goto(again.page, server.url, '/roster');
    await again.page.getByRole('tab', { name: 'People' }).click();
    await again.page.getByTestId('person-row').nth(2).waitFor();
    const people = await again.page.getByTestId('person-row').allInnerTexts();
    expect(people.map((p) => p.split(/\t|\n/)[0])).toEqual(['Ana Torres', 'Ben Okafor', 'Priya Nair']);
    await saveScreenshot(again.page, 'roster-people-after-restart');
    await again.close();
  });

  it('roster: CSV import reports bad rows and imports the good ones', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    const dialogs = await exposeServices(app.context);
    await page.reload();
    await createCouncil(page, server.url, 'Riverside Local Council');
    await createTeamFromCouncil(page, 'Pharmacy UBT', 'Outpatient pharmacy');
    await goto(page, server.url, '/roster');
    await page.getByRole('tab', { name: 'People' }).click();

    // A file that is not a CSV changes nothing and says why.
    dialogs.nextOpenPath(fixture('not-a-roster.xlsx'));
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const rejected = page.getByTestId('import-rejected');
    await rejected.waitFor();
    expect(await rejected.innerText()).toMatch(/not a text file|not a text CSV|binary/i);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('person-row').count()).toBe(0);

    dialogs.nextOpenPath(fixture('roster-mixed.csv'));
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.innerText()).toContain('4 people added, 0 matched by email, 5 memberships added. 5 rows were skipped.');
    const errors = await page.getByTestId('import-errors').locator('li').allInnerTexts();
    expect(errors).toEqual([
      'Line 4: Name is required',
      'Line 5: side "contractor" is not management, union or physician',
      'Line 7: union and local apply only to union-side people',
      'Line 8: no team named "Radiology UBT"',
      'Line 9: email must be a valid email address',
    ]);
    await saveScreenshot(page, 'roster-csv-import-report');
    await page.keyboard.press('Escape');
    const names = (await page.getByTestId('person-row').allInnerTexts()).map((p) => p.split(/\t|\n/)[0]);
    expect(names).toEqual(['Ana Torres', 'Ben Okafor', 'Priya Nair', 'Rosa Martinez']);

    // Importing the same file again matches people by email instead of duplicating them.
    dialogs.nextOpenPath(fixture('roster-mixed.csv'));
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await page.getByTestId('import-report').waitFor();
    expect(await page.getByTestId('import-report').innerText()).toContain('0 people added, 4 matched by email, 0 memberships added.');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('person-row').count()).toBe(4);

    await goto(page, server.url, '/roster');
    await page.getByRole('tab', { name: 'Councils and teams' }).click();
    await page.getByTestId('team-link').filter({ hasText: 'Pharmacy UBT' }).click();
    await page.getByTestId('member-row').nth(3).waitFor();
    expect(await page.getByTestId('member-row').count()).toBe(4);
    await app.close();
  });
});
