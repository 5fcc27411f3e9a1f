import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchApp, type LaunchedApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { startSyncServer, type SyncServerProcess } from './support/syncServer';
import { goto } from './flows/ui';

/**
 * Two facilitators, two browser profiles (two laptops), one real sync server process started
 * here with its admin CLI. Web mode: the browser bridge talks to the server with fetch (CORS for
 * the app's origin only); the desktop app does the same exchange from its main process.
 */
const app = useAppServer();
let sync: SyncServerProcess;
let councilId = '';
let pat = '';
let jordan = '';

beforeAll(async () => {
  sync = await startSyncServer({ corsOrigin: new URL(app.url).origin });
  councilId = (await sync.admin<{ id: string }>('create-council', 'Harbor Regional Council')).id;
  pat = (await sync.admin<{ id: string }>('create-account', 'Pat Okafor')).id;
  jordan = (await sync.admin<{ id: string }>('create-account', 'Jordan Reyes')).id;
  await sync.admin('add-member', pat, councilId);
  await sync.admin('add-member', jordan, councilId);
}, 60_000);

afterAll(async () => {
  await sync?.stop();
});

async function connect(page: Page, accountId: string, deviceName: string): Promise<void> {
  const { code } = await sync.admin<{ code: string }>('issue-enrollment-code', accountId);
  await goto(page, app.url, '/settings');
  await page.getByTestId('sync-server-url').fill(sync.url);
  await page.getByTestId('sync-code').fill(code.toLowerCase().replace(/-/g, ' ')); // typed loosely, as people do
  await page.getByTestId('sync-device-name').fill(deviceName);
  await page.getByTestId('sync-connect').click();
  await phase(page, 'Up to date');
}

async function phase(page: Page, text: string, timeout = 30_000): Promise<void> {
  await page.getByTestId('sync-phase').filter({ hasText: text }).waitFor({ timeout });
}

/** Press "Sync now" in Settings and wait until it has finished. */
async function syncNow(page: Page): Promise<void> {
  await goto(page, app.url, '/settings');
  await page.getByTestId('sync-now').click();
  await phase(page, 'Up to date');
}

/** The meetings list shows exactly these meetings. */
async function expectMeetings(page: Page, titles: readonly string[]): Promise<void> {
  await goto(page, app.url, '/meetings');
  for (const title of titles) await page.getByTestId('meeting-row').filter({ hasText: title }).waitFor({ timeout: 10_000 });
  expect(await page.getByTestId('meeting-row').count()).toBe(titles.length);
}

