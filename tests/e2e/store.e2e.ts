import { describe, expect, it } from 'vitest';
import { launchApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { createCouncil, goto } from './flows/ui';

const server = useAppServer();

describe('store', () => {
  it('store: text typed into a meeting survives killing the browser', async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await createCouncil(page, server.url, 'Riverside Local Council');
    await page.getByRole('button', { name: 'Plan a meeting' }).click();
    await page.getByRole('dialog').getByLabel('Title').fill('Crash-test meeting');
    await page.getByRole('dialog').getByRole('button', { name: 'Create meeting' }).click();
    await page.getByTestId('meeting-objective').waitFor();
    const url = page.url();

    // Type like a recorder does, never leaving the field (no blur, no save button), then the
    // laptop "dies": SIGKILL, no unload handlers, 600 ms after the last key (autosave is 300 ms).
    const objective = 'Agree a fair rotation for weekend on-call that both sides can support';
    await page.getByTestId('meeting-objective').click();
    await page.keyboard.type(objective, { delay: 15 });
    const agenda = page.getByTestId('new-agenda-item');
    await agenda.fill('Weekend on-call rotation');
    await agenda.press('Enter');
    await page.getByTestId('agenda-row').waitFor();
    await page.getByLabel('Agenda item 1 presenter').click();
    await page.keyboard.type('Ana Torres', { delay: 15 });
    await page.waitForTimeout(600);
    await app.kill();

    const again = await launchApp({ baseUrl: server.url, userDataDir: app.userDataDir });
    await again.page.goto(url);
    await again.page.getByTestId('meeting-objective').waitFor();
    expect(await again.page.getByTestId('meeting-objective').inputValue()).toBe(objective);
    expect(await again.page.getByLabel('Agenda item 1 title').inputValue()).toBe('Weekend on-call rotation');
    expect(await again.page.getByLabel('Agenda item 1 presenter').inputValue()).toBe('Ana Torres');
    await saveScreenshot(again.page, 'store-after-kill');
    await goto(again.page, server.url, '/meetings');
    await again.page.getByTestId('meeting-row').first().waitFor();
    expect(await again.page.getByTestId('meeting-row').count()).toBe(1);
    await again.close();
  });
});
