import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake server does with one POST of objects: the status it answers (or a hang). */
export type PostAnswer = { status: 'complete'; succeed: (id: string) => 'success' | 'failure' | 'unlisted' } | { hang: true };

export interface FakeTaxii {
  url: string;
  /** Every object the server stored, in order (a duplicate id+modified is stored again, as a log). */
  stored: Array<{ added: string; object: { id: string; modified?: string } }>;
  posts: number;
  close: () => Promise<void>;
}

/**
 * A small conforming TAXII 2.1 server in memory (one API root `/api1/`, collection `c1`), whose
 * answers to POSTs a test chooses: which objects succeed, fail or go unlisted, or a POST that never
 * answers. Pages honour `added_after`, `limit` and `next`.
 */
export async function fakeTaxii(options: { post?: (objects: Array<{ id: string }>) => PostAnswer; delayMs?: number; maxContentLength?: number; beforeObjects?: () => Promise<void> } = {}): Promise<FakeTaxii> {
  const state: FakeTaxii = { url: '', stored: [], posts: 0, close: async () => undefined };
  let tick = 0;
  const stamp = (): string => `2026-12-07T00:00:00.${String(++tick).padStart(6, '0')}Z`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'Content-Type': 'application/taxii+json;version=2.1', ...headers });
        res.end(JSON.stringify(body));
      };
      if (url.pathname === '/taxii2/') return send(200, { title: 'fake', api_roots: ['/api1/'] });
      if (url.pathname === '/api1/') return send(200, { title: 'api1', versions: ['application/taxii+json;version=2.1'], max_content_length: options.maxContentLength ?? 10_000_000 });
      if (url.pathname === '/api1/collections/') return send(200, { collections: [{ id: 'c1', title: 'c1', can_read: true, can_write: true }] });
      if (url.pathname === '/api1/collections/c1/objects/' && req.method === 'POST') {
        state.posts++;
        const objects = (JSON.parse(Buffer.concat(chunks).toString()) as { objects: Array<{ id: string; modified?: string }> }).objects;
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
        const answer = options.post?.(objects) ?? { status: 'complete', succeed: () => 'success' };
        if ('hang' in answer) return; // never answers
        const added = stamp();
        const verdict = new Map(objects.map((o) => [o.id, answer.succeed(o.id)]));
        for (const object of objects) if (verdict.get(object.id) !== 'failure') state.stored.push({ added, object });
        const ids = (v: string) => objects.filter((o) => verdict.get(o.id) === v).map((o) => o.id);
        return send(202, {
          id: 's',
          status: 'complete',
          total_count: objects.length,
          success_count: objects.length - ids('failure').length,
          successes: ids('success').map((id) => ({ id })),
          failure_count: ids('failure').length,
          failures: ids('failure').map((id) => ({ id, message: 'refused by policy' })),
          pending_count: 0,
        });
      }
      if (url.pathname === '/api1/collections/c1/objects/') {
        await options.beforeObjects?.();
        const after = url.searchParams.get('added_after');
        const limit = Number(url.searchParams.get('limit') ?? 100);
        const start = Number(url.searchParams.get('next') ?? 0);
        const all = state.stored.filter((s) => !after || s.added > after);
        const page = all.slice(start, start + limit);
        if (page.length === 0) return send(200, {});
        const more = start + limit < all.length;
        return send(200, { more, ...(more ? { next: String(start + limit) } : {}), objects: page.map((s) => s.object) }, { 'X-TAXII-Date-Added-First': page[0]!.added, 'X-TAXII-Date-Added-Last': page.at(-1)!.added });
      }
      send(404, { title: 'no' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/taxii2/`;
  state.close = async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return state;
}
