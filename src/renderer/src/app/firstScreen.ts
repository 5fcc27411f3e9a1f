/**
 * The moment the first screen shows its content: the signal for everything the first screen does
 * not need (other screens' code and words, sync, backups) to start loading. Loading them any
 * earlier makes the first screen wait: on a cold start the store's reads leave the main thread
 * idle between them, and an idle callback fired then would parse other screens' code before the
 * first one has drawn.
 */

/** Bounds the wait for a screen that never shows a heading (a missing record, the projector window). */
export const FIRST_SCREEN_FALLBACK_MS = 5000;

let shown = false;
const waiting = new Set<() => void>();

export function markFirstScreenShown(): void {
  if (shown) return;
  shown = true;
  for (const then of waiting) then();
  waiting.clear();
}

/**
 * Runs `then` once the first screen is up (or `fallbackMs` later at the latest) and the window has
 * gone idle after it. Returns the cancel.
 */
export function afterFirstScreen(then: () => void, fallbackMs = FIRST_SCREEN_FALLBACK_MS): () => void {
  let cancelled = false;
  let cancelWait = () => undefined as void;
  const fire = () => {
    if (cancelled) return;
    cancelled = true;
    then();
  };
  const whenIdle = () => {
    waiting.delete(whenIdle);
    clearTimeout(fallback);
    if (cancelled) return;
    // A zero-delay task first: the screen's own effects and paint come before the idle callback.
    const handle = setTimeout(() => {
      if (typeof requestIdleCallback === 'function') {
        const idle = requestIdleCallback(fire, { timeout: 2000 });
        cancelWait = () => cancelIdleCallback(idle);
      } else fire();
    }, 0);
    cancelWait = () => clearTimeout(handle);
  };
  const fallback = setTimeout(whenIdle, fallbackMs);
  if (shown) whenIdle();
  else waiting.add(whenIdle);
  return () => {
    cancelled = true;
    waiting.delete(whenIdle);
    clearTimeout(fallback);
    cancelWait();
  };
}

/**
 * Marks the first screen shown once the main area holds a heading: every screen opens with its
 * h1, drawn once its code, its words and its first reads have arrived.
 */
export function watchFirstScreen(main: HTMLElement): () => void {
  if (shown) return () => undefined;
  if (main.querySelector('h1')) {
    markFirstScreenShown();
    return () => undefined;
  }
  const observer = new MutationObserver(() => {
    if (!main.querySelector('h1')) return;
    observer.disconnect();
    markFirstScreenShown();
  });
  observer.observe(main, { childList: true, subtree: true });
  return () => observer.disconnect();
}
