import * as nodeFs from 'node:fs/promises';
import { basename } from 'node:path';
import { readErrorProblem } from '../../shared/fileProblem';
import type { OpenTextFileResponse } from '../../shared/ipc';
import { describeFileError } from './fileErrors';

export interface ReadFs {
  stat: typeof nodeFs.stat;
  readFile: typeof nodeFs.readFile;
}

export const formatSize = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/**
 * Read a file the user chose, as UTF-8 text. The size is checked before reading so a wrong
 * multi-gigabyte pick never loads; binary and non-UTF-8 files get a message, not garbage.
 */
export async function readTextFile(path: string, request: { maxBytes: number }, fs: ReadFs = nodeFs): Promise<OpenTextFileResponse> {
  const name = basename(path);
  try {
    const info = await fs.stat(path);
    if (!info.isFile()) return { status: 'error', message: `${name} is not a file.`, problem: { code: 'notAFile', name } };
    if (info.size > request.maxBytes) {
      return {
        status: 'error',
        message: `${name} is ${formatSize(info.size)}; the limit is ${formatSize(request.maxBytes)}. Nothing was imported.`,
        problem: { code: 'tooLarge', name, size: info.size, limit: request.maxBytes },
      };
    }
    const bytes = await fs.readFile(path);
    if (bytes.includes(0)) return { status: 'error', message: `${name} is not a text file. Nothing was imported.`, problem: { code: 'notText', name } };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { status: 'error', message: `${name} is not UTF-8 text. Save it as "CSV UTF-8" and try again.`, problem: { code: 'notUtf8', name } };
    }
    return { status: 'ok', name, text: text.replace(/^\uFEFF/, '') };
  } catch (error) {
    return { status: 'error', message: describeFileError(error, name, 'read'), problem: readErrorProblem(error, name) };
  }
}
