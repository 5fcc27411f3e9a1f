import type { Page } from 'playwright-core';
import { waitForAppReady } from '../support/app';

/** UI steps shared by e2e tests, written the way a facilitator works: labels, roles, keyboard. */

export async function goto(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}#${route}`);
  // Language-independent (a Spanish run names the navigation "Navegación principal").
  await waitForAppReady(page);
}

export async function createCouncil(page: Page, baseUrl: string, name: string): Promise<void> {
  await goto(page, baseUrl, '/roster');
  await page.getByRole('tab', { name: 'Councils and teams' }).click();
  await page.getByRole('button', { name: 'New council' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create council' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/** From a council page: a new team under it. */
export async function createTeamFromCouncil(page: Page, name: string, department: string): Promise<void> {
  await page.getByRole('button', { name: 'New team' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Team name').fill(name);
  await dialog.getByLabel('Department').fill(department);
  await dialog.getByRole('button', { name: 'Create team' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

export async function createPerson(
  page: Page,
  baseUrl: string,
  person: { name: string; side: 'Management' | 'Union' | 'Physician'; union?: string; local?: string; email?: string; roles?: string[] },
): Promise<void> {
  await goto(page, baseUrl, '/roster');
  await page.getByRole('tab', { name: 'People' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(person.name);
  await dialog.getByRole('radiogroup', { name: 'Side' }).getByText(person.side, { exact: true }).click();
  if (person.union) await dialog.getByRole('textbox', { name: 'Union' }).fill(person.union);
  if (person.local) await dialog.getByRole('textbox', { name: 'Local' }).fill(person.local);
  for (const role of person.roles ?? []) {
    await dialog.getByLabel('Role titles').fill(role);
    await dialog.getByLabel('Role titles').press('Enter');
  }
  if (person.email) await dialog.getByRole('textbox', { name: 'Email' }).fill(person.email);
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

/** Adds a person to the open team or council; a co-lead picked on the team page already is one (nothing to add). */
export async function addMember(page: Page, name: string): Promise<void> {
  const row = page.getByTestId('member-row').filter({ hasText: name });
  // A co-lead just picked is made a member by that same write: let it land first.
  await page.locator('[data-testid="save-indicator"][data-state="saving"]').waitFor({ state: 'detached' });
  if ((await row.count()) > 0) return;
  const box = page.getByRole('combobox', { name: 'Add a member' });
  await box.click();
  await box.fill(name);
  const option = page.getByRole('option', { name: new RegExp(`^${name}`) });
  await option.or(row).first().waitFor();
  if ((await row.count()) > 0) {
    await box.press('Escape');
    return;
  }
  await option.click();
  await row.waitFor();
}

/** Waits until the header says everything typed is stored. */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
}

export const TEAM_PEOPLE = [
  { name: 'Ana Torres', side: 'Union' as const, union: 'SEIU-UHW', local: '250' },
  { name: 'Marcus Bell', side: 'Union' as const, union: 'SEIU-UHW', local: '250' },
  { name: 'Ben Okafor', side: 'Management' as const },
  { name: 'Grace Liu', side: 'Management' as const },
];

/** A team with four members, a meeting with an IBPS agenda item, everyone present. Returns the meeting URL. */
export async function setUpTeamMeeting(
  page: Page,
  baseUrl: string,
  options: { title?: string; startsAt?: string; agendaTitle?: string } = {},
): Promise<string> {
  for (const p of TEAM_PEOPLE) await createPerson(page, baseUrl, p);
  await createCouncil(page, baseUrl, 'Riverside Local Council');
  await createTeamFromCouncil(page, 'Pharmacy UBT', 'Outpatient pharmacy');
  for (const p of TEAM_PEOPLE) await addMember(page, p.name);
  return planMeeting(page, options);
}

/** From a team or council page: plan a meeting with one IBPS agenda item and everyone present. */
export async function planMeeting(page: Page, options: { title?: string; startsAt?: string; agendaTitle?: string } = {}): Promise<string> {
  await page.getByRole('button', { name: 'Plan a meeting' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(options.title ?? 'November UBT meeting');
  if (options.startsAt) await dialog.getByLabel('Date and time').fill(options.startsAt);
  await dialog.getByRole('button', { name: 'Create meeting' }).click();
  await page.getByTestId('meeting-title').waitFor();
  if (options.agendaTitle !== '') {
    await page.getByTestId('new-agenda-item').fill(options.agendaTitle ?? 'Lunch coverage');
    await page.getByTestId('new-agenda-item').press('Enter');
    await page.getByRole('combobox', { name: 'Agenda item 1 type' }).click();
    await page.getByRole('option', { name: 'IBPS' }).click();
  }
  await page.getByRole('button', { name: 'Mark the rest present' }).click();
  await page.getByTestId('quorum-meeting').and(page.locator('[data-met="true"]')).waitFor();
  return page.url();
}

export async function startIbps(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Start IBPS' }).click();
  await page.getByRole('navigation', { name: 'IBPS steps' }).waitFor();
  return page.url();
}

export const step = (page: Page, name: RegExp | string) => page.getByRole('navigation', { name: 'IBPS steps' }).getByRole('button', { name });

export async function capture(page: Page, testId: string, items: readonly string[]): Promise<void> {
  const input = page.getByTestId(testId);
  for (const item of items) {
    await input.fill(item);
    await input.press('Enter');
  }
}

export async function vote(page: Page, name: string, value: string): Promise<void> {
  await page
    .getByRole('radiogroup', { name: `Vote of ${name}` })
    .getByText(value, { exact: true })
    .click();
  await page
    .getByRole('radiogroup', { name: `Vote of ${name}` })
    .locator('label[data-active="true"]', { hasText: value })
    .waitFor();
}
