import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { jsonParseRefusal } from '../json-guard';
import { failed, TAXII_MEDIA, type TaxiiFailure, type TaxiiResult, type TransportOptions } from './types';

/**
 * One TAXII HTTP exchange over node:http(s), with everything a hostile or failing server can do
 * turned into a TaxiiFailure value: bounded answers, a timeout, Cancel, retries with backoff for
 * 5xx and timeouts only, and messages that name the server (never a credential) and say what to do.
 */

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY = 32 * 1024 * 1024;

export interface TaxiiResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  url: URL;
  body?: Buffer;
  /** In words, for messages: "reading collection X", "writing to collection X". */
  what: string;
}

/**
 * True for literal 127.0.0.0/8, ::1 and the name `localhost` exactly: the only hosts plain http
 * is allowed to. Other `*.localhost` names are refused: a resolver may send them anywhere.
 */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(host);
  return false;
}

/**
 * Checks a server URL: http(s) only, no credentials or query in it, plain http only to loopback. Returns
 * the URL with a trailing slash (TAXII endpoints end in one).
 */
export function checkServerUrl(text: string): TaxiiResult<URL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Up to any query or fragment: what follows may be a pasted token.
    return failed('invalid-url', `“${text.split(/[?#]/)[0]!.slice(0, 200)}” is not a URL. Give the server's discovery URL, e.g. https://taxii.example.org/taxii2/.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return failed('invalid-url', `${url.protocol} is not a TAXII scheme. Use an https:// URL.`);
  if (url.username || url.password) return failed('invalid-url', 'The URL holds a user name or password. Remove it from the URL and give the credentials as the connection’s user and password instead.');
  // A token pasted into the query would be kept and shown as part of the URL: TAXII URLs take none.
  if (url.search) return failed('invalid-url', 'The URL has a query string (after “?”), which TAXII server URLs do not have; if it holds a token or key, give that as the connection’s token (bearer) or password instead, and remove it from the URL.');
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return failed('insecure', `Plain http:// to ${url.host} is refused: credentials and case data would cross the network unencrypted. Use https:// (add the server's CA certificate if it is self-hosted).`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.hash = '';
  return { ok: true, value: url };
}

/** Where a message may name: scheme, host and path, never a query or a credential. */
export function place(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * The refusal for a URL outside the server the credentials were given for (another scheme, host or
 * port than the discovery URL), or null when it is that server.
 */
export function otherServer(url: URL, home: string | undefined): TaxiiFailure | null {
  if (home === undefined || url.origin === home) return null;
  return {
    kind: 'insecure',
    message: `The discovery document points at another server (${url.protocol}//${url.host}) than the one this connection is for (${home}); the credentials were not sent there. If you trust that server, add it as its own connection with its own credentials.`,
  };
}

/** Sends one request, retrying after 5xx and timeouts with backoff. */
export async function taxiiRequest(spec: RequestSpec, options: TransportOptions): Promise<TaxiiResult<TaxiiResponse>> {
  // Credentials go only to the server they were given for, whatever a server's answer names.
  const foreign = otherServer(spec.url, options.home);
  if (foreign) return { ok: false, error: foreign };
  const retries = options.retries ?? 2;
  const backoff = options.backoffMs ?? 250;
  let last: TaxiiResult<TaxiiResponse> | null = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) {
      const waited = await sleep(backoff * 2 ** (attempt - 1), options.signal);
      if (!waited) return cancelled(spec);
    }
    const result = await once(spec, options);
    if (result.ok) {
      if (result.value.status >= 500 && attempt < retries) {
        last = result;
        continue;
      }
      return result;
    }
    if (result.error.kind !== 'timeout') return result;
    last = result;
  }
  return last as TaxiiResult<TaxiiResponse>;
}

function cancelled(spec: RequestSpec): TaxiiResult<TaxiiResponse> {
  return failed('cancelled', `Cancelled while ${spec.what}.`);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function authHeader(options: TransportOptions): Record<string, string> {
  const auth = options.auth;
  if (auth.kind === 'basic') return { Authorization: `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}` };
  if (auth.kind === 'bearer') return { Authorization: `Bearer ${auth.token}` };
  return {};
}

const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH|ERR_OSSL_)/;

function once(spec: RequestSpec, options: TransportOptions): Promise<TaxiiResult<TaxiiResponse>> {
  const where = place(spec.url);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    if (options.signal?.aborted) return resolve(cancelled(spec));
    let settled = false;
    const finish = (result: TaxiiResult<TaxiiResponse>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    const headers: Record<string, string> = { Accept: TAXII_MEDIA, ...authHeader(options) };
    if (spec.body) {
      headers['Content-Type'] = TAXII_MEDIA;
      headers['Content-Length'] = String(spec.body.length);
    }
    const requestOptions: https.RequestOptions = { method: spec.method, headers, ...(options.ca ? { ca: [options.ca] } : {}) };
    let request: http.ClientRequest;
    try {
      request = (spec.url.protocol === 'https:' ? https : http).request(spec.url, requestOptions);
    } catch (error) {
      return finish(failed('invalid-url', `Cannot send a request to ${where}: ${(error as Error).message}. Check the URL.`));
    }
    // One deadline for connect + answer, so a server that trickles bytes cannot hold the call forever.
    const timer = setTimeout(() => {
      request.destroy();
      finish(failed('timeout', `${where} did not answer within ${Math.round(timeoutMs / 1000)} s while ${spec.what}. The server may be overloaded or unreachable; try again later.`));
    }, timeoutMs);
    const onAbort = (): void => {
      request.destroy();
      finish(cancelled(spec));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error: NodeJS.ErrnoException) => finish(networkFailure(error, where, spec.what, Boolean(options.ca))));
    request.on('response', (response) => {
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBody) {
        finish(tooBig(where, spec.what, maxBody));
        response.destroy();
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) {
          // Settled first: destroying emits 'aborted', which must not read as a dropped connection.
          finish(tooBig(where, spec.what, maxBody));
          response.destroy();
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => finish({ ok: true, value: { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) } }));
      response.on('error', (error: NodeJS.ErrnoException) => finish(networkFailure(error, where, spec.what, Boolean(options.ca))));
      response.on('aborted', () => finish(failed('unreachable', `${where} closed the connection in the middle of its answer while ${spec.what}. Try again.`)));
    });
    request.end(spec.body);
  });
}

