/**
 * Remembered windows: size, position and maximized state per window kind, kept in one JSON file
 * in userData. The placement rules are pure functions over the displays Electron reports, so a
 * window saved on a projector or a docked monitor that is gone today opens on a screen that
 * exists instead of off-screen, where nobody could reach it.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { atomicWriteFile } from './services/atomicWriteFile';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayLike {
  id: number;
  bounds: Rectangle;
  /** The part not taken by the taskbar / dock / menu bar. */
  workArea: Rectangle;
}

const SavedWindow = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  isMaximized: z.boolean(),
});
export type SavedWindow = z.infer<typeof SavedWindow>;

const StateFile = z.object({ version: z.literal(1), windows: z.record(z.string(), SavedWindow) });

export type WindowKind = 'main' | 'room';

export interface Placement {
  /** x and y are absent when the OS should centre the window. */
  bounds: { x?: number; y?: number; width: number; height: number };
  isMaximized: boolean;
  fullScreen: boolean;
}

/** The title bar must be reachable: this much of the window's top strip must be on one work area. */
const MIN_VISIBLE_WIDTH = 120;
const MIN_VISIBLE_HEIGHT = 40;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function titleBarVisibleOn(saved: Rectangle, display: DisplayLike): boolean {
  const o = overlap({ x: saved.x, y: saved.y, width: saved.width, height: MIN_VISIBLE_HEIGHT }, display.workArea);
  return o.width >= Math.min(MIN_VISIBLE_WIDTH, saved.width) && o.height >= MIN_VISIBLE_HEIGHT;
}

const clampSize = (size: { width: number; height: number }, area: Rectangle) => ({
  width: Math.min(size.width, area.width),
  height: Math.min(size.height, area.height),
});

/**
 * Where a window opens: where it was, when that is still on a connected display (shrunk to fit a
 * smaller screen); otherwise its remembered size, centred by the OS on the primary display.
 */
export function placeWindow(
  saved: SavedWindow | undefined,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
  defaults: { width: number; height: number },
): Placement {
  if (!saved) return { bounds: clampSize(defaults, primary.workArea), isMaximized: false, fullScreen: false };
  const home = displays.find((d) => titleBarVisibleOn(saved, d));
  if (!home) return { bounds: clampSize(saved, primary.workArea), isMaximized: saved.isMaximized, fullScreen: false };
  const size = clampSize(saved, home.workArea);
  // Pulled back inside the work area if the screen got smaller (a laptop undocked from a monitor).
  const x = Math.min(Math.max(saved.x, home.workArea.x), home.workArea.x + home.workArea.width - size.width);
  const y = Math.min(Math.max(saved.y, home.workArea.y), home.workArea.y + home.workArea.height - size.height);
  return { bounds: { x, y, ...size }, isMaximized: saved.isMaximized, fullScreen: false };
}

/**
 * The room view goes full screen on a second display (the projector) when there is one: the
 * display the main window is not on, preferring one that is not the primary. With one display it
 * opens as remembered, beside the facilitator's window.
 */
export function placeRoomView(
  saved: SavedWindow | undefined,
  displays: readonly DisplayLike[],
  primary: DisplayLike,
  mainWindowDisplayId: number | undefined,
  defaults: { width: number; height: number },
): Placement {
  const others = displays.filter((d) => d.id !== (mainWindowDisplayId ?? primary.id));
  const projector = others.find((d) => d.id !== primary.id) ?? others[0];
  if (projector) return { bounds: { ...projector.bounds }, isMaximized: false, fullScreen: true };
  return placeWindow(saved, displays, primary, defaults);
}

export interface WindowStateStore {
  get(kind: WindowKind): SavedWindow | undefined;
  /** Remembers and writes the file (atomically; a failure is logged, never thrown at a closing window). */
  save(kind: WindowKind, state: SavedWindow): Promise<void>;
}

/** Reads the file once; a missing, corrupt or foreign file means "nothing remembered". */
export async function openWindowStateStore(path: string, log: (message: string) => void = () => undefined): Promise<WindowStateStore> {
  let windows: Record<string, SavedWindow> = {};
  try {
    const parsed = StateFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success) windows = parsed.data.windows;
    else log(`window positions in ${path} are unreadable; windows open at their default places`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log(`window positions could not be read (${(error as Error).message}); using defaults`);
  }
  let writing = Promise.resolve();
  return {
    get: (kind) => windows[kind],
    save(kind, state) {
      const parsed = SavedWindow.safeParse({
        ...state,
        x: Math.round(state.x),
        y: Math.round(state.y),
        width: Math.round(state.width),
        height: Math.round(state.height),
      });
      if (!parsed.success) return writing;
      windows = { ...windows, [kind]: parsed.data };
      const text = JSON.stringify({ version: 1, windows });
      // One write at a time, in order: the last position wins on disk as it does in memory.
      writing = writing.then(() => atomicWriteFile(path, text).catch((error: unknown) => log(`window positions not saved: ${(error as Error).message}`)));
      return writing;
    },
  };
}

/** The part of BrowserWindow the tracker reads. */
export interface TrackedWindow {
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isFullScreen(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves a window's normal bounds (the size it returns to when unmaximized) and maximized state:
 * after moves and resizes settle, and on close. Full screen is not remembered (the room view's
 * full screen belongs to the projector, not to the window).
 */
export function trackWindowState(win: TrackedWindow, kind: WindowKind, store: WindowStateStore, settleMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    if (win.isFullScreen()) return;
    void store.save(kind, { ...win.getNormalBounds(), isMaximized: win.isMaximized() });
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, settleMs);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', save);
  win.on('unmaximize', save);
  win.on('close', save);
}
