/**
 * The app menu as a pure function of the platform: macOS gets its app menu (About, Services,
 * Hide, Quit) and a Window menu; Windows and Linux put Exit in File and About in Help. Editing
 * uses Electron's roles so the OS's own shortcuts and services work in every text field.
 * The app's own commands (new meeting, search, room view, back up now) are sent to the
 * renderer, which knows what is on screen; the menu never needs to.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS, type MenuCommand } from '../shared/ipcChannels';

export interface MenuActions {
  sendCommand(command: MenuCommand): void;
  openUserGuide(): void;
  openLogsFolder(): void;
  showAbout(): void;
}

export interface MenuOptions {
  appName: string;
  /** Development builds add Reload and the developer tools; installed ones never do. */
  isPackaged: boolean;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

function command(name: MenuCommand, actions: MenuActions): MenuItemConstructorOptions {
  const { label, accelerator } = MENU_COMMANDS[name];
  return { id: name, label, accelerator, click: () => actions.sendCommand(name) };
}

export function buildMenuTemplate(platform: NodeJS.Platform, options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { id: 'about', label: `About ${options.appName}`, click: () => actions.showAbout() };

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };

  const file: MenuItemConstructorOptions = {
    label: mac ? 'File' : '&File',
    submenu: [command('new-meeting', actions), separator, command('back-up-now', actions), separator, mac ? { role: 'close' } : { role: 'quit' }],
  };

  const edit: MenuItemConstructorOptions = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      { role: 'selectAll' },
      separator,
      command('search', actions),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: mac ? 'View' : '&View',
    submenu: [
      command('room-view', actions),
      separator,
      ...(options.isPackaged ? [] : [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, separator]),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [
      { id: 'user-guide', label: 'User guide', click: () => actions.openUserGuide() },
      { id: 'logs-folder', label: 'Show logs folder', click: () => actions.openLogsFolder() },
      ...(mac ? [] : [separator, about]),
    ],
  };

  return mac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}
