import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { collectProblems } from './app';
import { removeTrackedTempDirs, trackTempDir } from './paths';

/**
 * We start Debian's Chromium ourselves instead of chromium.launch(): Playwright never downloads
 * or picks a browser, and we own the PID, which is what lets a test SIGKILL it like a crash.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_FLAGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);
export const VIEWPORT = Object.freeze({ width: 1366, height: 850 });

export interface LaunchOptions {
  /** The web-mode server's URL; the page opens here. */
  baseUrl: string;
  /** Reuse a profile (e.g. a previous app's userDataDir) to prove data survives a restart. */
  userDataDir?: string;
  /** How long to wait for Chromium's DevTools endpoint. */
  startTimeoutMs?: number;
  /**
   * More Chromium flags for this browser only, e.g. trusting a test's own certificate authority
   * with --ignore-certificate-errors-spki-list (never certificate checks off altogether).
   */
  extraArgs?: readonly string[];
}

export interface LaunchedApp {
  readonly browser: Browser;
  /** Chromium's default context: the profile's own storage, so IndexedDB persists on disk. */
  readonly context: BrowserContext;
  readonly page: Page;
  readonly userDataDir: string;
  readonly pid: number;
  readonly wsEndpoint: string;
  /** Console errors, CSP violations and uncaught exceptions seen on the app's pages since launch. */
  readonly problems: string[];
  /** The last lines Chromium wrote to stderr (for failure messages). */
  stderrTail(): string;
  /** Graceful quit (Chromium's own shutdown, profile flushed), then waits for every process to exit. */
  close(): Promise<void>;
  /** SIGKILL to the process group we spawned, then waits for exit: a real crash, no unload, no flush. */
  kill(): Promise<void>;
}

interface Tracked {
  child: ChildProcess;
  pid: number;
  exited: Promise<void>;
  hasExited: boolean;
  app?: LaunchedApp;
}

const running = new Set<Tracked>();
let exitHookInstalled = false;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    // ESRCH: the group is empty. (EPERM would mean the id now belongs to someone else's
    // process, which is not ours to wait for or signal either.)
    return false;
  }
}

/** Signals the process group led by a Chromium WE spawned (detached: pgid === its pid). */
function signalGroup(tracked: Tracked, signal: NodeJS.Signals): void {
  try {
    process.kill(-tracked.pid, signal);
  } catch {
    // Group already empty.
  }
}

async function waitForExit(tracked: Tracked, timeoutMs: number): Promise<boolean> {
  const exited = await Promise.race([tracked.exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!exited) return false;
  // Renderer and utility processes can outlive the browser process by a moment; wait for the
  // whole group so the next launch on this profile never races a dying helper.
  const deadline = Date.now() + Math.min(timeoutMs, 5_000);
  while (groupAlive(tracked.pid) && Date.now() < deadline) await sleep(25);
  if (groupAlive(tracked.pid)) signalGroup(tracked, 'SIGKILL');
  return true;
}

async function hardKill(tracked: Tracked): Promise<void> {
  if (!tracked.hasExited) signalGroup(tracked, 'SIGKILL');
  // The leader's 'exit' must be seen before the group can be declared gone.
  if (!(await waitForExit(tracked, 10_000))) {
    throw new Error(`Chromium (pid ${tracked.pid}) did not exit after SIGKILL`);
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Backstop if a worker exits before afterAll ran closeAll(): no orphaned Chromium.
  process.on('exit', () => {
    for (const tracked of running) if (!tracked.hasExited) signalGroup(tracked, 'SIGKILL');
  });
}

function assertChromium(): void {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(`${CHROMIUM_PATH} is missing. Install Debian's chromium package (apt-get install chromium); Playwright must not download a browser.`);
  }
}

/** Spawns Chromium and resolves with the DevTools WebSocket URL it prints on stderr. */
async function spawnChromium(
  userDataDir: string,
  timeoutMs: number,
  extraArgs: readonly string[] = [],
): Promise<{ tracked: Tracked; wsEndpoint: string; stderrTail: () => string }> {
  const args = [...CHROMIUM_FLAGS, ...extraArgs, `--user-data-dir=${userDataDir}`, '--remote-debugging-port=0', 'about:blank'];
  // detached: Chromium leads its own process group, so one signal reaches its renderers too,
  // and nothing outside that group (the test runner, other tests' browsers) can be hit.
  const child = spawn(CHROMIUM_PATH, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  if (child.pid === undefined) {
    await new Promise((resolve) => child.once('error', resolve));
    throw new Error(`Could not start ${CHROMIUM_PATH}`);
  }
  const tracked: Tracked = { child, pid: child.pid, exited: Promise.resolve(), hasExited: false };
  tracked.exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      tracked.hasExited = true;
      resolve();
    }),
  );
  running.add(tracked);
  installExitHook();

  // Keep draining stderr for the browser's whole life: a full pipe would block Chromium.
  const lines: string[] = [];
  let partial = '';
  const stderrTail = () => [...lines, partial].filter(Boolean).slice(-40).join('\n');
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Chromium printed no DevTools endpoint within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(new Error(`${error.message}\n--- chromium stderr ---\n${stderrTail()}`));
    };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > 200) lines.shift();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    });
    child.once('error', (error) => fail(error));
    child.once('exit', (code, signal) => fail(new Error(`Chromium exited before it was ready (code ${code}, signal ${signal})`)));
  }).catch(async (error: unknown) => {
    await hardKill(tracked).catch(() => undefined);
    running.delete(tracked);
    throw error;
  });
  return { tracked, wsEndpoint, stderrTail };
}

