import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TEST_RESULTS_DIR } from './paths';

export const SCREENSHOT_DIR = join(TEST_RESULTS_DIR, 'screenshots');

/** 'Roster: team page (after restart)' -> 'roster-team-page-after-restart' */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
  return slug || 'screenshot';
}

/** Saves a PNG of the viewport (or the full page) to test-results/screenshots/<slug>.png. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${slugify(name)}.png`);
  // animations: 'disabled' finishes Mantine's transitions so the picture is the settled UI.
  await page.screenshot({ path, fullPage: options.fullPage ?? false, animations: 'disabled' });
  return path;
}
