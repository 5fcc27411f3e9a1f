import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { auditScreen } from './support/axe';
import { launchApp } from './support/browser';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { createCouncil, createPerson, goto, waitSaved } from './flows/ui';

const server = useAppServer();
const COPIES = 130;

/**
 * Set-up only: copies of the meeting and action item the UI just wrote, put straight into
 * IndexedDB (a long history typed through the UI would take minutes). Each copy keeps the exact
 * shape the app stored; meeting i is i days before the original, its item due i days later.
 */
function copyHistory(page: Page, copies: number): Promise<void> {
  return page.evaluate(
    (copies) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('common-ground');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['meetings', 'actionItems'], 'readwrite');
          const meetings = tx.objectStore('meetings');
          const items = tx.objectStore('actionItems');
          const day = (iso: string, days: number) => new Date(Date.parse(`${iso.slice(0, 10)}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
          meetings.getAll().onsuccess = (m) => {
            const [meeting] = (m.target as IDBRequest<Array<Record<string, string>>>).result;
            items.getAll().onsuccess = (a) => {
              const [item] = (a.target as IDBRequest<Array<Record<string, string>>>).result;
              for (let i = 1; i <= copies; i++) {
                const n = String(i).padStart(3, '0');
                const meetingId = `${meeting!.id!.slice(0, 24)}${n.padStart(12, '0')}`;
                meetings.put({
                  ...meeting,
                  id: meetingId,
                  title: `History meeting ${n}`,
                  startsAt: `${day(meeting!.startsAt!, -i)}${meeting!.startsAt!.slice(10)}`,
                });
                items.put({
                  ...item,
                  id: `${item!.id!.slice(0, 24)}${n.padStart(12, '0')}`,
                  meetingId,
                  what: `Follow up ${n} on the float pool`,
                  dueDate: day(meeting!.startsAt!, i),
                });
              }
            };
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    copies,
  );
}

const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

describe('lists', () => {
  it('lists: a long history pages in the meetings list and the action items page', { timeout: 180_000 }, async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    await createPerson(page, server.url, { name: 'Grace Liu', side: 'Management' });
    await createCouncil(page, server.url, 'Riverside Local Council');
    await page.getByRole('button', { name: 'Plan a meeting' }).click();
    await page.getByRole('dialog').getByLabel('Title').fill('Float pool review');
    await page.getByRole('dialog').getByLabel('Date and time').fill('2026-11-24T09:00');
    await page.getByRole('dialog').getByRole('button', { name: 'Create meeting' }).click();
    await page.getByTestId('capture-action').fill('Post the float pool rotation');
    await page.getByTestId('capture-action').press('Enter');
    await page.getByTestId('action-row').waitFor();
    await waitSaved(page);
    await copyHistory(page, COPIES);

    // Meetings: one page of 50, newest first; the pager moves through all 131 and keeps focus.
    await goto(page, server.url, '/meetings');
    const rows = page.getByTestId('meeting-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(50);
    expect(await rows.first().textContent()).toContain('Float pool review');
    const pager = page.getByTestId('meetings-pager');
    expect(await pager.textContent()).toContain('1–50 of 131');
    await pager.getByRole('button', { name: 'Next page' }).click();
    await pager.getByText('51–100 of 131').waitFor();
    expect(await rows.first().textContent()).toContain('History meeting 050');
    expect(await focusedLabel(page)).toBe('Next page');
    await page.keyboard.press('Enter');
    await pager.getByText('101–131 of 131').waitFor();
    expect(await rows.count()).toBe(31);
    expect(await rows.last().textContent()).toContain('History meeting 130');
    await saveScreenshot(page, 'lists-meetings-last-page');
    expect((await auditScreen(page, 'meetings list, third page')).violations).toEqual([]);

    // A search goes back to the first page of its matches, and finds meetings on any page.
    await page.getByRole('textbox', { name: 'Search meetings' }).fill('history meeting 12');
    await expect.poll(() => rows.count()).toBe(12); // 012, 112 and 120–129
    expect(await pager.count()).toBe(0); // one page: no pager
    expect(await rows.first().textContent()).toContain('History meeting 012');
    await page.getByRole('textbox', { name: 'Search meetings' }).fill('radiology');
    await page.getByText('No meeting matches “radiology”.').waitFor();

    // Action items: open items, earliest due first, 50 to a page.
    await goto(page, server.url, '/actions');
    const items = page.getByTestId('action-item-row');
    await items.first().waitFor();
    expect(await items.count()).toBe(50);
    const actionsPager = page.getByTestId('actions-pager');
    expect(await actionsPager.textContent()).toContain('1–50 of 131');
    await actionsPager.getByRole('button', { name: '3', exact: true }).click();
    await actionsPager.getByText('101–131 of 131').waitFor();
    expect(await items.count()).toBe(31);
    // The owner picker offers the roster once opened (it holds only the owner until then), and saves.
    const owner = page.getByRole('combobox', { name: 'Owner of Follow up 101 on the float pool' });
    await owner.click();
    await page.getByRole('option', { name: /^Grace Liu/ }).click();
    await waitSaved(page);
    await expect.poll(() => owner.inputValue()).toMatch(/^Grace Liu/); // once the list re-reads the saved item
    // A search goes back to the first page, and its matches fit one page: no pager.
    await page.getByRole('textbox', { name: 'Search action items' }).fill('follow up 007');
    await expect.poll(() => items.count()).toBe(1);
    expect(await actionsPager.count()).toBe(0);
    expect(await items.getByRole('textbox', { name: 'What' }).inputValue()).toBe('Follow up 007 on the float pool');
    await page.getByRole('textbox', { name: 'Search action items' }).fill('grace');
    await expect.poll(() => items.count()).toBe(1); // the owner's name is searched too
    await saveScreenshot(page, 'lists-actions-search');
    await app.close();
  });
});
