import type { ConsoleMessage, Page } from 'playwright-core';

/**
 * The app shell's main navigation: rendered once React, Mantine and the database are up. Found by
 * its test id, not its name, so the same wait works whatever language the screens are in.
 */
export const MAIN_NAVIGATION = 'nav[data-testid="main-navigation"]';

/** Waits until the app shell is on screen (the main navigation is visible). */
export async function waitForAppReady(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.locator(MAIN_NAVIGATION).waitFor({ state: 'visible', timeout: timeoutMs });
}

/** True for Chromium's console report of a Content-Security-Policy violation. */
export function isCspViolation(text: string): boolean {
  return /Content Security Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(text);
}

/**
 * Collects what should never happen on a healthy page: console errors (CSP violations arrive
 * as console errors, see isCspViolation) and uncaught exceptions. Attach before navigating, so
 * problems during load are caught too. Returns the live list.
 */
export function collectProblems(page: Page, into: string[] = []): string[] {
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    into.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
  });
  page.on('pageerror', (error: Error) => {
    into.push(`pageerror: ${error.message}`);
  });
  return into;
}
