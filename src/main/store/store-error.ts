import type { ErrorCode } from '../../shared/ipc/errors';

/** A failure of the store, carrying the code the user-facing layers report. */
export class StoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Maps an operating-system error to a message that says what happened and what to do. */
export function fromSystemError(error: unknown, path: string, doing: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new StoreError('NOT_FOUND', `No case file at ${path}. Check the path, or create a case with "casefile new".`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StoreError(
        'PERMISSION_DENIED',
        `Permission denied while ${doing} ${path}. Check that you may read and write that folder; nothing was changed.`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new StoreError(
        'DISK_FULL',
        `The disk is full while ${doing} ${path}. Free some space and try again; the case on disk is unchanged and your last saved edits are safe.`,
      );
    case 'EISDIR':
      return new StoreError('IO', `${path} is a folder, not a case file.`);
    default:
      return new StoreError('IO', `Could not finish ${doing} ${path}: ${(error as Error)?.message ?? String(error)}.`);
  }
}
