import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src/main/app-services';
import { startBrowserServer, type BrowserServer } from '../../src/main/hosts/browser-server';
import { appPaths } from '../../src/main/services/app-paths';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

let server: BrowserServer;
const home = mkdtempSync(join(tmpdir(), 'cf-host-'));
const rendererDir = join(home, 'renderer');

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Casefile</title>');
  writeFileSync(join(home, 'secret.txt'), 'outside the renderer folder');
  const services = createAppServices({
    paths: appPaths(home),
    version: 'test',
    host: { kind: 'browser', allowsTypedPaths: true, pickCaseFile: async () => null, chooseNewCasePath: async () => 'no-dialog', keychain: null },
    isTrustedSender: () => true,
  });
  server = await startBrowserServer({ services, rendererDir });
});

afterAll(async () => server.close());

describe('browser host', () => {
  it('listens on loopback at a random port and prints a tokened URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('serves the renderer with a strict CSP', async () => {
    const reply = await send(`${server.origin}/`);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Casefile');
    expect(String(reply.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(reply.headers['content-security-policy'])).toContain("connect-src 'self'");
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const reply = await send(`${server.origin}${path}`);
      expect(reply.body, path).not.toContain('outside the renderer folder');
    }
  });

  it('answers IPC only with the launch token', async () => {
    const call = (headers: Record<string, string>) => send(`${server.origin}/ipc/app:info`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    expect((await call({})).status).toBe(401);
    expect((await call({ 'X-Casefile-Token': 'f'.repeat(64) })).status).toBe(401);
    const good = await call({ 'X-Casefile-Token': server.token });
    expect(good.status).toBe(200);
    expect(JSON.parse(good.body)).toMatchObject({ ok: true, value: { host: 'browser', name: 'Casefile Workbench' } });
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding)', async () => {
    const body = '{}';
    const foreignOrigin = await send(`${server.origin}/ipc/app:info`, { method: 'POST', headers: { 'X-Casefile-Token': server.token, Origin: 'http://evil.example' }, body });
    expect(foreignOrigin.status).toBe(403);
    const otherPort = await send(`${server.origin}/ipc/app:info`, { method: 'POST', headers: { 'X-Casefile-Token': server.token, Origin: 'http://127.0.0.1:1' }, body });
    expect(otherPort.status).toBe(403);
    const rebound = await send(`${server.origin}/ipc/app:info`, { method: 'POST', headers: { 'X-Casefile-Token': server.token, Host: 'evil.example' }, body });
    expect(rebound.status).toBe(421);
  });

  it('requires the token for the event stream', async () => {
    expect((await send(`${server.origin}/events`)).status).toBe(401);
  });

  it('answers 401, not an internal error, to a token with non-ASCII characters of the right length', async () => {
    // As many characters as the real token, but more bytes: a length check on characters passes.
    // A header arrives as Latin-1, so the two UTF-8 bytes of "é" are two characters there.
    const header = await send(`${server.origin}/ipc/app:info`, { method: 'POST', headers: { 'X-Casefile-Token': `é${server.token.slice(2)}` }, body: '{}' });
    expect(header.status).toBe(401);
    expect(JSON.parse(header.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // A query parameter is decoded as UTF-8: "é" is one character.
    const events = await send(`${server.origin}/events?token=${encodeURIComponent(`é${server.token.slice(1)}`)}`);
    expect(events.status).toBe(401);
    const longer = await send(`${server.origin}/events?token=${encodeURIComponent(`${server.token}é`)}`);
    expect(longer.status).toBe(401);
  });

  it('returns contract errors as values', async () => {
    const reply = await send(`${server.origin}/ipc/nope:nothing`, { method: 'POST', headers: { 'X-Casefile-Token': server.token }, body: '{}' });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const notJson = await send(`${server.origin}/ipc/app:info`, { method: 'POST', headers: { 'X-Casefile-Token': server.token }, body: '{nope' });
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
