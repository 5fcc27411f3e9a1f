/**
 * A renderer that dies (out of memory, a GPU driver, a Chromium bug) takes the facilitator's
 * screen with it but not their records: every edit is in IndexedDB, written with strict
 * durability, and typed text is saved on a short debounce. So the window is reloaded and the
 * person told why, instead of staring at a blank window in front of the room. A renderer that
 * keeps dying is not reloaded forever: after a few crashes in a short time, the person decides.
 */
import { nowMs } from '../shared/clock';

export interface RenderProcessGoneDetails {
  reason: string;
  exitCode: number;
}

/** The part of webContents the watcher uses. */
export interface CrashableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGoneDetails) => void): unknown;
  reload(): void;
}

export interface CrashRecoveryOptions {
  /** Which window, for the log. */
  name: string;
  log(message: string): void;
  /** Queues the notice the reloaded page shows. */
  notify(message: string): void;
  /** Too many crashes: ask the person; resolves true to try once more. */
  askToRetry(): Promise<boolean>;
  maxReloads?: number;
  windowMs?: number;
}

export const CRASH_NOTICE =
  'The window stopped unexpectedly and was reloaded. Everything that was saved is kept; check the last thing you typed before the crash.';

/** Reasons that are not crashes: the app or the OS ended the renderer on purpose. */
const NOT_A_CRASH = new Set(['clean-exit']);

export function recoverFromCrashes(contents: CrashableContents, options: CrashRecoveryOptions): void {
  const maxReloads = options.maxReloads ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  let recent: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    if (NOT_A_CRASH.has(details.reason)) return;
    options.log(`${options.name} window: renderer gone (${details.reason}, exit code ${details.exitCode})`);
    const at = nowMs();
    recent = [...recent.filter((t) => at - t < windowMs), at];
    if (recent.length <= maxReloads) {
      options.notify(CRASH_NOTICE);
      contents.reload();
      return;
    }
    options.log(`${options.name} window: ${recent.length} crashes within ${windowMs / 1000} s; asking before reloading again`);
    void options.askToRetry().then((retry) => {
      if (!retry) return;
      recent = [];
      options.notify(CRASH_NOTICE);
      contents.reload();
    });
  });
}
