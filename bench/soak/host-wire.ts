/**
 * The host soak's load client (host-load.ts): one keep-alive HTTP/1.1 connection, one request at a
 * time (as a browser's connection), written and read by hand. node:http's client (the Agent, a
 * stream per answer) cost the load process about as much CPU per request as the host spent, CPU
 * taken from the host on a small machine and lag added to every latency measured. Reads answers
 * framed by Content-Length or chunked, and a bodiless one (the host's 408).
 */
import { connect, type Socket } from 'node:net';
import { NoAnswer, type Answer } from './host-http';

interface Pending {
  resolve: (answer: Answer) => void;
  reject: (error: NoAnswer) => void;
  sent: number;
  connectMs: number;
  /** The socket had carried an earlier answer. */
  reused: boolean;
}

const EMPTY = Buffer.alloc(0);

export class WireConnection {
  private socket: Socket | null = null;
  private buffer: Buffer = EMPTY;
  private pending: Pending | null = null;

  constructor(
    private readonly port: number,
    private readonly token: string,
  ) {}

  send(channel: string, payload: unknown): Promise<Answer> {
    const body = JSON.stringify(payload);
    const head = `POST /ipc/${channel} HTTP/1.1\r\nHost: 127.0.0.1:${this.port}\r\nContent-Type: application/json\r\nX-Casefile-Token: ${this.token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    return new Promise((resolve, reject) => {
      const sent = performance.now();
      const reused = this.socket !== null;
      const socket = this.socket ?? this.open(sent);
      this.pending = { resolve, reject, sent, connectMs: 0, reused };
      // Written before the connect completes, the request waits in the socket's buffer.
      socket.write(head + body);
    });
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.destroy();
  }

  private open(sent: number): Socket {
    const socket = connect(this.port, '127.0.0.1');
    socket.setNoDelay(true);
    this.socket = socket;
    this.buffer = EMPTY;
    socket.once('connect', () => {
      if (this.pending) this.pending.connectMs = performance.now() - sent;
    });
    socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.fail(socket, error.code ?? 'socket-error', error.message));
    socket.on('close', () => this.fail(socket, 'ECONNRESET', 'socket hang up'));
    return socket;
  }

  /** The connection ended with a request unanswered (or idle: then only forgotten). */
  private fail(socket: Socket, code: string, message: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    socket.destroy();
    const pending = this.pending;
    this.pending = null;
    pending?.reject(new NoAnswer(code, pending.reused, message));
  }

  private onData(socket: Socket, chunk: Buffer): void {
    if (this.socket !== socket) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const answer = parseAnswer(this.buffer);
    if (!answer) return;
    this.buffer = EMPTY;
    const pending = this.pending;
    this.pending = null;
    // Bytes with no request out, or an answer that closes: this socket is done.
    if (!pending || answer.close) this.close();
    pending?.resolve({ status: answer.status, body: answer.body, connectMs: pending.connectMs, reusedSocket: pending.reused });
  }
}

/** One whole answer at the start of `data`, or null while more is to come. */
export function parseAnswer(data: Buffer): { status: number; body: string; close: boolean } | null {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const head = data.toString('latin1', 0, headEnd);
  const status = Number(head.slice(9, 12));
  const close = /\r\nconnection: *close/i.test(head);
  const start = headEnd + 4;
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) {
    const end = start + Number(length[1]);
    return data.length < end ? null : { status, body: data.toString('utf8', start, end), close };
  }
  if (!/\r\ntransfer-encoding: *chunked/i.test(head)) return { status, body: '', close };
  const parts: Buffer[] = [];
  for (let at = start; ; ) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    if (size === 0) return data.length < lineEnd + 4 ? null : { status, body: Buffer.concat(parts).toString('utf8'), close };
    const next = lineEnd + 2 + size + 2;
    if (data.length < next) return null;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = next;
  }
}
