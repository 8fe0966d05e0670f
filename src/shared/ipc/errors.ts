import { z } from 'zod';

/** The closed set of error codes that cross any boundary (IPC, HTTP, CLI exit codes). */
export const ERROR_CODES = [
  'WRONG_PASSPHRASE',
  'CORRUPT_STORE',
  'TRUNCATED_STORE',
  'UNSUPPORTED_VERSION',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'DISK_FULL',
  'IO',
  'LOCKED',
  /** Locked by a holder that may be gone but cannot be proven so: the analyst may take it over. */
  'LOCK_UNPROVEN',
  'NO_CASE_OPEN',
  'VALIDATION',
  'CONFLICT',
  'FORBIDDEN',
  'UNAVAILABLE',
  'CANCELLED',
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({ code: ErrorCode, message: z.string() }).strict();
export type AppError = z.infer<typeof AppError>;

/** CLI exit codes, one per error code, so scripts can tell failures apart (both lock codes mean "case in use"). */
export const EXIT_CODES: Record<ErrorCode, number> = {
  INTERNAL: 1,
  VALIDATION: 2,
  WRONG_PASSPHRASE: 3,
  CORRUPT_STORE: 4,
  TRUNCATED_STORE: 5,
  NOT_FOUND: 6,
  PERMISSION_DENIED: 7,
  DISK_FULL: 8,
  LOCKED: 9,
  LOCK_UNPROVEN: 9,
  UNSUPPORTED_VERSION: 10,
  ALREADY_EXISTS: 11,
  IO: 12,
  NO_CASE_OPEN: 13,
  CONFLICT: 14,
  FORBIDDEN: 15,
  UNAVAILABLE: 16,
  CANCELLED: 17,
};