function tooBig(where: string, what: string, max: number): TaxiiResult<TaxiiResponse> {
  return failed('bad-response', `${where} sent an answer larger than ${Math.round(max / 1024 / 1024)} MiB while ${what}; it was not read. The server may be misbehaving; ask its administrator, or pull with a smaller page size.`);
}

function networkFailure(error: NodeJS.ErrnoException, where: string, what: string, customCa: boolean): TaxiiResult<TaxiiResponse> {
  const code = error.code ?? '';
  if (TLS_CODES.test(code) || /certificate|SSL|TLS/i.test(error.message)) {
    const hint = customCa ? 'Check that the CA certificate given is the one that signed the server’s certificate, and that the URL’s host name matches it.' : 'If the server is self-hosted, add its CA certificate to the connection; otherwise check the URL’s host name.';
    return failed('tls', `The secure connection to ${where} failed (${code || error.message}). ${hint}`);
  }
  if (code === 'ETIMEDOUT') return failed('timeout', `Connecting to ${where} timed out while ${what}. Check the network, or try again later.`);
  return failed('unreachable', `Cannot reach ${where} (${code || error.message}) while ${what}. Check the URL and the network; you can keep working offline and try again later.`);
}

/** The failure an HTTP error status stands for, in words, with the server's own explanation when it gave one. */
export function statusFailure(response: TaxiiResponse, url: URL, what: string): TaxiiFailure {
  const where = place(url);
  const said = serverSays(response);
  const tail = said ? ` The server said: “${said.replace(/\.$/, '')}”.` : '';
  const s = response.status;
  const make = (kind: TaxiiFailure['kind'], message: string): TaxiiFailure => ({ kind, message: message + tail, status: s });
  if (s === 401) return make('unauthorized', `${where} refused the credentials (401) while ${what}. Check the user name and password, or the API token.`);
  if (s === 403) return make('forbidden', `${where} does not allow this (403) while ${what}: these credentials have no right to do it. Ask the server's administrator for access, or pick a collection you may use.`);
  if (s === 404) return make('not-found', `${where} has no such resource (404) while ${what}. Check the discovery URL and the collection id.`);
  if (s === 406) return make('not-acceptable', `${where} does not speak TAXII 2.1 as asked (406) while ${what}. Check that it is a TAXII 2.1 server and the URL is its discovery or API root.`);
  if (s === 413) return make('too-large', `${where} refused a request as too large (413) while ${what}. The objects were sent in smaller requests where possible; an object larger than the server's limit cannot be sent.`);
  if (s === 415) return make('not-acceptable', `${where} refused the media type (415) while ${what}. It may not accept STIX 2.1 in this collection.`);
  if (s === 422) return make('unprocessable', `${where} could not process the objects (422) while ${what}. They were not accepted; check the server's log or the objects listed.`);
  if (s >= 500) return make('server', `${where} failed with a server error (${s}) while ${what}, also after retrying. Try again later or tell the server's administrator.`);
  return make('http', `${where} answered ${s} while ${what}.`);
}

/** A short excerpt of the server's TAXII error (title, description) or text body, without markup. */
function serverSays(response: TaxiiResponse): string {
  const body = response.body.subarray(0, 4096).toString('utf8');
  const json = parseTaxiiJson(response.body.length <= 65_536 ? response.body : Buffer.alloc(0));
  if (json.ok && json.value && typeof json.value === 'object') {
    const o = json.value as Record<string, unknown>;
    const text = [o['title'], o['description']].filter((v): v is string => typeof v === 'string').join(': ');
    if (text) return clip(text);
  }
  return clip(body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
}

/** A server's text with its control characters (C0, DEL, C1: they could move a terminal's cursor or retitle it) as spaces. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? ' ' : ch;
  }
  return out;
}

/** A server's text, printable and at most 300 characters. */
export function clip(text: string): string {
  const shown = printable(text).trim();
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}

/** Parses a TAXII answer defensively: refused when it would cost too much memory or nests too deep. */
export function parseTaxiiJson(body: Buffer): TaxiiResult<unknown> {
  if (body.length === 0) return { ok: true, value: {} };
  const refusal = jsonParseRefusal(body, 'The server’s answer');
  if (refusal) return failed('bad-response', refusal);
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) as unknown };
  } catch {
    return failed('bad-response', 'The server’s answer is not JSON. Check that the URL is a TAXII 2.1 server.');
  }
}
