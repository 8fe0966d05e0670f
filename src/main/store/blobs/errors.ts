import { fromSystemError, StoreError } from '../store-error';

/** How a blob is named to the user: the start of its SHA-256, which the case's records show too. */
export function blobLabel(sha256: string): string {
  return `${sha256.slice(0, 12)}…`;
}

const RESTORE = "Restore the case folder's .blobs from a copy, or attach the original file again.";

/** A blob whose bytes fail authentication or the final hash. */
export function corruptBlob(sha256: string, what: string): StoreError {
  return new StoreError('CORRUPT_STORE', `The file ${blobLabel(sha256)} kept for this case is damaged: ${what}. ${RESTORE}`);
}

/** A blob whose length or header no blob of ours can have (cut short, or not one of our files). */
export function damagedBlob(sha256: string, what: string, code: 'TRUNCATED_STORE' | 'CORRUPT_STORE'): StoreError {
  return new StoreError(code, `The file ${blobLabel(sha256)} kept for this case is damaged: ${what}. ${RESTORE}`);
}

export function newerBlob(sha256: string, version: number): StoreError {
  return new StoreError(
    'UNSUPPORTED_VERSION',
    `The file ${blobLabel(sha256)} kept for this case was written by a newer version of Casefile Workbench (blob format ${version}). Update the app to open it.`,
  );
}

export function missingBlob(sha256: string, dir: string): StoreError {
  return new StoreError('NOT_FOUND', `The file ${blobLabel(sha256)} kept for this case is missing from ${dir}. ${RESTORE}`);
}

export function invalidSha256(value: string): StoreError {
  return new StoreError('VALIDATION', `"${value.slice(0, 80)}" is not a SHA-256 (64 lowercase hex digits); no file was looked up.`);
}

export function cancelled(doing: string): StoreError {
  return new StoreError('CANCELLED', `${doing} was cancelled; nothing was kept.`);
}

export function tooLarge(limit: number): StoreError {
  return new StoreError('VALIDATION', `The file is larger than ${formatBytes(limit)}, the most a case keeps per file; nothing was added.`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(bytes % 1024 ** 2 === 0 ? 0 : 1)} MiB`;
  return `${bytes} bytes`;
}

/**
 * A system error while working on the blob folder or a file the user picked, as a StoreError.
 * ENOENT and EISDIR get their own messages here (the store's generic ones speak of case files).
 */
export function blobSystemError(error: unknown, path: string, doing: string, missing: string): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new StoreError('NOT_FOUND', missing);
  if (code === 'EISDIR') return new StoreError('IO', `${path} is a folder, not a file. Choose a file; nothing was changed.`);
  return fromSystemError(error, path, doing);
}
