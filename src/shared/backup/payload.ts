/**
 * The payload's compression: gzip (fflate), so a support engineer can still open a backup's
 * payload with standard tools. Worked in slices with a pause between them: an automatic backup
 * of a large store runs while the facilitator types, and one 100 MB call would freeze the window
 * for a second or more (the renderer passes a pause that yields to the UI; main and tests none).
 */
import { Gunzip, Gzip } from 'fflate';
import { BackupFileError } from './format';

export interface SliceOptions {
  /** Bytes worked per slice. */
  sliceBytes?: number;
  /** Called between slices (e.g. yield to the UI). */
  pause?: () => Promise<void>;
  /** fflate level 0-9; 6 by default. */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

const DEFAULT_SLICE = 512 * 1024;

/** Gzip of `data`, or of its parts one after another (a large text need not be joined into one buffer first). */
export async function gzipPayload(data: Uint8Array | readonly Uint8Array[], options: SliceOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const gzip = new Gzip({ level: options.level ?? 6 }, (chunk) => chunks.push(chunk));
  const slice = options.sliceBytes ?? DEFAULT_SLICE;
  const parts = (ArrayBuffer.isView(data) ? [data] : data).filter((p) => p.length > 0);
  if (parts.length === 0) gzip.push(new Uint8Array(0), true);
  for (const [i, part] of parts.entries()) {
    for (let at = 0; at < part.length; at += slice) {
      const end = Math.min(part.length, at + slice);
      const last = i === parts.length - 1 && end === part.length;
      gzip.push(part.subarray(at, end), last);
      if (!last && options.pause) await options.pause();
    }
  }
  return concat(chunks);
}

/**
 * The store's JSON back from the payload. The checksum was verified before, so a failure here
 * means a file written wrongly (not damaged on the way): still a clear message, nothing changed.
 */
export async function gunzipPayload(data: Uint8Array, expectedBytes: number, options: SliceOptions = {}): Promise<Uint8Array> {
  const out = new Uint8Array(expectedBytes);
  let at = 0;
  let overflow = false;
  let ended = false;
  const gunzip = new Gunzip((chunk, final) => {
    if (at + chunk.length > out.length) overflow = true;
    else out.set(chunk, at);
    at += chunk.length;
    if (final) ended = true;
  });
  const slice = options.sliceBytes ?? DEFAULT_SLICE;
  try {
    for (let i = 0; i < data.length; i += slice) {
      const end = Math.min(data.length, i + slice);
      gunzip.push(data.subarray(i, end), end === data.length);
      if (end < data.length && options.pause) await options.pause();
    }
    if (data.length === 0) gunzip.push(data, true);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new BackupFileError('damaged', `The backup's contents cannot be unpacked (${detail}).`, { code: 'unpack', detail });
  }
  if (overflow || !ended || at !== expectedBytes) {
    throw new BackupFileError('damaged', `The backup's contents are not the size its description gives (${at} bytes instead of ${expectedBytes}).`, {
      code: 'sizeMismatch',
      actual: at,
      expected: expectedBytes,
    });
  }
  return out;
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
