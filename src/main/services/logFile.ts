/**
 * The main process's log file for support: one line per event, kept small by rotation
 * (main.log -> main.1.log -> ... -> main.N.log, the oldest dropped). Written synchronously:
 * the line that explains a crash must be on disk before the crash. Never holds record contents
 * or tokens; callers log what happened, not what was typed.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface LogFileOptions {
  dir: string;
  /** Base name without extension. */
  name?: string;
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  now: () => Date;
}

export interface LogFile {
  readonly path: string;
  write(level: 'info' | 'warn' | 'error', message: string): void;
}

export function openLogFile(options: LogFileOptions): LogFile {
  const name = options.name ?? 'main';
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const path = join(options.dir, `${name}.log`);
  const rotated = (n: number) => join(options.dir, `${name}.${n}.log`);
  let size: number | undefined;

  const currentSize = () => {
    if (size === undefined) {
      try {
        size = statSync(path).size;
      } catch {
        size = 0;
      }
    }
    return size;
  };

  const rotate = () => {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) {
      try {
        renameSync(rotated(n), rotated(n + 1));
      } catch {
        /* that generation does not exist yet */
      }
    }
    try {
      renameSync(path, rotated(1));
    } catch {
      /* nothing to rotate */
    }
    size = 0;
  };

  return {
    path,
    write(level, message) {
      // One line per entry: a message can never forge a second entry.
      const line = `${options.now().toISOString()} ${level.toUpperCase()} ${message.replace(/[\r\n]+/g, ' ')}\n`;
      const bytes = Buffer.byteLength(line);
      try {
        mkdirSync(options.dir, { recursive: true });
        if (currentSize() > 0 && currentSize() + bytes > maxBytes) rotate();
        appendFileSync(path, line, { mode: 0o600 });
        size = currentSize() + bytes;
      } catch {
        // Logging must never take the app down (a full disk, a read-only folder).
        size = undefined;
      }
    },
  };
}
