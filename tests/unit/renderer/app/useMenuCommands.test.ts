import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as MenuModule from '../../../../src/renderer/src/app/useMenuCommands';

const shown = vi.hoisted(() => [] as Array<{ message: string }>);
vi.mock('@mantine/notifications', () => ({ notifications: { show: (n: { message: string }) => shown.push(n) } }));

let menu: typeof MenuModule;
beforeAll(async () => {
  // The bridge module resolves window's API at import; web mode's bridge is created lazily.
  vi.stubGlobal('window', {});
  menu = await import('../../../../src/renderer/src/app/useMenuCommands');
});

describe('menu commands in the renderer', () => {
  it('run the handler of the screen in front (the last registered)', () => {
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = menu.registerMenuHandler('room-view', first);
    const offSecond = menu.registerMenuHandler('room-view', second);
    const navigate = vi.fn();
    menu.dispatchMenuCommand('room-view', navigate);
    expect(second).toHaveBeenCalledOnce();
    expect(first).not.toHaveBeenCalled();
    offSecond();
    menu.dispatchMenuCommand('room-view', navigate);
    expect(first).toHaveBeenCalledOnce();
    offFirst();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('New meeting from anywhere goes to Meetings and opens its form there once it registers', () => {
    const navigate = vi.fn();
    menu.dispatchMenuCommand('new-meeting', navigate);
    expect(navigate).toHaveBeenCalledWith('/meetings');
    const openForm = vi.fn();
    const off = menu.registerMenuHandler('new-meeting', openForm);
    expect(openForm).toHaveBeenCalledOnce();
    // Handled once: the page mounting again later does not reopen the form.
    off();
    const again = vi.fn();
    menu.registerMenuHandler('new-meeting', again)();
    expect(again).not.toHaveBeenCalled();
  });

  it('a command with no handler on show (search, back up now outside the shell, room view outside a session) says so', () => {
    const navigate = vi.fn();
    for (const command of ['search', 'back-up-now', 'room-view'] as const) menu.dispatchMenuCommand(command, navigate);
    expect(shown.map((n) => n.message)).toEqual([
      'Search opens from the header (Ctrl/Cmd+K).',
      'Open Settings to back up now.',
      'Open an IBPS session to show its room view on the second display.',
    ]);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('says it in the language the screens are in when the command arrives', async () => {
    const { useLanguage } = await import('../../../../src/renderer/src/stores/language/store');
    shown.length = 0;
    useLanguage.getState().setLanguage('es');
    try {
      menu.dispatchMenuCommand('back-up-now', vi.fn());
      useLanguage.getState().setLanguage('en');
      menu.dispatchMenuCommand('back-up-now', vi.fn());
    } finally {
      useLanguage.getState().setLanguage('en');
    }
    expect(shown.map((n) => n.message)).toEqual(['Abra Configuración para hacer una copia de seguridad ahora.', 'Open Settings to back up now.']);
  });
});
