import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS } from '@shared/ipcChannels';
import { buildMenuTemplate, type MenuActions } from '../../../src/main/menu';

function actions() {
  return {
    sendCommand: vi.fn<MenuActions['sendCommand']>(),
    openUserGuide: vi.fn<() => void>(),
    openLogsFolder: vi.fn<() => void>(),
    showAbout: vi.fn<() => void>(),
  } satisfies MenuActions;
}

const options = { appName: 'Common Ground', isPackaged: true };

/** Every item, depth first. */
function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const submenu = (template: MenuItemConstructorOptions[], label: string) => {
  const menu = template.find((m) => m.label?.replace('&', '') === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
};
const roles = (menu: MenuItemConstructorOptions[]) => menu.filter((i) => i.role).map((i) => i.role);
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('app menu', () => {
  it('macOS: the app menu first (About, Services, Hide, Quit), then File, Edit, View, Window, Help', () => {
    const template = buildMenuTemplate('darwin', options, actions());
    expect(template.map((m) => m.label ?? m.role)).toEqual(['Common Ground', 'File', 'Edit', 'View', 'windowMenu', 'Help']);
    const app = submenu(template, 'Common Ground');
    expect(app[0]!.label).toBe('About Common Ground');
    expect(roles(app)).toEqual(['services', 'hide', 'hideOthers', 'unhide', 'quit']);
    // File closes the window on a Mac; quitting is the app menu's.
    expect(roles(submenu(template, 'File'))).toEqual(['close']);
    expect(items(submenu(template, 'Help')).map((i) => i.id)).toEqual(['user-guide', 'logs-folder']);
  });

  it.each(['win32', 'linux'] as const)('%s: File, Edit, View, Help with access keys; Exit in File, About in Help', (platform) => {
    const template = buildMenuTemplate(platform, options, actions());
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(roles(submenu(template, 'File'))).toEqual(['quit']);
    expect(submenu(template, 'Help').map((i) => i.id ?? i.type)).toEqual(['user-guide', 'logs-folder', 'separator', 'about']);
    expect(items(template).some((i) => i.role === 'services' || i.role === 'hide')).toBe(false);
  });

  it('Edit uses the OS roles, View has zoom and full screen', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const template = buildMenuTemplate(platform, options, actions());
      const editRoles = ['undo', 'redo', 'cut', 'copy', 'paste', ...(platform === 'darwin' ? ['pasteAndMatchStyle'] : []), 'delete', 'selectAll'];
      expect(roles(submenu(template, 'Edit'))).toEqual(editRoles);
      expect(roles(submenu(template, 'View'))).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    }
  });

  it('the developer tools and Reload exist only in development builds', () => {
    const dev = buildMenuTemplate('linux', { ...options, isPackaged: false }, actions());
    expect(roles(submenu(dev, 'View'))).toEqual(['reload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    for (const platform of ['darwin', 'win32', 'linux'] as const)
      expect(items(buildMenuTemplate(platform, options, actions())).some((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toBe(false);
  });

  it("has the app's shortcuts, each sending its command to the renderer, and no shortcut twice", () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const act = actions();
      const all = items(buildMenuTemplate(platform, options, act));
      const byAccelerator = Object.fromEntries(all.filter((i) => i.accelerator).map((i) => [i.accelerator, i]));
      expect(Object.keys(byAccelerator).sort()).toEqual(['CmdOrCtrl+K', 'CmdOrCtrl+N', 'CmdOrCtrl+Shift+B', 'CmdOrCtrl+Shift+R']);
      expect(all.filter((i) => i.accelerator)).toHaveLength(4);
      click(byAccelerator['CmdOrCtrl+N']);
      click(byAccelerator['CmdOrCtrl+K']);
      click(byAccelerator['CmdOrCtrl+Shift+R']);
      click(byAccelerator['CmdOrCtrl+Shift+B']);
      expect(act.sendCommand.mock.calls.map((c) => c[0])).toEqual(['new-meeting', 'search', 'room-view', 'back-up-now']);
      expect(byAccelerator['CmdOrCtrl+Shift+R']!.label).toBe(MENU_COMMANDS['room-view'].label);
    }
  });

  it('Help opens the user guide and the logs folder; About shows the about panel', () => {
    const act = actions();
    const all = items(buildMenuTemplate('win32', options, act));
    click(all.find((i) => i.id === 'user-guide'));
    click(all.find((i) => i.id === 'logs-folder'));
    click(all.find((i) => i.id === 'about'));
    expect(act.openUserGuide).toHaveBeenCalledOnce();
    expect(act.openLogsFolder).toHaveBeenCalledOnce();
    expect(act.showAbout).toHaveBeenCalledOnce();
    expect(act.sendCommand).not.toHaveBeenCalled();
  });
});
