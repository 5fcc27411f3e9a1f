import { describe, expect, it, vi } from 'vitest';
import { setClockFixed } from '@shared/clock';
import { CRASH_NOTICE, recoverFromCrashes, type CrashableContents, type RenderProcessGoneDetails } from '../../../src/main/crashRecovery';

function fakeContents() {
  let listener: ((event: unknown, details: RenderProcessGoneDetails) => void) | undefined;
  const contents = {
    on: (_event: string, l: (event: unknown, details: RenderProcessGoneDetails) => void) => (listener = l),
    reload: vi.fn<() => void>(),
  } satisfies CrashableContents;
  return { contents, crash: (reason = 'crashed') => listener!({}, { reason, exitCode: 139 }) };
}

function setUp(answer = false) {
  const { contents, crash } = fakeContents();
  const options = { name: 'main', log: vi.fn(), notify: vi.fn(), askToRetry: vi.fn(async () => answer) };
  recoverFromCrashes(contents, options);
  return { contents, crash, ...options };
}

describe('renderer crash recovery', () => {
  it('reloads the window and leaves a notice for the reloaded page, logging the reason', () => {
    const { contents, crash, notify, log } = setUp();
    crash('oom');
    expect(contents.reload).toHaveBeenCalledOnce();
    expect(notify).toHaveBeenCalledWith(CRASH_NOTICE);
    expect(log).toHaveBeenCalledWith('main window: renderer gone (oom, exit code 139)');
  });

  it('does nothing when the renderer ended cleanly (the window is closing)', () => {
    const { contents, crash, notify } = setUp();
    crash('clean-exit');
    expect(contents.reload).not.toHaveBeenCalled();
    expect(notify).not.toHaveBeenCalled();
  });

  it('asks before reloading a window that keeps crashing, and reloads only on yes', async () => {
    setClockFixed('2026-11-25T10:00:00.000Z');
    const declined = setUp(false);
    for (let i = 0; i < 4; i++) declined.crash();
    expect(declined.contents.reload).toHaveBeenCalledTimes(3);
    expect(declined.askToRetry).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(declined.log).toHaveBeenCalledWith(expect.stringMatching(/4 crashes within 60 s/)));
    expect(declined.contents.reload).toHaveBeenCalledTimes(3);

    const accepted = setUp(true);
    for (let i = 0; i < 4; i++) accepted.crash();
    await vi.waitFor(() => expect(accepted.contents.reload).toHaveBeenCalledTimes(4));
  });

  it('counts only recent crashes: one a day is reloaded every time', () => {
    const { contents, crash, askToRetry } = setUp();
    for (let day = 1; day <= 5; day++) {
      setClockFixed(`2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`);
      crash();
    }
    expect(contents.reload).toHaveBeenCalledTimes(5);
    expect(askToRetry).not.toHaveBeenCalled();
  });
});
