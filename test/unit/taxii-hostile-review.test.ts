import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { TaxiiClient } from '../../src/main/services/taxii/client';
import { TaxiiService } from '../../src/main/services/taxii/taxii-service';
import { runCli } from '../helpers/run-cli';

/**
 * Hostile-review findings on the TAXII 2.1 client (issue 16). Each test states what the analyst
 * relies on; they fail on branch `taxii` at 6bcdcb3.
 */

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;
const servers: http.Server[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
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

const PASSWORD = 'pw-9d1e-must-stay-home';
const client = () => new TaxiiClient({ auth: { kind: 'basic', user: 'u', password: PASSWORD }, retries: 0, backoffMs: 1, timeoutMs: 5_000 });

describe('TAXII hostile review', () => {
  it('does not send the credentials to another server that a discovery answer names as its API root', async () => {
    const authSeenByOther: string[] = [];
    const other = await serve((req, res) => {
      authSeenByOther.push(req.headers.authorization ?? '');
      json(res, 200, { title: 'evil root', versions: ['application/taxii+json;version=2.1'], max_content_length: 1_000_000, collections: [] });
    });
    const home = await serve((_req, res) => json(res, 200, { title: 'home', api_roots: [`${other}api1/`] }));
    const taxii = new TaxiiService(new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 }), { retries: 0, timeoutMs: 5_000 });
    await taxii.listCollections({ discoveryUrl: `${home}taxii2/`, auth: { kind: 'basic', user: 'u', password: PASSWORD } });
    // The analyst gave credentials for `home`; a discovery document must not redirect them elsewhere.
    expect(authSeenByOther.filter((a) => a !== '')).toEqual([]);
  });

  it('does not follow a 3xx to another host (held: the credentials stay home, the message is plain)', async () => {
    let otherHits = 0;
    const other = await serve((_req, res) => {
      otherHits++;
      json(res, 200, {});
    });
    const home = await serve((_req, res) => {
      res.writeHead(302, { Location: `${other}taxii2/` });
      res.end();
    });
    const got = await client().discovery(`${home}taxii2/`);
    expect(otherHits).toBe(0);
    expect(got.ok).toBe(false);
  });

  it('does not count objects as sent when the completed status says they failed (failure_count without a failures list)', async () => {
    const url = await serve((req, res, body) => {
      const n = req.method === 'POST' ? (JSON.parse(body.toString()) as { objects: unknown[] }).objects.length : 0;
      // TAXII 2.1 §4.3.1: successes / failures / pendings are optional; the counts are required.
      json(res, 202, { id: 's1', status: 'complete', total_count: n, success_count: 0, failure_count: n, pending_count: 0 });
    });
    const objects = [0, 1, 2].map((i) => ({ type: 'identity', id: `identity--${i}`, name: `n${i}` }));
    const outcome = await client().push({ url, title: 't', versions: [], maxContentLength: 100_000 }, 'c1', objects, { pollMs: 1 });
    expect(outcome.succeeded).toEqual([]);
  });

  it('does not count objects as sent when the server answers 202 with no status resource at all', async () => {
    const url = await serve((_req, res) => json(res, 202, {}));
    const objects = [0, 1].map((i) => ({ type: 'identity', id: `identity--${i}`, name: `n${i}` }));
    const outcome = await client().push({ url, title: 't', versions: [], maxContentLength: 100_000 }, 'c1', objects, { pollMs: 1 });
    expect(outcome.succeeded).toEqual([]);
  });

  it('stops a `next` loop that resends the same page, within a bounded number of requests', async () => {
    let requests = 0;
    const url = await serve((_req, res) => {
      requests++;
      json(res, 200, { more: true, next: 'same', objects: [{ type: 'identity', id: 'identity--loop', name: 'again' }] });
    });
    const got = await client().pullAll(url, 'c1', { limit: 1 });
    expect(got.ok).toBe(false);
    // 10,000 requests (and, in TaxiiService.pull, 10,000 rewrites of a growing <case>.taxii) is not "bounded".
    expect(requests).toBeLessThanOrEqual(100);
  }, 120_000);

  it('refuses a pull whose total size exceeds a bound, not only each page (memory stays bounded)', async () => {
    const PAGE = 2 * 1024 * 1024;
    const STOP = 400 * 1024 * 1024;
    let served = 0;
    let n = 0;
    const url = await serve((_req, res) => {
      n++;
      // Stops by itself once 400 MiB went out, so the test ends either way.
      const more = served < STOP;
      const objects = Array.from({ length: 8 }, (_, i) => ({ type: 'identity', id: `identity--${n}-${i}`, name: 'x', description: 'y'.repeat(PAGE / 8) }));
      const text = JSON.stringify({ more, ...(more ? { next: `p${n}` } : {}), objects });
      served += text.length;
      res.writeHead(200, { 'Content-Type': 'application/taxii+json;version=2.1' });
      res.end(text);
    });
    const got = await client().pullAll(url, 'c1', { limit: 8 });
    // Observed: ok, 400 MiB of objects held in memory (and each page re-sealed into <case>.taxii by the service).
    expect(got.ok).toBe(false);
  }, 300_000);
});

describe('TAXII hostile review: what a server says reaches the terminal without control characters', () => {
  it('casefile taxii collections (text output): titles and ids from the server cannot move the cursor or retitle the terminal', async () => {
    const ESC = '\u001b';
    const home = await serve((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/taxii2/') return json(res, 200, { title: `${ESC}]0;owned${String.fromCharCode(7)}Server`, api_roots: ['/api1/'] });
      if (path === '/api1/') return json(res, 200, { title: `Root${ESC}[2J`, versions: [], max_content_length: 1000 });
      return json(res, 200, { collections: [{ id: `c1${ESC}[1A`, title: `Col${ESC}[31m`, can_read: true, can_write: true }] });
    });
    const run = await runCli(['taxii', 'collections', '--server', `${home}taxii2/`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Server');
    expect(run.stdout).not.toContain(ESC);
  }, 60_000);

  it('a push\'s failure messages from the status resource carry no control characters', async () => {
    const url = await serve((_req, res) => json(res, 202, { id: 's1', status: 'complete', total_count: 1, success_count: 0, failure_count: 1, failures: [{ id: 'identity--0', message: `bad\u001b]0;owned\u0007\u001b[2J` }] }));
    const outcome = await client().push({ url, title: 't', versions: [], maxContentLength: 100_000 }, 'c1', [{ type: 'identity', id: 'identity--0', name: 'n' }], { pollMs: 1 });
    expect(outcome.failed).toHaveLength(1);
    expect([...outcome.failed[0]!.message].filter((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)).toEqual([]);
  });
});
