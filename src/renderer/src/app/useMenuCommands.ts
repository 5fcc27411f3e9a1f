import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import type { AppNotice } from '@shared/ipc';
import type { MenuCommand } from '@shared/ipcChannels';
import { bridge } from '../bridge';
import { commonT } from '../components/notify';

/**
 * The app menu's commands (desktop) and their shortcuts (web mode) reach the screens here.
 *
 * - `useMenuCommands()` is used once, by the shell: it listens to the bridge, and shows the
 *   notices main kept for this window (e.g. "reloaded after a crash").
 * - `useMenuCommand(command, handler)` is used by the screen that can carry a command out
 *   (the meetings page opens its New meeting form; an IBPS session opens its room view).
 *
 * A command nobody handles yet goes to the page that can (new meeting -> Meetings) and waits
 * there for its handler, so it works from anywhere; one with no page says so in a notice.
 * Search is sent by the menu before the feature exists: until a screen registers for it, the
 * person is told it is not available yet. "Back up now" is handled by the shell on every page.
 */

const handlers = new Map<MenuCommand, Set<() => void>>();
let pending: MenuCommand | null = null;
// Main hands each notice out once; StrictMode runs effects twice, so both runs share one answer.
let notices: ReturnType<typeof bridge.takeNotices> | undefined;

/** Where a command's handler lives when no screen on show has one. */
const HOME_OF: Partial<Record<MenuCommand, string>> = { 'new-meeting': '/meetings' };

/** What a command with no page says instead (keys of the common namespace). */
const UNHANDLED: Record<MenuCommand, string> = {
  'new-meeting': 'menu.newMeeting',
  search: 'menu.search',
  'room-view': 'menu.roomView',
  'back-up-now': 'menu.backUpNow',
};

/** Main's notices are said by kind in the screens' language (main's English sentence is for its log). */
const NOTICE_KEYS: Record<AppNotice['kind'], string> = { 'recovered-from-crash': 'notice.recoveredFromCrash' };

function run(command: MenuCommand): boolean {
  const registered = [...(handlers.get(command) ?? [])];
  // The most recently mounted screen is the one in front.
  const handler = registered[registered.length - 1];
  if (!handler) return false;
  handler();
  return true;
}

/** Dispatches a command; exported for tests and for in-app buttons that mirror the menu. */
export function dispatchMenuCommand(command: MenuCommand, navigate: (to: string) => void): void {
  if (run(command)) return;
  const home = HOME_OF[command];
  if (home) {
    pending = command;
    navigate(home);
    return;
  }
  notifications.show({ message: commonT()(UNHANDLED[command]), autoClose: 5000 });
}

/** Registers a screen's handler; a command that was waiting for it runs now. Returns the unregister. */
export function registerMenuHandler(command: MenuCommand, handler: () => void): () => void {
  const set = handlers.get(command) ?? new Set();
  handlers.set(command, set);
  set.add(handler);
  if (pending === command) {
    pending = null;
    handler();
  }
  return () => {
    set.delete(handler);
  };
}

/** `handler` should be stable (useCallback): a new one re-registers. */
export function useMenuCommand(command: MenuCommand, handler: () => void): void {
  useEffect(() => registerMenuHandler(command, handler), [command, handler]);
}

export function useMenuCommands(): void {
  const [, navigate] = useLocation();
  useEffect(() => bridge.onMenuCommand((command) => dispatchMenuCommand(command, navigate)), [navigate]);
  useEffect(() => {
    let active = true;
    void (notices ??= bridge.takeNotices()).then((taken) => {
      if (!active) return;
      const t = commonT();
      for (const notice of taken) {
        const key = NOTICE_KEYS[notice.kind] as string | undefined;
        notifications.show({ color: 'orange', title: t('notice.restartedTitle'), message: key ? t(key) : notice.message, autoClose: false });
      }
    });
    return () => {
      active = false;
    };
  }, []);
}
