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
  client: { loop_p99_ms: number; loop_max_ms: number; gc_ms: number; gc_major_max_ms: number; cpu_ms: number };
}

export interface Answer {
  status: number;
  body: string;
  connectMs: number;
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
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), connectMs }));
        res.on('error', reject);
      },
    );
    req.on('socket', (socket) => {
      if (socket.connecting) socket.once('connect', () => (connectMs = performance.now() - sent));
    });
    req.on('error', reject);
    req.end(body);
  });
}

