import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { closeAll, launchApp, runningPids, type LaunchedApp } from './support/browser';
import { startTestServer, type TestServer } from './support/server';
import { saveScreenshot } from './support/screenshots';
import { isCspViolation, MAIN_NAVIGATION, waitForAppReady } from './support/app';

/**
 * Proves the e2e harness itself: the built renderer loads under the web server's CSP in real
 * Chromium, and the profile's IndexedDB survives both a clean quit and a SIGKILL. If this test
 * fails, every other e2e failure is suspect.
 */

// Browser-side IndexedDB helpers, as source text: the e2e tsconfig has no DOM types, and this
// runs in the page, not in Node. Durability 'strict' is what the app uses for typed input, and
// resolving on oncomplete (not on request success) is the point: after that, the write is on disk.
const IDB = `({
  open() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open('harness-check', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('kv');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  },
  async put(key, value) {
    const db = await this.open();
    try {
      await new Promise((resolve, reject) => {
        const tx = db.transaction('kv', 'readwrite', { durability: 'strict' });
        tx.objectStore('kv').put(value, key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
      });
    } finally {
      db.close();
    }
  },
  async get(key) {
    const db = await this.open();
    try {
      return await new Promise((resolve, reject) => {
        const request = db.transaction('kv', 'readonly').objectStore('kv').get(key);
        request.onsuccess = () => resolve(request.result ?? null);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  },
})`;

const idbPut = (page: Page, key: string, value: string) => page.evaluate(`${IDB}.put(${JSON.stringify(key)}, ${JSON.stringify(value)})`);
const idbGet = (page: Page, key: string) => page.evaluate(`${IDB}.get(${JSON.stringify(key)})`) as Promise<string | null>;

function groupGone(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
}

async function expectHealthyLoad(app: LaunchedApp): Promise<void> {
  await waitForAppReady(app.page);
  expect(await app.page.title()).toBe('Common Ground');
  expect(await app.page.locator(MAIN_NAVIGATION).isVisible()).toBe(true);
  expect(app.problems.filter(isCspViolation), 'CSP violations').toEqual([]);
  expect(app.problems, 'console errors and page errors').toEqual([]);
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await closeAll();
  await server?.close();
});

describe('harness', () => {
  it('harness: the built app loads in real Chromium, keeps IndexedDB across a restart and after a kill', async () => {
    const first = await launchApp({ baseUrl: server.url });
    await expectHealthyLoad(first);
    expect(await first.page.viewportSize()).toEqual({ width: 1366, height: 850 });
    const written = `graceful ${Date.now()}`;
    await idbPut(first.page, 'graceful', written);
    await first.close();
    expect(groupGone(first.pid), 'no Chromium process left after close()').toBe(true);

    const second = await launchApp({ baseUrl: server.url, userDataDir: first.userDataDir });
    await expectHealthyLoad(second);
    expect(await idbGet(second.page, 'graceful')).toBe(written);
    const beforeKill = `killed ${Date.now()}`;
    await idbPut(second.page, 'killed', beforeKill);
    // The instant the transaction completes: no unload, no shutdown, no flush. A power cut.
    await second.kill();
    expect(groupGone(second.pid), 'no Chromium process left after kill()').toBe(true);
    expect(runningPids()).toEqual([]);

    const third = await launchApp({ baseUrl: server.url, userDataDir: first.userDataDir });
    await expectHealthyLoad(third);
    expect(await idbGet(third.page, 'killed')).toBe(beforeKill);
    expect(await idbGet(third.page, 'graceful')).toBe(written);
    const shot = await saveScreenshot(third.page, 'harness-app-after-kill');
    expect(existsSync(shot)).toBe(true);
    await third.close();
    expect(runningPids()).toEqual([]);
  });
});
