import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { describeFileError, FileServiceError } from './fileErrors';

/** The fs calls the writer makes, injectable so tests can fail any step (disk full, rename). */
export interface AtomicFs {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  unlink: typeof nodeFs.unlink;
}

/**
 * Write a file so that readers see either the old content or the new, never a torn file:
 * temp file in the same folder (same filesystem, so rename is atomic), fsync, rename over the
 * target, fsync the folder. On any failure the temp file is removed and the target untouched.
 * `mode` is given when the file is created (rename keeps it): a secret is never readable by
 * others, not even between creation and a later chmod.
 */
export async function atomicWriteFile(target: string, data: string | Uint8Array, fs: AtomicFs = nodeFs, options: { mode?: number } = {}): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await fs.open(temp, 'wx', options.mode ?? 0o644);
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
    created = false;
  } catch (error) {
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw new FileServiceError(describeFileError(error, target, 'save'), (error as NodeJS.ErrnoException).code);
  }
  // Persist the rename itself; not every platform can open a directory (Windows), so best effort.
  try {
    const dirHandle = await fs.open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    /* the data is written and renamed; a directory fsync is an extra guarantee only */
  }
}
