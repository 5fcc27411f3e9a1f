import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWindowStateStore, placeRoomView, placeWindow, trackWindowState, type DisplayLike, type TrackedWindow } from '../../../src/main/windowState';

const laptop: DisplayLike = { id: 1, bounds: { x: 0, y: 0, width: 1440, height: 900 }, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const monitor: DisplayLike = { id: 2, bounds: { x: 1440, y: 0, width: 2560, height: 1440 }, workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const projector: DisplayLike = { id: 3, bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, workArea: { x: -1920, y: 0, width: 1920, height: 1080 } };
const defaults = { width: 1280, height: 800 };

describe('where a window opens', () => {
  it('first time: the default size, centred by the OS', () => {
    expect(placeWindow(undefined, [laptop], laptop, defaults)).toEqual({ bounds: { width: 1280, height: 800 }, isMaximized: false, fullScreen: false });
  });

  it('where it was, maximized or not, when that display is still there', () => {
    const saved = { x: 1600, y: 100, width: 1800, height: 1100, isMaximized: true };
    expect(placeWindow(saved, [laptop, monitor], laptop, defaults)).toEqual({
      bounds: { x: 1600, y: 100, width: 1800, height: 1100 },
      isMaximized: true,
      fullScreen: false,
    });
  });

  it('on the primary display, with its size, when the display it was on is gone', () => {
    const onTheMonitor = { x: 1600, y: 100, width: 1800, height: 1100, isMaximized: false };
    // Undocked: only the laptop is left. The window must not open off-screen at x=1600.
    expect(placeWindow(onTheMonitor, [laptop], laptop, defaults)).toEqual({ bounds: { width: 1440, height: 875 }, isMaximized: false, fullScreen: false });
  });

  it('not on a display where only a sliver of it (no reachable title bar) would show', () => {
    const mostlyOff = { x: 1400, y: 300, width: 1000, height: 600, isMaximized: false };
    expect(placeWindow(mostlyOff, [laptop], laptop, defaults).bounds).toEqual({ width: 1000, height: 600 });
    const titleBarAbove = { x: 100, y: -500, width: 1000, height: 600, isMaximized: false };
    expect(placeWindow(titleBarAbove, [laptop], laptop, defaults).bounds).toEqual({ width: 1000, height: 600 });
  });

  it('pulled inside a screen that got smaller, and shrunk to fit it', () => {
    const big = { x: 200, y: 100, width: 1400, height: 1000, isMaximized: false };
    expect(placeWindow(big, [laptop], laptop, defaults).bounds).toEqual({ x: 40, y: 25, width: 1400, height: 875 });
  });
});

describe('the room view', () => {
  it('opens full screen on the second display when there is one', () => {
    expect(placeRoomView(undefined, [laptop, projector], laptop, laptop.id, defaults)).toEqual({
      bounds: projector.bounds,
      isMaximized: false,
      fullScreen: true,
    });
  });

  it("never on the facilitator's own display, preferring one that is not the primary", () => {
    // The facilitator moved the app to the monitor: the projector, not the monitor, gets the room view.
    expect(placeRoomView(undefined, [laptop, monitor, projector], laptop, monitor.id, defaults).bounds).toEqual(projector.bounds);
    expect(placeRoomView(undefined, [laptop, monitor], laptop, monitor.id, defaults).bounds).toEqual(laptop.bounds);
  });

  it('with one display, opens as remembered (not full screen over the facilitator)', () => {
    const saved = { x: 100, y: 100, width: 800, height: 600, isMaximized: false };
    expect(placeRoomView(saved, [laptop], laptop, laptop.id, defaults)).toEqual({
      bounds: { x: 100, y: 100, width: 800, height: 600 },
      isMaximized: false,
      fullScreen: false,
    });
  });
});

describe('the remembered positions file', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cg-windows-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps each window kind across restarts', async () => {
    const path = join(dir, 'window-state.json');
    const store = await openWindowStateStore(path);
    expect(store.get('main')).toBeUndefined();
    await store.save('main', { x: 10.4, y: 20, width: 1000, height: 700, isMaximized: true });
    await store.save('room', { x: -1900, y: 0, width: 800, height: 600, isMaximized: false });
    const restarted = await openWindowStateStore(path);
    expect(restarted.get('main')).toEqual({ x: 10, y: 20, width: 1000, height: 700, isMaximized: true });
    expect(restarted.get('room')).toEqual({ x: -1900, y: 0, width: 800, height: 600, isMaximized: false });
  });

  it('treats a corrupt file as nothing remembered, says so, and replaces it on the next save', async () => {
    const path = join(dir, 'window-state.json');
    await writeFile(path, '{"version":1,"windows":{"main":{"x":"left"}}}');
    const log = vi.fn();
    const store = await openWindowStateStore(path, log);
    expect(store.get('main')).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/unreadable/));
    await store.save('main', { x: 0, y: 0, width: 900, height: 600, isMaximized: false });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, windows: { main: { x: 0, y: 0, width: 900, height: 600, isMaximized: false } } });
  });

  it('logs, and does not throw, when the folder cannot be written', async () => {
    const log = vi.fn();
    const store = await openWindowStateStore(join(dir, 'gone', 'window-state.json'), log);
    await store.save('main', { x: 0, y: 0, width: 900, height: 600, isMaximized: false });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/not saved/));
  });
});

describe('tracking a window', () => {
  function fakeWindow() {
    const listeners = new Map<string, () => void>();
    const state = { bounds: { x: 0, y: 0, width: 1000, height: 700 }, maximized: false, fullScreen: false };
    const win: TrackedWindow = {
      getNormalBounds: () => state.bounds,
      isMaximized: () => state.maximized,
      isFullScreen: () => state.fullScreen,
      on: (event, listener) => listeners.set(event, listener),
    };
    return { win, state, emit: (event: string) => listeners.get(event)!() };
  }

  it('saves the normal bounds once a move settles, and the maximized state at once and on close', async () => {
    vi.useFakeTimers();
    try {
      const saves: unknown[] = [];
      const store = { get: () => undefined, save: async (_k: string, s: unknown) => void saves.push(s) };
      const { win, state, emit } = fakeWindow();
      trackWindowState(win, 'main', store, 500);
      state.bounds = { x: 50, y: 60, width: 1000, height: 700 };
      emit('move');
      emit('move');
      expect(saves).toEqual([]);
      vi.advanceTimersByTime(500);
      expect(saves).toEqual([{ x: 50, y: 60, width: 1000, height: 700, isMaximized: false }]);
      state.maximized = true;
      emit('maximize');
      expect(saves.at(-1)).toEqual({ x: 50, y: 60, width: 1000, height: 700, isMaximized: true });
      state.fullScreen = true;
      emit('close');
      expect(saves).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
