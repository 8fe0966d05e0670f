import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { TaxiiClient } from '../../src/main/services/taxii/client';
import { checkServerUrl, isLoopback } from '../../src/main/services/taxii/http';
import { removeTempDirs, tempDir } from '../helpers/store';

/** A tiny local server whose every answer the test decides: the client's failures, one by one. */
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;
const servers: Array<http.Server | https.Server> = [];

async function serve(handler: Handler, tls?: { key: string; cert: string }): Promise<string> {
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  };
  const server = tls ? https.createServer(tls, onRequest) : http.createServer(onRequest);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/taxii+json;version=2.1', ...headers });
  res.end(JSON.stringify(body));
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});
afterAll(removeTempDirs);

const client = (extra: Partial<ConstructorParameters<typeof TaxiiClient>[0]> = {}) => new TaxiiClient({ auth: { kind: 'basic', user: 'u', password: 'secret-pw' }, retries: 2, backoffMs: 5, timeoutMs: 2_000, ...extra });

describe('TAXII client: what a server can answer, as values with plain messages', () => {
  it.each([
    [406, 'not-acceptable', /does not speak TAXII 2\.1/],
    [413, 'too-large', /too large \(413\)/],
    [422, 'unprocessable', /could not process the objects \(422\)/],
    [404, 'not-found', /no such resource \(404\).*Check the discovery URL/],
    [403, 'forbidden', /no right to do it/],
  ])('maps %i to %s', async (status, kind, message) => {
    const url = await serve((_req, res) => json(res, status, { title: 'Nope', description: 'said the server' }));
    const got = await client().discovery(`${url}taxii2/`);
    expect(got).toMatchObject({ ok: false, error: { kind, status, message: expect.stringMatching(message) } });
    if (!got.ok) expect(got.error.message).toContain('“Nope: said the server”');
  });

  it('retries a 5xx with backoff, then reports it; never retries a 4xx', async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      json(res, 503, { title: 'busy' });
    });
    const got = await client().discovery(`${url}taxii2/`);
    expect(got).toMatchObject({ ok: false, error: { kind: 'server', status: 503, message: expect.stringMatching(/server error \(503\).*also after retrying/) } });
    expect(calls).toBe(3);
    let fourCalls = 0;
    const four = await serve((_req, res) => {
      fourCalls++;
      json(res, 422, {});
    });
    await client().discovery(`${four}taxii2/`);
    expect(fourCalls).toBe(1);
  });

  it('recovers when a retry succeeds', async () => {
    let calls = 0;
    const url = await serve((_req, res) => (++calls < 2 ? json(res, 500, {}) : json(res, 200, { title: 'ok', api_roots: ['api1/'] })));
    const got = await client().discovery(`${url}taxii2/`);
    expect(got).toMatchObject({ ok: true, value: { title: 'ok', apiRoots: [`${url}taxii2/api1/`] } });
  });

  it('times out a server that never answers, and retries it', async () => {
    let calls = 0;
    const url = await serve(() => {
      calls++; // never answers
    });
    const got = await client({ timeoutMs: 200, retries: 1 }).discovery(`${url}taxii2/`);
    expect(got).toMatchObject({ ok: false, error: { kind: 'timeout', message: expect.stringMatching(/did not answer within/) } });
    expect(calls).toBe(2);
  });

  it('refuses an oversized answer, declared or streamed, without reading it all', async () => {
    const declared = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': String(50 * 1024 * 1024) });
      res.write('{"objects":[');
    });
    const a = await client({ maxBodyBytes: 1024 * 1024 }).discovery(`${declared}taxii2/`);
    expect(a).toMatchObject({ ok: false, error: { kind: 'bad-response', message: expect.stringMatching(/larger than 1 MiB.*not read/) } });
    let written = 0;
    const streamed = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/taxii+json;version=2.1' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (written < 64 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 64 * 1024 * 1024) res.once('drain', pump);
      };
      res.on('close', () => (written = Infinity));
      pump();
    });
    const b = await client({ maxBodyBytes: 1024 * 1024 }).discovery(`${streamed}taxii2/`);
    expect(b).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });

  it('refuses JSON nested to exhaust the parser, and a body that is not JSON', async () => {
    const deep = await serve((_req, res) => json(res, 200, JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`)));
    expect(await client().discovery(`${deep}taxii2/`)).toMatchObject({ ok: false, error: { kind: 'bad-response', message: expect.stringMatching(/nests 200 levels/) } });
    const html = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>hello</html>');
    });
    expect(await client().discovery(`${html}taxii2/`)).toMatchObject({ ok: false, error: { kind: 'bad-response', message: expect.stringMatching(/not JSON/) } });
  });

  it('says so when the server is unreachable, and never puts the password in a message', async () => {
    const url = await serve(() => undefined);
    const port = new URL(url).port;
    await afterEachClose();
    const got = await client().discovery(`http://127.0.0.1:${port}/taxii2/`);
    expect(got).toMatchObject({ ok: false, error: { kind: 'unreachable', message: expect.stringMatching(/Cannot reach .*ECONNREFUSED.*offline/) } });
    if (!got.ok) expect(got.error.message).not.toContain('secret-pw');
  });

  it('cancels a request in flight', async () => {
    const url = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const got = await client({ signal: controller.signal, timeoutMs: 10_000 }).discovery(`${url}taxii2/`);
    expect(got).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });

  it('reads {} as an empty page, and pages with next sent with the same limit and filter', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      seen.push(`${q.get('limit')}|${q.get('added_after')}|${q.get('next')}`);
      if (q.get('added_after') === '2030-01-01T00:00:00.000000Z') return json(res, 200, {});
      if (!q.get('next')) return json(res, 200, { more: true, next: 'n1', objects: [{ type: 'identity', id: 'identity--1' }] }, { 'X-TAXII-Date-Added-Last': '2026-01-01T00:00:00.000001Z' });
      return json(res, 200, { more: false, objects: [{ type: 'identity', id: 'identity--2' }] }, { 'X-TAXII-Date-Added-Last': '2026-01-01T00:00:00.000002Z' });
    });
    const empty = await client().pullAll(url, 'c1', { addedAfter: '2030-01-01T00:00:00.000000Z', limit: 5 });
    expect(empty).toMatchObject({ ok: true, value: { objects: [], pages: 1, highWater: '2030-01-01T00:00:00.000000Z' } });
    const all = await client().pullAll(url, 'c1', { addedAfter: '2020-01-01T00:00:00.000000Z', limit: 1 });
    expect(all).toMatchObject({ ok: true, value: { objects: [{ id: 'identity--1' }, { id: 'identity--2' }], pages: 2, highWater: '2026-01-01T00:00:00.000002Z' } });
    expect(seen.slice(1)).toEqual(['1|2020-01-01T00:00:00.000000Z|null', '1|2020-01-01T00:00:00.000000Z|n1']);
  });

  it('resumes only after a page boundary it has seen whole: objects added at one instant may span pages', async () => {
    const pages = [
      { first: 'T1', last: 'T1' },
      { first: 'T1', last: 'T2' },
      { first: 'T3', last: 'T3' },
      { first: 'T4', last: 'T4' },
    ].map((p) => ({ first: `2026-01-01T00:00:00.00000${p.first.slice(1)}Z`, last: `2026-01-01T00:00:00.00000${p.last.slice(1)}Z` }));
    const url = await serve((req, res) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const n = Number(q.get('next') ?? 0);
      const page = pages[n]!;
      const more = n < pages.length - 1;
      json(res, 200, { more, ...(more ? { next: String(n + 1) } : {}), objects: [{ type: 'identity', id: `identity--${n}` }] }, { 'X-TAXII-Date-Added-First': page.first, 'X-TAXII-Date-Added-Last': page.last });
    });
    const marks: Array<string | undefined> = [];
    const all = await client().pullAll(url, 'c1', { limit: 1, onPage: (_page, highWater) => void marks.push(highWater) });
    expect(marks).toEqual([undefined, undefined, pages[1]!.last, pages[3]!.last]);
    expect(all).toMatchObject({ ok: true, value: { highWater: pages[3]!.last, pages: 4 } });
  });

  it('splits a push into requests within max_content_length, lists an object too large to send, and follows a pending status', async () => {
    const sizes: number[] = [];
    const batches: string[][] = [];
    let polls = 0;
    const url = await serve((req, res, body) => {
      if (req.method === 'POST') {
        sizes.push(body.length);
        const ids = (JSON.parse(body.toString()) as { objects: Array<{ id: string }> }).objects.map((o) => o.id);
        batches.push(ids);
        return json(res, 202, { id: `s${batches.length - 1}`, status: 'pending', total_count: ids.length, success_count: 0, pending_count: ids.length, pendings: ids.map((id) => ({ id })) });
      }
      polls++;
      // A conforming status (TAXII 2.1 §4.3.1): the counts, and the lists of this request's objects.
      const ids = batches[Number(/status\/s(\d+)\//.exec(req.url ?? '')?.[1])] ?? [];
      const ok = ids.filter((id) => id !== 'identity--3');
      const bad = ids.filter((id) => id === 'identity--3');
      return json(res, 200, { id: 's', status: 'complete', total_count: ids.length, success_count: ok.length, failure_count: bad.length, pending_count: 0, successes: ok.map((id) => ({ id })), failures: bad.map((id) => ({ id, message: 'refused' })) });
    });
    const objects = Array.from({ length: 6 }, (_, i) => ({ type: 'identity', id: `identity--${i}`, name: 'x'.repeat(300) }));
    objects.push({ type: 'identity', id: 'identity--huge', name: 'x'.repeat(5_000) });
    const outcome = await client().push({ url, title: 't', versions: [], maxContentLength: 1_000 }, 'c1', objects, { pollMs: 1 });
    expect(sizes.length).toBe(3);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(1_000);
    expect(polls).toBe(3);
    expect(outcome.failed).toEqual([
      { id: 'identity--huge', message: expect.stringMatching(/larger .* than the server accepts/) },
      { id: 'identity--3', message: 'refused' },
    ]);
    expect(outcome.succeeded).toEqual(['identity--0', 'identity--1', 'identity--2', 'identity--4', 'identity--5']);
  });

  it('refuses plain http except to loopback, and URLs with credentials', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', '[::1]', 'localhost']) expect(checkServerUrl(`http://${host}:5000/taxii2/`).ok).toBe(true);
    for (const host of ['10.0.0.1', 'example.org', '128.0.0.1', '[::2]']) expect(checkServerUrl(`http://${host}/taxii2/`)).toMatchObject({ ok: false, error: { kind: 'insecure' } });
    expect(checkServerUrl('https://u:p@example.org/taxii2/')).toMatchObject({ ok: false, error: { kind: 'invalid-url' } });
    expect(checkServerUrl('ftp://example.org/')).toMatchObject({ ok: false, error: { kind: 'invalid-url' } });
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
  });

  it('fails TLS to a self-signed server with a plain message, and connects when its CA is given', async () => {
    const dir = tempDir('taxii-tls');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const url = await serve((_req, res) => json(res, 200, { title: 'secure', api_roots: [] }), { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert });
    const refused = await client().discovery(`${url}taxii2/`);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'tls', message: expect.stringMatching(/secure connection .* failed.*add its CA certificate/) } });
    const trusted = await client({ ca: cert }).discovery(`${url}taxii2/`);
    expect(trusted).toMatchObject({ ok: true, value: { title: 'secure' } });
  });
});

async function afterEachClose(): Promise<void> {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
}
