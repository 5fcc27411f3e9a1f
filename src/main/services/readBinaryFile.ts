import * as nodeFs from 'node:fs/promises';
import { basename } from 'node:path';
import { readErrorProblem } from '../../shared/fileProblem';
import type { OpenBinaryFileResponse } from '../../shared/ipc';
import { describeFileError } from './fileErrors';
import { formatSize, type ReadFs } from './readTextFile';

/**
 * Read a file the user chose, as bytes (an Excel workbook). The size is checked before reading,
 * so a wrong multi-gigabyte pick never loads into memory or crosses IPC.
 */
export async function readBinaryFile(path: string, request: { maxBytes: number }, fs: ReadFs = nodeFs): Promise<OpenBinaryFileResponse> {
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
    // A file that grew between stat and read is held to the same limit.
    if (bytes.length > request.maxBytes) {
      return {
        status: 'error',
        message: `${name} is larger than ${formatSize(request.maxBytes)}. Nothing was imported.`,
        problem: { code: 'grewTooLarge', name, limit: request.maxBytes },
      };
    }
    return { status: 'ok', name, data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
  } catch (error) {
    return { status: 'error', message: describeFileError(error, name, 'read'), problem: readErrorProblem(error, name) };
  }
}
