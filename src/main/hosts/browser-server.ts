import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AppServices } from '../app-services';
import { attachmentResponse } from '../services/attachment-http';
import { answerJson } from '../ipc/guard';
import { turnTaker } from './call-turns';
import { SECURITY_HEADERS } from './security-headers';
import { readRendererFile } from './static-files';

/**
 * What one client may cost the host. Node's own defaults (headers within 60 s, checked only every
 * 30 s; a request within 5 min; no body cap) let a client that sends a byte at a time hold a
 * connection for minutes, and a declared huge body is only refused once it has arrived.
 */
export interface HostLimits {
  /** The request line and headers must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** The largest IPC body (an upload piece is 2 MiB as base64; imports carry whole files). */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: HostLimits = { headersTimeoutMs: 10_000, requestTimeoutMs: 60_000, maxBodyBytes: 64 * 1024 * 1024 };

export interface BrowserServer {
  url: string;
  origin: string;
  token: string;
  /**
   * The key a link needs to read one file (`/attachments/<sha256>?key=…`): an HMAC of the file's
   * SHA-256 under the launch token. A link lands in the browser's history and downloads list;
   * the token must not (it opens every call), and a key opens only its file, only this launch.
   */
  attachmentKey(sha256: string): string;
  close(): Promise<void>;
}

/**
 * The browser host's loopback server: the real renderer and the same IPC dispatch as
 * Electron. Every call needs the per-launch token in a header (which also forces a CORS
 * preflight that we never grant), a Host of our own address and, when sent, our Origin.
 */
export async function startBrowserServer(options: { services: AppServices; rendererDir: string; port?: number; limits?: Partial<HostLimits> }): Promise<BrowserServer> {
  const limits: HostLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const token = randomBytes(32).toString('hex');
  const tokenBytes = Buffer.from(token, 'utf8');
  const attachmentKey = (sha256: string): string => createHmac('sha256', token).update(`attachment:${sha256}`).digest('hex');
  let port = 0;
  // Filled in once the port is known (before the first request can arrive).
  let allowedHosts: ReadonlySet<string> = new Set();
  let allowedOrigins: ReadonlySet<string> = new Set();

  const inTurn = turnTaker(CALLS_PER_TURN);
  const server = createServer(
    // Timeouts are checked every half second (Node's default is 30 s, longer than the timeouts).
    { headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: 500 },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (res.headersSent || res.destroyed) return void res.destroy();
        send(res, 500, 'text/plain; charset=utf-8', `Internal error: ${(error as Error).message}`);
      });
    },
  );

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(res, 421, 'text/plain; charset=utf-8', 'Wrong Host header.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(res, 403, 'text/plain; charset=utf-8', 'Cross-origin requests are refused.');
    // An IPC call's plain path is its own pathname: no URL to build for most requests.
    const plainIpc = PLAIN_IPC_PATH.exec(req.url ?? '');
    const url = plainIpc ? null : new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const pathname = plainIpc ? plainIpc[0] : url!.pathname;

    if (pathname.startsWith('/ipc/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'text/plain; charset=utf-8', 'POST only.');
      if (!tokenMatches(req.headers['x-casefile-token'], tokenBytes)) return refuse(res, 401, JSON_TYPE, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: 'Missing or wrong launch token. Open the link the browser host printed.' } }));
      const tooLarge = JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: `The request is larger than ${limits.maxBodyBytes} bytes; send large files in pieces.` } });
      // A declared size over the cap is refused before a byte of the body is read.
      if (Number(req.headers['content-length'] ?? 0) > limits.maxBodyBytes) return refuse(res, 413, JSON_TYPE, tooLarge);
      const body = await readBody(req, limits.maxBodyBytes);
      if (body === 'too-large') return refuse(res, 413, JSON_TYPE, tooLarge);
      if (body === 'aborted') return;
      let request: unknown;
      try {
        request = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request is not JSON.' } });
      }
      const generation = Number(req.headers['x-casefile-case']);
      const sender = { origin: origin ?? `http://127.0.0.1:${port}`, ...(req.headers['x-casefile-case'] !== undefined && Number.isSafeInteger(generation) ? { caseGeneration: generation } : {}) };
      const result = await inTurn(() => options.services.dispatch(pathname.slice(5), request, sender));
      res.writeHead(200, JSON_HEADERS);
      return void res.end(answerJson(result));
    }

    if (!url) return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
    if (url.pathname === '/events') {
      if (!tokenMatches(url.searchParams.get('token') ?? undefined, tokenBytes)) return refuse(res, 401, 'text/plain; charset=utf-8', 'Missing or wrong launch token.');
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
      res.write(': connected\n\n');
      const unsubscribe = options.services.subscribe((name, payload) => {
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      });
      const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
      req.on('close', () => {
        clearInterval(ping);
        unsubscribe();
      });
      return;
    }

    const attachment = /^\/attachments\/([0-9a-f]{64})$/.exec(url.pathname);
    if (attachment) {
      // An <img> or a download link cannot send the header: a per-file key comes in the query instead.
      const allowed = tokenMatches(req.headers['x-casefile-token'], tokenBytes) || tokenMatches(url.searchParams.get('key') ?? undefined, Buffer.from(attachmentKey(attachment[1]!), 'utf8'));
      if (!allowed) return refuse(res, 401, 'text/plain; charset=utf-8', 'Missing or wrong key for this file.');
      const fetchSite = req.headers['sec-fetch-site'];
      const answer = attachmentResponse(options.services.attachments, attachment[1]!, { method: req.method ?? 'GET', range: req.headers.range ?? null, download: url.searchParams.get('download') === '1', fetchSite: typeof fetchSite === 'string' ? fetchSite : null });
      res.writeHead(answer.status, answer.headers);
      if (answer.body === null || typeof answer.body === 'string') return void res.end(answer.body ?? undefined);
      // A blob that fails its check mid-way ends the response early: the client sees a cut transfer, never wrong bytes.
      await pipeline(Readable.from(answer.body), res).catch(() => res.destroy());
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'text/plain; charset=utf-8', 'GET only.');
    const file = await readRendererFile(options.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.type });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    attachmentKey,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/**
 * Compares the bytes in constant time. A header of another byte length (a wrong token, or one with
 * a non-ASCII character, which timingSafeEqual would throw on) is refused before: the token's
 * length is no secret. No hash per call: at thousands of calls a second it was a cost of its own.
 */
