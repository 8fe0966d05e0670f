import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaxiiClient } from '../../src/main/services/taxii/client';

/**
 * A server that pages only by added_after (TAXII 2.1 §3.4.3 allows it): `more: true` without
 * `next`, the client continues with added_after = X-TAXII-Date-Added-Last. Each object has its own
 * date_added. `hostile` makes it say more:true forever without next and without a later date.
 */
let url = '';
let server: http.Server;
const OBJECTS = Array.from({ length: 7 }, (_, i) => ({ added: `2026-12-07T00:00:0${i}.000000Z`, object: { type: 'identity', spec_version: '2.1', id: `identity--00000000-0000-4000-8000-00000000000${i}`, name: `n${i}` } }));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const send = (body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(200, { 'Content-Type': 'application/taxii+json;version=2.1', ...headers });
      res.end(JSON.stringify(body));
    };
    const after = u.searchParams.get('added_after');
    const limit = Number(u.searchParams.get('limit') ?? 100);
    if (u.pathname === '/stuck/collections/c1/objects/') {
      const page = OBJECTS.slice(0, limit);
      return send({ more: true, objects: page.map((s) => s.object) }, { 'X-TAXII-Date-Added-First': page[0]!.added, 'X-TAXII-Date-Added-Last': page.at(-1)!.added });
    }
    const all = OBJECTS.filter((s) => !after || s.added > after);
    const page = all.slice(0, limit);
    if (page.length === 0) return send({});
    send({ more: all.length > limit, objects: page.map((s) => s.object) }, { 'X-TAXII-Date-Added-First': page[0]!.added, 'X-TAXII-Date-Added-Last': page.at(-1)!.added });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const client = (): TaxiiClient => new TaxiiClient({ auth: { kind: 'none' }, retries: 0, timeoutMs: 2_000 });

describe('TAXII review 3: a server that says more:true without next', () => {
  it('pages on with added_after = X-TAXII-Date-Added-Last, so one pull returns every object once', async () => {
    const pulled = await client().pullAll(`${url}/api1/`, 'c1', { limit: 2 });
    if (!pulled.ok) throw new Error(pulled.error.message);
    expect(pulled.value.objects.map((o) => o.id)).toEqual(OBJECTS.map((s) => s.object.id));
    expect(pulled.value.highWater).toBe(OBJECTS.at(-1)!.added);
  });

  it('stops with a plain error (not a complete pull, no cursor) when the server says more but its date does not move', async () => {
    const pulled = await client().pullAll(`${url}/stuck/`, 'c1', { limit: 2 });
    expect(pulled).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });
});
