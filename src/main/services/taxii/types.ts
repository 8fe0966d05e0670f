import type { ErrorCode } from '../../../shared/ipc/errors';

/** How the client proves who it is. OpenCTI takes its API token as a bearer token; MISP and medallion take basic auth. */
export type TaxiiAuth = { kind: 'none' } | { kind: 'basic'; user: string; password: string } | { kind: 'bearer'; token: string };

/** What went wrong talking to a TAXII server; each has a message that says what to do. */
export type TaxiiFailureKind =
  | 'invalid-url'
  | 'insecure'
  | 'unreachable'
  | 'tls'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'not-acceptable'
  | 'too-large'
  | 'unprocessable'
  | 'server'
  | 'timeout'
  | 'cancelled'
  | 'bad-response'
  | 'http';

export interface TaxiiFailure {
  kind: TaxiiFailureKind;
  /** For the analyst: what happened and what to do. Never holds a secret. */
  message: string;
  /** The HTTP status, when the server answered. */
  status?: number;
}

export type TaxiiResult<T> = { ok: true; value: T } | { ok: false; error: TaxiiFailure };

export function failed<T = never>(kind: TaxiiFailureKind, message: string, status?: number): TaxiiResult<T> {
  return { ok: false, error: { kind, message, ...(status !== undefined ? { status } : {}) } };
}

/** The app-wide error code (IPC, CLI exit code) a TAXII failure maps to. */
export const FAILURE_CODES: Record<TaxiiFailureKind, ErrorCode> = {
  'invalid-url': 'VALIDATION',
  insecure: 'VALIDATION',
  unreachable: 'UNAVAILABLE',
  tls: 'UNAVAILABLE',
  unauthorized: 'PERMISSION_DENIED',
  forbidden: 'FORBIDDEN',
  'not-found': 'NOT_FOUND',
  'not-acceptable': 'UNAVAILABLE',
  'too-large': 'VALIDATION',
  unprocessable: 'VALIDATION',
  server: 'UNAVAILABLE',
  timeout: 'UNAVAILABLE',
  cancelled: 'CANCELLED',
  'bad-response': 'UNAVAILABLE',
  http: 'UNAVAILABLE',
};

/** Connection settings for one call: where, who, which CA, how long, how much. */
export interface TransportOptions {
  auth: TaxiiAuth;
  /** A PEM CA certificate (or several) trusted for this server, besides the system ones. */
  ca?: string;
  /** Per request: connect + answer (default 30 s). */
  timeoutMs?: number;
  /** Most bytes read of any one answer (default 32 MiB): a hostile server must not exhaust memory. */
  maxBodyBytes?: number;
  /** Retries after a 5xx or a timeout (default 2), waiting backoffMs, then twice as long… */
  retries?: number;
  backoffMs?: number;
  /**
   * The origin (scheme://host:port) the credentials belong to: the discovery URL's. A request to
   * any other origin is refused before it is sent. Unset only for a bare client in tests.
   */
  home?: string;
  /** Cancel: the request in flight is aborted and the call ends 'cancelled'. */
  signal?: AbortSignal;
}

/** TAXII 2.1 media type; medallion refuses an Accept without the version. */
export const TAXII_MEDIA = 'application/taxii+json;version=2.1';
