import { describe, expect, it } from 'vitest';
import { launchApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { capture, createPerson, setUpTeamMeeting, startIbps, step, vote, waitSaved } from './flows/ui';

const server = useAppServer();

const DECISION = 'Reserve ten garage spaces near the entrance for the night shift';

describe('search', () => {
  it('search: find a decision by a word from its interests and open it', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await createPerson(page, server.url, { name: 'Dr. Lucía Álvarez', side: 'Physician' });
    await setUpTeamMeeting(page, server.url, { agendaTitle: 'Night shift parking' });
    await startIbps(page);
    await page.getByRole('button', { name: 'Write the issue statement' }).click();
    await page.getByTestId('issue-statement').fill('How can night staff reach their cars safely?');
    await step(page, /Interests/).click();
    await capture(page, 'capture-interest', ['Staff feel safe walking under the floodlights at 3 am', 'Patients can still park close by']);
    await page.getByTestId('interest-row').nth(1).waitFor();
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
    await page.getByTestId('close-test').click();
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('decision').waitFor();
    await step(page, /Issue/).click();
    await waitSaved(page);

    // From anywhere: Ctrl+K, a word that is only in an interest behind the decision.
    await page.goto(`${server.url}#/meetings`);
    await page.keyboard.press('Control+K');
    const input = page.getByRole('textbox', { name: 'Search everything' });
    await input.waitFor();
    await input.fill('floodlight');
    const decision = page.locator('[data-testid="search-result"][data-kind="decision"]');
    await decision.waitFor();
    expect(await decision.innerText()).toContain(DECISION);
    expect(await page.locator('[data-testid="search-result"][data-kind="interest"]').innerText()).toContain('floodlights');
    // The matched word is highlighted.
    expect(await page.locator('[data-testid="search-result"][data-kind="interest"] mark').first().innerText()).toMatch(/^floodlight/i);
    await saveScreenshot(page, 'search-decision-by-interest');

    // Accents and typos: "alvares" finds Dr. Lucía Álvarez.
    await input.fill('alvares');
    await page.locator('[data-testid="search-result"][data-kind="person"]').filter({ hasText: 'Álvarez' }).waitFor();

    // Opening the decision lands on the consensus step of its session, with the decision shown.
    await input.fill('floodlight');
    await decision.waitFor();
    await decision.click();
    await page.getByTestId('step-consensus').waitFor();
    expect(await page.getByTestId('decision').innerText()).toContain(DECISION);
    expect(page.url()).toMatch(/#\/ibps\/[0-9a-f-]+\/step\/consensus$/);
    expect(app.problems).toEqual([]);
    await app.close();
  });
});