async function planCouncilMeeting(page: Page, title: string, agendaItem: string): Promise<string> {
  await goto(page, app.url, `/roster/councils/${councilId}`);
  await page.getByRole('button', { name: 'Plan a meeting' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill(title);
  await dialog.getByRole('button', { name: 'Create meeting' }).click();
  await page.getByTestId('meeting-title').waitFor();
  await page.getByTestId('new-agenda-item').fill(agendaItem);
  await page.getByTestId('new-agenda-item').press('Enter');
  await page.getByTestId('agenda-row').first().waitFor();
  return new URL(page.url()).hash.replace(/^#/, '');
}

async function laptops(): Promise<[LaunchedApp, LaunchedApp]> {
  const a = await launchApp({ baseUrl: app.url });
  const b = await launchApp({ baseUrl: app.url });
  return [a, b];
}

describe('sync', () => {
  it("sync: two facilitators edit offline and both see each other's work after reconnecting", async () => {
    const [a, b] = await laptops();
    await connect(a.page, pat, 'Pat laptop');
    await connect(b.page, jordan, 'Jordan laptop');
    // The council the admin created reaches both laptops.
    await goto(b.page, app.url, `/roster/councils/${councilId}`);
    await b.page.getByRole('heading', { name: 'Harbor Regional Council', level: 1 }).waitFor();

    // The clinic's network goes away; both keep working.
    await a.context.setOffline(true);
    await b.context.setOffline(true);
    await planCouncilMeeting(a.page, 'January council meeting', 'Weekend coverage');
    await planCouncilMeeting(b.page, 'Staffing check-in', 'Float pool');
    await goto(a.page, app.url, '/settings');
    await a.page.getByTestId('sync-now').click();
    await phase(a.page, 'Offline');
    expect(await a.page.getByTestId('sync-pending').innerText()).toMatch(/\d+ changes? waiting to be sent/);
    await saveScreenshot(a.page, 'sync-offline-pending');

    // Back online: sync runs by itself when the network returns; "Sync now" makes sure both
    // laptops have also pulled what the other pushed.
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);
    await expectMeetings(a.page, ['January council meeting', 'Staffing check-in']);
    await expectMeetings(b.page, ['January council meeting', 'Staffing check-in']);
    await b.page.getByTestId('meeting-row').filter({ hasText: 'January council meeting' }).click();
    await b.page.getByTestId('agenda-row').first().waitFor();
    expect(await b.page.getByTestId('agenda-row').locator('input').first().inputValue()).toBe('Weekend coverage');
    await goto(a.page, app.url, '/settings');
    await phase(a.page, 'Up to date');
    await saveScreenshot(a.page, 'sync-settings-up-to-date');

    // It is stored, not just shown: Jordan's laptop restarts and still has Pat's meeting.
    await b.close();
    const again = await launchApp({ baseUrl: app.url, userDataDir: b.userDataDir });
    await expectMeetings(again.page, ['January council meeting', 'Staffing check-in']);
    expect([...a.problems, ...again.problems].filter((p) => !/net::ERR_INTERNET_DISCONNECTED|Failed to fetch|ERR_NETWORK/.test(p))).toEqual([]);
    await again.close();
    await a.close();
  });

  it('sync: a conflicting edit is kept and can be restored', async () => {
    const [a, b] = await laptops();
    await connect(a.page, pat, 'Pat second laptop');
    await connect(b.page, jordan, 'Jordan second laptop');
    const route = await planCouncilMeeting(a.page, 'Budget review', 'Overtime budget');
    await syncNow(a.page);
    await syncNow(b.page);

    await a.context.setOffline(true);
    await b.context.setOffline(true);
    for (const [page, title] of [
      [a.page, 'Budget review: overtime'],
      [b.page, 'Budget review: agency staff'],
    ] as const) {
      await goto(page, app.url, route);
      await page.getByTestId('meeting-title').fill(title);
      await page.getByTestId('meeting-title').press('Tab');
      await page.locator('[data-testid="save-indicator"][data-state="saved"]').waitFor();
    }
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(a.page);
    await syncNow(b.page);
    await syncNow(a.page);

    // Both laptops agree on one title; the other one is kept, not lost.
    const titleA = await (async () => {
      await goto(a.page, app.url, route);
      return a.page.getByTestId('meeting-title').inputValue();
    })();
    await goto(b.page, app.url, route);
    expect(await b.page.getByTestId('meeting-title').inputValue()).toBe(titleA);
    const lost = titleA === 'Budget review: overtime' ? 'Budget review: agency staff' : 'Budget review: overtime';

    await goto(b.page, app.url, '/settings');
    await b.page.getByTestId('sync-conflicts-link').click();
    const row = b.page.getByTestId('conflict-row').filter({ hasText: lost });
    await row.waitFor();
    expect(await row.getByTestId('conflict-losing-value').innerText()).toContain(lost);
    await saveScreenshot(b.page, 'sync-conflict-review');
    await row.getByTestId('conflict-restore').click();
    await b.page.getByTestId('conflict-row').filter({ hasText: lost }).waitFor({ state: 'detached' });

    await syncNow(b.page);
    await syncNow(a.page);
    for (const page of [a.page, b.page]) {
      await goto(page, app.url, route);
      await page.waitForFunction((want) => (document.querySelector('[data-testid="meeting-title"]') as HTMLInputElement | null)?.value === want, lost);
    }
    // Resolved everywhere: neither laptop lists the conflict any more.
    await goto(a.page, app.url, '/sync/conflicts');
    await a.page.getByText(/No conflicts/).waitFor();
    await a.close();
    await b.close();
  });
});
