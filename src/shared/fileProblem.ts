// A file the person chose can be refused in the main process (desktop) or in the page (web mode),
// neither of which knows the screen's language. The refusal carries what it means (a code and
// its values) beside its English message (kept for logs and English screens); the screen that
// shows it says it again in the person's language (renderer components/fileProblem.ts).

export type FileProblem =
  | { code: 'notAFile' | 'notText' | 'notUtf8' | 'gone' | 'denied' | 'isFolder' | 'diskFull' | 'readOnly'; name: string }
  /** Sizes in bytes. */
  | { code: 'tooLarge'; name: string; size: number; limit: number }
  /** The file grew past the limit between its size check and its read. */
  | { code: 'grewTooLarge'; name: string; limit: number }
  /** Anything else the system said, as it said it. */
  | { code: 'readFailed'; name: string; detail: string };

/** The refusal for a failed read, by Node error code (mirrors describeFileError's 'read' wording). */
export function readErrorProblem(error: unknown, name: string): FileProblem {
  const code = (error as { code?: unknown } | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return { code: 'diskFull', name };
    case 'EACCES':
    case 'EPERM':
      return { code: 'denied', name };
    case 'ENOENT':
      return { code: 'gone', name };
    case 'EROFS':
      return { code: 'readOnly', name };
    case 'EISDIR':
      return { code: 'isFolder', name };
    default:
      return { code: 'readFailed', name, detail: error instanceof Error ? error.message : String(error) };
  }
}
