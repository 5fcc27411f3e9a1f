import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';

/** The repository root, found from this file so tests work from any working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Where `npx electron-vite build` puts the renderer that web mode serves. */
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');
/** Artifacts a run leaves for people to look at (gitignored). */
export const TEST_RESULTS_DIR = join(REPO_ROOT, 'test-results');

/** KEEP_PROFILES=1 keeps Chromium profiles and saved files after the run, for post-mortems. */
export const keepArtifacts = (): boolean => process.env.KEEP_PROFILES === '1';

/** Temp folders the harness created (profiles, save targets); only these are ever deleted. */
const tempDirs = new Set<string>();
let exitHookInstalled = false;

export function trackTempDir(dir: string): void {
  tempDirs.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Backstop only: Vitest may end a worker without 'exit'; closeAll() is the real cleanup.
  process.on('exit', () => {
    if (keepArtifacts()) return;
    for (const d of tempDirs) {
      try {
        rmSync(d, { recursive: true, force: true });
      } catch {
        // Best effort at exit.
      }
    }
  });
}

/** Deletes every tracked temp folder (or lists them when KEEP_PROFILES=1). */
export async function removeTrackedTempDirs(): Promise<void> {
  const dirs = [...tempDirs];
  tempDirs.clear();
  if (keepArtifacts()) {
    if (dirs.length) console.log(`KEEP_PROFILES=1: kept ${dirs.join(', ')}`);
    return;
  }
  const failures: unknown[] = [];
  for (const dir of dirs) await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch((error: unknown) => failures.push(error));
  if (failures.length) throw new AggregateError(failures, 'could not remove some e2e temp folders');
}
