/**
 * Hostile clients for the host soak (bench/soak/host.soak.ts): raw sockets, so that every header
 * (Host, Origin, Content-Length) is exactly what an attacker would send. Each outcome says whether
 * the host refused (the status it answered, or a closed connection) or, the failure that counts,
 * accepted (a 2xx).
 */
import { connect } from 'node:net';

export type HostileKind = 'wrong_token' | 'foreign_host' | 'foreign_origin' | 'oversized' | 'oversized_stream' | 'slowloris';

export interface HostileOutcome {
  kind: HostileKind;
  /** The status the host answered with, or null when it closed the connection without one. */
  status: number | null;
  /** The host let it through (2xx): the failure the soak counts. */
  accepted: boolean;
  /** Still open at our own deadline: the host never cut it off. */
  uncut: boolean;
  /** Milliseconds from connect to close. */
  ms: number;
}

export interface Target {
  port: number;
  token: string;
}

const EDIT = JSON.stringify({ collection: 'events', record: { id: 'event--hostile' } });

function head(target: Target, lines: string[]): string {
  return `POST /ipc/records:put HTTP/1.1\r\n${lines.map((l) => `${l}\r\n`).join('')}`.replace('{host}', `127.0.0.1:${target.port}`);
}

/**
 * One connection: `script` writes to it (all at once, or dripping); the outcome is the status line
 * of whatever came back, once the host closes the connection or `deadlineMs` passes.
 */
function exchange(kind: HostileKind, target: Target, deadlineMs: number, script: (write: (text: string) => boolean, closed: () => boolean) => Promise<void>): Promise<HostileOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    let received = '';
    let done = false;
    const socket = connect(target.port, '127.0.0.1');
    const finish = (uncut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      const status = match ? Number(match[1]) : null;
      resolve({ kind, status, accepted: status !== null && status >= 200 && status < 300, uncut, ms: performance.now() - started });
    };
    const timer = setTimeout(() => finish(true), deadlineMs);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      // A full answer with a body we do not need: the outcome is known.
      if (/\r\n\r\n/.test(received) && kind !== 'slowloris' && kind !== 'oversized_stream') finish(false);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('connect', () => {
      void script(
        (text) => !socket.destroyed && socket.write(text),
        () => done || socket.destroyed,
      ).catch(() => finish(false));
    });
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request that must be refused at once: wrong token, foreign Host, foreign Origin, declared oversized body. */
export function oneShot(kind: Exclude<HostileKind, 'slowloris' | 'oversized_stream'>, target: Target): Promise<HostileOutcome> {
  const good = `X-Casefile-Token: ${target.token}`;
  const body = `Content-Type: application/json`;
  let text: string;
  if (kind === 'wrong_token') text = `${head(target, ['Host: {host}', `X-Casefile-Token: ${'0'.repeat(64)}`, body, `Content-Length: ${EDIT.length}`])}\r\n${EDIT}`;
  else if (kind === 'foreign_host') text = `${head(target, ['Host: casefile.evil.example', good, body, `Content-Length: ${EDIT.length}`])}\r\n${EDIT}`;
  else if (kind === 'foreign_origin') text = `${head(target, ['Host: {host}', 'Origin: http://evil.example', good, body, `Content-Length: ${EDIT.length}`])}\r\n${EDIT}`;
  else text = `${head(target, ['Host: {host}', good, body, `Content-Length: ${1024 * 1024 * 1024}`])}\r\n{"collection":"events","record":`;
  return exchange(kind, target, 10_000, async (write) => void write(text));
}

/** A valid-looking upload that never ends: 1 MiB pieces, chunked, until the host stops it (or 256 MiB). */
export function oversizedStream(target: Target): Promise<HostileOutcome> {
  const piece = Buffer.alloc(1024 * 1024, 0x20).toString('latin1');
  return exchange('oversized_stream', target, 30_000, async (write, closed) => {
    write(`${head(target, ['Host: {host}', `X-Casefile-Token: ${target.token}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked'])}\r\n`);
    for (let i = 0; i < 256 && !closed(); i += 1) {
      write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
      await delay(2);
    }
  });
}

/** Slowloris: a request's headers, one byte every `everyMs`, never finished. */
export function slowloris(target: Target, everyMs: number, deadlineMs: number): Promise<HostileOutcome> {
  const text = head(target, ['Host: {host}', `X-Casefile-Token: ${target.token}`, `X-Padding: ${'a'.repeat(100_000)}`]);
  return exchange('slowloris', target, deadlineMs, async (write, closed) => {
    for (let i = 0; i < text.length && !closed(); i += 1) {
      write(text[i]!);
      await delay(everyMs);
    }
  });
}
