/** The host soak's HTTP client and the job its load process is given (host.soak.ts, host-load.ts). */
import { request as httpRequest, type Agent } from 'node:http';

export interface LoadJob {
  port: number;
  token: string;
  requests: number;
  concurrency: number;
  editEvery: number;
  /** An event of the case, copied (new id and title) for each edit. */
  template: Record<string, unknown>;
  out: string;
}

export interface LoadResult {
  seconds: number;
  /** Milliseconds from sending each request to the last byte of its answer, by request number. */
  latencies: number[];
  /** Milliseconds the request waited for its socket to connect (0 on a socket kept alive). */
  connects: number[];
  acknowledged: Array<[id: string, title: string]>;
  failed: number;
  firstFailure: string;
  /** Every failed request (request number, channel, what went wrong), so the soak can explain each one. */
  failures: LoadFailure[];
  /** Requests sent a second time because the host never received the first (see host-load.ts), by why. */
  retried: Record<string, number>;
  client: { loop_p99_ms: number; loop_max_ms: number; gc_ms: number; gc_major_max_ms: number; cpu_ms: number };
}

export interface LoadFailure {
  i: number;
  channel: string;
  /** The edit's record id (null for a read): looked for after the run, applied or not. */
  editId: string | null;
  /** The HTTP status, or null when no answer came (see `code`). */
  status: number | null;
  /** The socket error's code (ECONNRESET, EPIPE, …), the error value's code, or ''. */
  code: string;
  /** The request went out on a kept-alive socket that had carried an earlier answer. */
  reusedSocket: boolean;
  /** Milliseconds from sending to the failure. */
  ms: number;
}

export interface Answer {
  status: number;
  body: string;
  connectMs: number;
  reusedSocket: boolean;
}

/** A request that got no answer: the socket error, and whether it went out on a reused socket. */
export class NoAnswer extends Error {
  constructor(
    readonly code: string,
    readonly reusedSocket: boolean,
    message: string,
  ) {
    super(message);
  }
}

export function ipc(agent: Agent, port: number, token: string, channel: string, payload: unknown): Promise<Answer> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    let connectMs = 0;
    const req = httpRequest(
      { agent, host: '127.0.0.1', port, method: 'POST', path: `/ipc/${channel}`, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'X-Casefile-Token': token } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), connectMs, reusedSocket: req.reusedSocket }));
        res.on('error', (error: NodeJS.ErrnoException) => reject(new NoAnswer(error.code ?? 'response-error', req.reusedSocket, error.message)));
      },
    );
    req.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', () => (connectMs = performance.now() - sent));
    });
    req.on('error', (error: NodeJS.ErrnoException) => reject(new NoAnswer(error.code ?? 'request-error', req.reusedSocket, error.message)));
    req.end(body);
  });
}

