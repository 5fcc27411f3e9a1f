/** What a failed file operation means to a facilitator, by Node error code. */
export function describeFileError(error: unknown, path: string, action: 'save' | 'read'): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
      return `The disk is full, so ${path} could not be ${action === 'save' ? 'saved' : 'read'}. Free some space and try again.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied for ${path}. Choose a folder you can write to.`;
    case 'ENOENT':
      return action === 'save' ? `The folder for ${path} no longer exists. Choose another folder.` : `${path} no longer exists.`;
    case 'EROFS':
      return `${path} is on a read-only disk. Choose another folder.`;
    case 'EISDIR':
      return `${path} is a folder, not a file.`;
    default:
      return `Could not ${action} ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export class FileServiceError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'FileServiceError';
  }
}
