import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditScreen, blocking, describeViolations, type ScreenReport } from './support/axe';
import { launchApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { createCouncil, goto, step } from './flows/ui';

const server = useAppServer();

const SAMPLE_COUNCIL = 'Sample: Riverbend Partnership Council';

/** Opens a step's help from the keyboard, checks its three parts, closes it: focus is back on the button. */
async function helpFromKeyboard(page: Page, testId: string, title: string, screenshot?: string): Promise<ScreenReport | null> {
  const button = page.getByTestId(testId);
  await button.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: `Help: ${title}` });
  await drawer.waitFor();
  for (const part of ['What it is for', 'What good looks like', 'A common pitfall']) await drawer.getByRole('heading', { name: part }).waitFor();
  const report = screenshot ? await auditScreen(page, `help drawer: ${title}`) : null;
  if (screenshot) await saveScreenshot(page, screenshot);
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden' });
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(testId);
  return report;
}

describe('welcome', () => {
  it('welcome: try the sample council, find help at each step, then remove the sample in one step', { timeout: 180_000 }, async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });

    // A first launch: an empty store gets the welcome, the sample offer and the guide.
    await goto(page, server.url, '/');
    await page.getByTestId('welcome').waitFor();
    await page.getByTestId('getting-started').getByText('Sign off the minutes').waitFor();
    const a11yHome = await auditScreen(page, 'home: welcome');
    await saveScreenshot(page, 'welcome-first-run');
    await page.getByRole('button', { name: 'Try it with a sample council' }).click();
    const card = page.getByTestId('sample-card');
    await card.waitFor();
    expect(await card.innerText()).toContain(SAMPLE_COUNCIL);
    await page.getByRole('button', { name: 'Try it with a sample council' }).waitFor({ state: 'detached' });
    await card.getByRole('link', { name: 'The falls project and its run chart' }).waitFor();
    await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
    // Audited with the toast still showing: its close button is named (Mantine leaves it unnamed).
    await page.getByText('The sample council is ready.').waitFor();
    await page.getByRole('button', { name: 'Close the message' }).first().waitFor();
    const a11ySample = await auditScreen(page, 'home: sample council');
    await saveScreenshot(page, 'welcome-sample-ready');
    // Gone before the help drawer opens over the same corner (axe would measure the drawer's link over the toast).
    await page.getByText('The sample council is ready.').waitFor({ state: 'detached' });

    // The meeting's IBPS session was carried to the evaluation step: help is there for each step.
    await card.getByRole('link', { name: 'Its IBPS session' }).click();
    await page.getByTestId('step-evaluate').waitFor();
    expect(await step(page, /Criteria/).getAttribute('data-status')).toBe('done');
    const a11yHelp = (await helpFromKeyboard(page, 'help-ibps-evaluate', 'Evaluate options', 'welcome-help-ibps-evaluate'))!;
    await step(page, /Issue/).click();
    await page.getByTestId('step-issue').waitFor();
    await helpFromKeyboard(page, 'help-ibps-issue', 'Issue statement');
    await step(page, /Consensus/).click();
    await page.getByTestId('step-consensus').waitFor();
    await page.getByTestId('help-ibps-consensus').click();
    const consensusHelp = page.getByRole('dialog', { name: 'Help: Consensus' });
    expect(await consensusHelp.innerText()).toContain('fist-to-five');
    // From a step's help to the glossary, in the same window, offline content.
    await consensusHelp.getByRole('link', { name: 'Open the glossary' }).click();
    await page.getByRole('heading', { name: 'Glossary', level: 1 }).waitFor();
    expect(await page.getByTestId('glossary-term').count()).toBe(13);
    await page.getByLabel('Find a term').fill('fist');
    await expect.poll(() => page.getByTestId('glossary-term').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('glossary-term').first().innerText()).toContain('Fist-to-five');
    await page.getByLabel('Find a term').fill('');
    const a11yGlossary = await auditScreen(page, 'glossary');
    await saveScreenshot(page, 'welcome-glossary');

    // The RIM project: a run chart with enough points to show a signal, and help per RIM step.
    await goto(page, server.url, '/');
    await page.getByTestId('sample-card').getByRole('link', { name: 'The falls project and its run chart' }).click();
    const chart = page.getByTestId('measure-chart').first();
    await chart.waitFor();
    expect(Number(await chart.getAttribute('data-points'))).toBe(18);
    await page.getByTestId('signal').first().waitFor();
    await helpFromKeyboard(page, 'help-rim-aim', 'Aim: what are we trying to accomplish?');
    await helpFromKeyboard(page, 'help-rim-measures', 'Measures: how will we know a change is an improvement?');
    await helpFromKeyboard(page, 'help-rim-run-chart', 'Run chart', 'welcome-help-rim-run-chart');
    await helpFromKeyboard(page, 'help-rim-changes', 'Change ideas: what changes can we make?');
    await helpFromKeyboard(page, 'help-rim-plan', 'PDSA: Plan');
    await saveScreenshot(page, 'welcome-sample-project');

    // The facilitator's own council, added while the sample is there, survives the sample's removal.
    await createCouncil(page, server.url, 'Harbor Council');
    await goto(page, server.url, '/');
    await page.getByTestId('remove-sample').click();
    const confirm = page.getByRole('dialog', { name: 'Remove the sample council?' });
    await confirm.waitFor();
    await saveScreenshot(page, 'welcome-remove-sample');
    const a11yRemove = await auditScreen(page, 'home: remove the sample?');
    await confirm.getByRole('button', { name: 'Remove the sample' }).click();
    await page.getByTestId('sample-card').waitFor({ state: 'detached' });
    await goto(page, server.url, '/roster');
    await page.getByRole('link', { name: 'Harbor Council' }).first().waitFor();
    expect(await page.getByText(SAMPLE_COUNCIL).count()).toBe(0);
    await goto(page, server.url, '/meetings');
    await page.getByRole('heading', { name: 'Meetings' }).first().waitFor();
    expect(await page.getByText('Sample: monthly UBT meeting').count()).toBe(0);

    for (const report of [a11yHome, a11ySample, a11yGlossary, a11yHelp, a11yRemove])
      expect(describeViolations({ ...report, violations: blocking(report) })).toBe('');
    await app.close();
  });

  it('in Spanish: Settings → Language turns the shell, home, settings and a missing page into Spanish, and the document language follows', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    const lang = () => page.evaluate(() => document.documentElement.lang);
    await goto(page, server.url, '/settings');
    expect(await lang()).toBe('en');
    await page.getByText('Español', { exact: true }).click();
    await page.getByRole('heading', { name: 'Configuración', level: 1 }).waitFor();
    expect(await lang()).toBe('es');
    await page.getByRole('navigation', { name: 'Navegación principal' }).waitFor();
    // The card of this laptop (the sync and backup cards below are their own features').
    const settings = page.getByRole('heading', { name: 'Esta computadora', level: 2 }).locator('xpath=..');
    await settings.getByText(/ en uso$/).waitFor();
    const settingsText = await settings.innerText();
    for (const english of ['This laptop', 'Data schema', 'Storage', 'Web mode', 'Desktop app', 'Protected from clean-up', 'May be cleared', 'used', 'version'])
      expect(settingsText).not.toContain(english);
    await page.mouse.move(5, 5);
    await saveScreenshot(page, 'shell-es-settings');

    // The e2e helper waits for the navigation by test id: it works on Spanish screens too.
    await goto(page, server.url, '/');
    await page.getByRole('heading', { name: 'Próximas reuniones' }).waitFor();
    await page.getByTestId('welcome').getByRole('button', { name: 'Añadir un consejo' }).waitFor();
    const home = await page.locator('main').innerText();
    for (const english of ['Upcoming meetings', 'All meetings', 'Nothing planned', 'Welcome', 'Getting started']) expect(home).not.toContain(english);
    await saveScreenshot(page, 'shell-es-home');
    const a11yHome = await auditScreen(page, 'home in Spanish');

    await goto(page, server.url, '/no-such-page');
    await page.getByRole('heading', { name: 'Esta página no está en esta computadora' }).waitFor();
    await page.getByRole('link', { name: 'Ir al inicio' }).waitFor();

    // And back: the choice is the person's, and English screens say lang="en" again.
    await goto(page, server.url, '/settings');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    expect(await lang()).toBe('en');
    expect(describeViolations({ ...a11yHome, violations: blocking(a11yHome) })).toBe('');
    expect(app.problems).toEqual([]);
    await app.close();
  });
});
