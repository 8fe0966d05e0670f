import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src/main/app-services';
import { startBrowserServer, type BrowserServer } from '../../src/main/hosts/browser-server';
import { appPaths } from '../../src/main/services/app-paths';

/** A raw connection: what it received and when it was closed (ms after it was opened). */
interface Raw {
  socket: Socket;
  received: () => string;
  closed: Promise<number>;
}

function open(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    let data = '';
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, received: () => data, closed }));
    const closed = new Promise<number>((done) => socket.on('close', () => done(Date.now() - started)));
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: BrowserServer;
let port: number;
const home = mkdtempSync(join(tmpdir(), 'cf-host-hostile-'));

const HEADERS_TIMEOUT_MS = 1_500;
const REQUEST_TIMEOUT_MS = 3_000;
const MAX_BODY = 64 * 1024;

beforeAll(async () => {
  const rendererDir = join(home, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Casefile</title>');
  const services = createAppServices({
    paths: appPaths(home),
    version: 'test',
    host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
    isTrustedSender: () => true,
  });
  server = await startBrowserServer({ services, rendererDir, limits: { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: REQUEST_TIMEOUT_MS, maxBodyBytes: MAX_BODY } });
  port = Number(new URL(server.origin).port);
});

afterAll(async () => server.close());

async function appInfo(): Promise<number> {
  const reply = await fetch(`${server.origin}/ipc/app:info`, { method: 'POST', headers: { 'X-Casefile-Token': server.token }, body: '{}' });
  await reply.text();
  return reply.status;
}

describe('browser host against hostile clients', () => {
  it('answers 413 at once to a body declared larger than the cap, without waiting for it', async () => {
    const raw = await open(port);
    raw.socket.write(`POST /ipc/app:info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Casefile-Token: ${server.token}\r\nContent-Type: application/json\r\nContent-Length: ${100 * 1024 * 1024}\r\n\r\n{`);
    const closedIn = await raw.closed;
    expect(raw.received()).toMatch(/^HTTP\/1\.1 413 /);
    expect(closedIn).toBeLessThan(1_000);
  }, 8_000);

  it('answers 413 to a chunked body that grows past the cap, and closes the connection', async () => {
    const raw = await open(port);
    raw.socket.write(`POST /ipc/app:info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Casefile-Token: ${server.token}\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const piece = 'x'.repeat(16 * 1024);
    for (let i = 0; i < 8 && !raw.socket.destroyed; i += 1) {
      raw.socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
      await delay(20);
    }
    await raw.closed;
    expect(raw.received()).toMatch(/^HTTP\/1\.1 413 /);
  }, 8_000);

  it('cuts off a client that sends its headers a byte at a time, and answers others meanwhile', async () => {
    const raw = await open(port);
    const request = `POST /ipc/app:info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Padding: ${'a'.repeat(500)}\r\n`;
    let i = 0;
    const drip = setInterval(() => {
      if (!raw.socket.destroyed && i < request.length) raw.socket.write(request[i++]!);
    }, 50);
    try {
      await delay(300);
      expect(await appInfo()).toBe(200);
      const closedIn = await Promise.race([raw.closed, delay(HEADERS_TIMEOUT_MS + 2_500).then(() => -1)]);
      expect(closedIn, 'the slow client was never cut off').toBeGreaterThan(0);
      expect(closedIn).toBeLessThan(HEADERS_TIMEOUT_MS + 2_500);
    } finally {
      clearInterval(drip);
      raw.socket.destroy();
    }
  }, 10_000);

  it('cuts off a client that sends a body a byte at a time', async () => {
    const raw = await open(port);
    raw.socket.write(`POST /ipc/app:info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Casefile-Token: ${server.token}\r\nContent-Length: 1000\r\n\r\n`);
    const drip = setInterval(() => {
      if (!raw.socket.destroyed) raw.socket.write(' ');
    }, 50);
    try {
      const closedIn = await Promise.race([raw.closed, delay(REQUEST_TIMEOUT_MS + 2_500).then(() => -1)]);
      expect(closedIn, 'the slow client was never cut off').toBeGreaterThan(0);
      expect(await appInfo()).toBe(200);
    } finally {
      clearInterval(drip);
      raw.socket.destroy();
    }
  }, 10_000);

  it('closes the connection of a refused request (wrong token) without reading its body', async () => {
    const raw = await open(port);
    raw.socket.write(`POST /ipc/app:info HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Casefile-Token: wrong\r\nContent-Length: 1000000\r\n\r\n{`);
    const closedIn = await Promise.race([raw.closed, delay(2_000).then(() => -1)]);
    expect(raw.received()).toMatch(/^HTTP\/1\.1 401 /);
    expect(closedIn, 'the refused connection was kept open').toBeGreaterThan(0);
  });
});