/** Launches Chromium on a profile and opens the app at baseUrl in a 1366x850 viewport. */
export async function launchApp(options: LaunchOptions): Promise<LaunchedApp> {
  assertChromium();
  let userDataDir = options.userDataDir;
  if (!userDataDir) {
    userDataDir = await mkdtemp(join(tmpdir(), 'cg-e2e-profile-'));
    trackTempDir(userDataDir);
  }
  const { tracked, wsEndpoint, stderrTail } = await spawnChromium(userDataDir, options.startTimeoutMs ?? 30_000, options.extraArgs);
  let browser: Browser | undefined;
  try {
    browser = await chromium.connectOverCDP(wsEndpoint);
    const context = browser.contexts()[0];
    if (!context) throw new Error('Chromium has no default context');
    const problems: string[] = [];
    context.on('page', (extra) => collectProblems(extra, problems));
    const page = context.pages()[0] ?? (await context.newPage());
    collectProblems(page, problems);
    await page.setViewportSize(VIEWPORT);
    await page.goto(options.baseUrl);

    const connected = browser;
    let closing: Promise<void> | undefined;
    let killing: Promise<void> | undefined;
    const finish = () => {
      running.delete(tracked);
    };
    const app: LaunchedApp = {
      browser: connected,
      context,
      page,
      userDataDir,
      pid: tracked.pid,
      wsEndpoint,
      problems,
      stderrTail,
      close() {
        closing ??= (async () => {
          if (!tracked.hasExited) {
            // Playwright's browser.close() only disconnects a CDP-attached browser, so ask
            // Chromium itself to quit (Browser.close: the same clean shutdown as closing the
            // last window, which flushes the profile), then release Playwright's side.
            try {
              const session = await connected.newBrowserCDPSession();
              await session.send('Browser.close').catch(() => undefined);
            } catch {
              signalGroup(tracked, 'SIGTERM');
            }
          }
          await connected.close().catch(() => undefined);
          if (!(await waitForExit(tracked, 15_000))) {
            signalGroup(tracked, 'SIGTERM');
            if (!(await waitForExit(tracked, 5_000))) await hardKill(tracked);
          }
          finish();
        })();
        return closing;
      },
      kill() {
        // Independent of close(): kill() must still work when a graceful close hangs.
        killing ??= (async () => {
          await hardKill(tracked);
          await connected.close().catch(() => undefined);
          finish();
        })();
        return killing;
      },
    };
    tracked.app = app;
    return app;
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await hardKill(tracked).catch(() => undefined);
    running.delete(tracked);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- chromium stderr ---\n${stderrTail()}`, { cause: error });
  }
}

/**
 * For afterAll: quits every Chromium this module started that is still running (gracefully,
 * SIGKILL if it hangs), then deletes the temp folders the harness created (profiles, save
 * folders from exposeServices) unless KEEP_PROFILES=1.
 */
export async function closeAll(): Promise<void> {
  const errors: unknown[] = [];
  await Promise.all(
    [...running].map(async (tracked) => {
      try {
        if (tracked.app) {
          const app = tracked.app;
          const done = await Promise.race([app.close().then(() => true), sleep(10_000).then(() => false)]);
          if (!done) await app.kill();
        } else {
          await hardKill(tracked);
        }
      } catch (error) {
        errors.push(error);
      } finally {
        running.delete(tracked);
      }
    }),
  );
  // Profiles only after every browser is gone: Chromium writes to them until it exits.
  await removeTrackedTempDirs().catch((error: unknown) => errors.push(error));
  if (errors.length) throw new AggregateError(errors, 'closeAll: some Chromium processes or profiles could not be cleaned up');
}

/** PIDs of Chromium processes this module started that have not exited (for leak checks). */
export function runningPids(): number[] {
  return [...running].filter((t) => !t.hasExited).map((t) => t.pid);
}
