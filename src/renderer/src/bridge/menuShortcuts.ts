import { MENU_COMMANDS, type MenuCommand } from '@shared/ipcChannels';

/**
 * Web mode has no app menu, so the page maps the menu's shortcuts itself. Not all of them: a
 * browser keeps Ctrl+N (new window) and Ctrl+Shift+R (hard reload) for itself, and taking the
 * reload away from a page whose data is in IndexedDB would be worse than a missing shortcut.
 */
const BROWSER_RESERVED: ReadonlySet<MenuCommand> = new Set(['new-meeting', 'room-view']);

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

function matches(accelerator: string, event: KeyLike, isMac: boolean): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!.toLowerCase();
  const wantShift = parts.includes('Shift');
  const wantAlt = parts.includes('Alt');
  // CmdOrCtrl: Command on macOS, Control elsewhere; never both, so Ctrl+K on a Mac stays the editor's.
  const primary = isMac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  return primary && event.shiftKey === wantShift && event.altKey === wantAlt && event.key.toLowerCase() === key;
}

/** The command a key press stands for in web mode, or null. */
export function menuCommandForKey(event: KeyLike, isMac: boolean): MenuCommand | null {
  for (const [command, { accelerator }] of Object.entries(MENU_COMMANDS) as Array<[MenuCommand, { accelerator: string }]>) {
    if (BROWSER_RESERVED.has(command)) continue;
    if (matches(accelerator, event, isMac)) return command;
  }
  return null;
}

/** Listens for the shortcuts on a window; returns the unsubscribe. */
export function listenForMenuShortcuts(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  isMac: boolean,
  listener: (command: MenuCommand) => void,
) {
  const onKeyDown = (event: KeyboardEvent) => {
    const command = menuCommandForKey(event, isMac);
    if (!command) return;
    event.preventDefault();
    listener(command);
  };
  target.addEventListener('keydown', onKeyDown);
  return () => target.removeEventListener('keydown', onKeyDown);
}
