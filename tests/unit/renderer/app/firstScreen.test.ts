import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as FirstScreen from '../../../../src/renderer/src/app/firstScreen';

// What the first screen does not need (other screens' code and words, sync, backups) waits for it:
// loaded earlier, it would be parsed while the first screen is still reading the store.

let first: typeof FirstScreen;
beforeEach(async () => {
  // The moment is once per window: each test starts from a window that has shown nothing yet.
  vi.resetModules();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  first = await import('../../../../src/renderer/src/app/firstScreen');
});
afterEach(() => vi.useRealTimers());
// A zero-delay timeout is the next task (Node, like browsers, waits at least 1 ms for it).
const nextTask = () => vi.advanceTimersByTime(1);

describe('loading what the first screen does not need', () => {
  it('waits for the first screen, then for the window to be free', () => {
    const load = vi.fn();
    first.afterFirstScreen(load);
    vi.advanceTimersByTime(first.FIRST_SCREEN_FALLBACK_MS - 1);
    expect(load).not.toHaveBeenCalled();
    first.markFirstScreenShown();
    // Not in the same task as the screen's own render.
    expect(load).not.toHaveBeenCalled();
    nextTask();
    expect(load).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(first.FIRST_SCREEN_FALLBACK_MS);
    expect(load).toHaveBeenCalledOnce();
  });

  it('starts at once (after the current task) when the first screen is already up', () => {
    first.markFirstScreenShown();
    const load = vi.fn();
    first.afterFirstScreen(load);
    expect(load).not.toHaveBeenCalled();
    nextTask();
    expect(load).toHaveBeenCalledOnce();
  });

  it('still starts when no screen ever shows a heading (the projector window, a missing record)', () => {
    const load = vi.fn();
    first.afterFirstScreen(load);
    vi.advanceTimersByTime(first.FIRST_SCREEN_FALLBACK_MS);
    nextTask();
    expect(load).toHaveBeenCalledOnce();
    first.markFirstScreenShown();
    vi.advanceTimersByTime(first.FIRST_SCREEN_FALLBACK_MS);
    expect(load).toHaveBeenCalledOnce();
  });

  it('does nothing once cancelled (a component gone before the moment came)', () => {
    const load = vi.fn();
    const cancel = first.afterFirstScreen(load);
    cancel();
    first.markFirstScreenShown();
    vi.advanceTimersByTime(first.FIRST_SCREEN_FALLBACK_MS);
    expect(load).not.toHaveBeenCalled();
    const late = vi.fn();
    const cancelLate = first.afterFirstScreen(late);
    // Cancelled between the mark and the idle moment.
    cancelLate();
    nextTask();
    expect(late).not.toHaveBeenCalled();
  });
});
