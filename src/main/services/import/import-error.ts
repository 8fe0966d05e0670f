import type { ErrorCode } from '../../../shared/ipc/errors';
import { describeFailure, type ImportFailure } from '../../../shared/import/types';

/** A failure that stops an import before anything is written: says where in the file and why. */
export class ImportError extends Error {
  constructor(
    readonly failure: ImportFailure,
    readonly code: ErrorCode = 'VALIDATION',
  ) {
    super(describeFailure(failure));
  }
}

/** The same failure, naming the file as the user knows it (uploads are read from a temporary copy). */
export function withFileName(error: unknown, file: string): unknown {
  return error instanceof ImportError && error.failure.file !== file ? new ImportError({ ...error.failure, file }, error.code) : error;
}

export function cancelled(file: string): ImportError {
  return new ImportError({ file, line: null, column: null, message: 'the import was cancelled; nothing was changed.' }, 'CANCELLED');
}

/** Line and column (1-based) of a character offset in text. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}
