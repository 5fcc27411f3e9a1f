import type { Page } from 'playwright-core';

/** UI steps shared by e2e tests, written the way a facilitator works: labels, roles, keyboard. */

export async function goto(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}#${route}`);
  await page.locator('nav[aria-label="Main navigation"]').waitFor();
}

export async function createCouncil(page: Page, baseUrl: string, name: string): Promise<void> {
  await goto(page, baseUrl, '/roster');
  await page.getByRole('button', { name: 'New council' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create council' }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

/** From a council page: a new team under it. */
export async function createTeamFromCouncil(page: Page, name: string, department: string): Promise<void> {
  await page.getByRole('button', { name: 'New team' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Team name').fill(name);
  await dialog.getByLabel('Department').fill(department);
  await dialog.getByRole('button', { name: 'Create team' }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

export async function createPerson(page: Page, baseUrl: string, person: { name: string; side: 'Management' | 'Union' | 'Physician'; union?: string; local?: string; email?: string; roles?: string[] }): Promise<void> {
  await goto(page, baseUrl, '/roster');
  await page.getByRole('tab', { name: 'People' }).click();
  await page.getByRole('button', { name: 'New person' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(person.name);
  await dialog.getByRole('radiogroup', { name: 'Side' }).getByText(person.side, { exact: true }).click();
  if (person.union) await dialog.getByRole('textbox', { name: 'Union' }).fill(person.union);
  if (person.local) await dialog.getByRole('textbox', { name: 'Local' }).fill(person.local);
  for (const role of person.roles ?? []) {
    await dialog.getByRole('textbox', { name: 'Role titles' }).fill(role);
    await dialog.getByRole('textbox', { name: 'Role titles' }).press('Enter');
  }
  if (person.email) await dialog.getByRole('textbox', { name: 'Email' }).fill(person.email);
  await dialog.getByRole('button', { name: 'Add person' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

export async function addMember(page: Page, name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: 'Add a member' });
  await box.click();
  await box.fill(name);
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  await page.getByTestId('member-row').filter({ hasText: name }).waitFor();
}

/** Waits until the header says everything typed is stored. */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
}