function tokenMatches(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const bytes = Buffer.from(given, 'utf8');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

/**
 * The body, or why there is none: over `max` (reading stops; the caller answers 413 and the
 * connection closes), or the client went away or was timed out (nobody to answer).
 */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolveBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | 'too-large' | 'aborted') => {
      if (settled) return;
      settled = true;
      req.removeListener('data', onData);
      resolveBody(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        chunks.length = 0;
        req.pause();
        return settle('too-large');
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => settle(Buffer.concat(chunks)));
    req.on('error', () => settle('aborted'));
    req.on('close', () => settle('aborted'));
  });
}

/** IPC calls started in one turn of the event loop (call-turns.ts): a few milliseconds of work. */
const CALLS_PER_TURN = 64;

const JSON_TYPE = 'application/json; charset=utf-8';
/** The headers of every IPC answer, made once. */
const JSON_HEADERS: Readonly<Record<string, string>> = { ...SECURITY_HEADERS, 'Content-Type': JSON_TYPE };
/** `/ipc/<channel>` with nothing a URL parser would change (no dot segments, escapes or query). */
const PLAIN_IPC_PATH = /^\/ipc\/[a-z][a-z0-9-]*(?::[a-z0-9-]+)*$/;

/**
 * A refusal ends the connection after the answer: whatever body the client is still sending is
 * never read (a hostile client cannot keep the socket busy by dripping it).
 */
function refuse(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, Connection: 'close' });
  res.end(body, () => res.socket?.destroy());
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, JSON_TYPE, JSON.stringify(value));
}
