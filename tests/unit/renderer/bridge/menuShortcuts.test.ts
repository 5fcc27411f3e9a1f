import { describe, expect, it } from 'vitest';
import { menuCommandForKey } from '../../../../src/renderer/src/bridge/menuShortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("web mode's menu shortcuts", () => {
  it('Ctrl+K searches on Windows and Linux, Cmd+K on a Mac', () => {
    expect(menuCommandForKey(key('k', { ctrlKey: true }), false)).toBe('search');
    expect(menuCommandForKey(key('K', { metaKey: true }), true)).toBe('search');
    // Ctrl+K on a Mac is the text field's "delete to end of line": left alone.
    expect(menuCommandForKey(key('k', { ctrlKey: true }), true)).toBeNull();
    expect(menuCommandForKey(key('k'), false)).toBeNull();
  });

  it('needs exactly the accelerator: Shift and Alt must match', () => {
    expect(menuCommandForKey(key('B', { ctrlKey: true, shiftKey: true }), false)).toBe('back-up-now');
    expect(menuCommandForKey(key('b', { ctrlKey: true }), false)).toBeNull();
    expect(menuCommandForKey(key('k', { ctrlKey: true, altKey: true }), false)).toBeNull();
  });

  it("leaves the browser's own Ctrl+N and Ctrl+Shift+R alone", () => {
    expect(menuCommandForKey(key('n', { ctrlKey: true }), false)).toBeNull();
    expect(menuCommandForKey(key('R', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
  });
});
