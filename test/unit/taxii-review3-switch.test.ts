import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseService } from '../../src/main/services/case-service';
import { TaxiiService, type Endpoint } from '../../src/main/services/taxii/taxii-service';
import { emptyCase } from '../../src/shared/domain/case';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

/** One writable collection; `onCollections` runs before the collection list is answered (while a push is connecting). */
async function server(onCollections: () => Promise<void>): Promise<{ url: string; stored: Array<{ type: string; id: string }>; close: () => Promise<void> }> {
  const stored: Array<{ type: string; id: string }> = [];
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'Content-Type': 'application/taxii+json;version=2.1' });
        res.end(JSON.stringify(body));
      };
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (path === '/taxii2/') return send(200, { title: 'fake', api_roots: ['/api1/'] });
      if (path === '/api1/') return send(200, { title: 'api1', versions: ['application/taxii+json;version=2.1'], max_content_length: 10_000_000 });
      if (path === '/api1/collections/') {
        await onCollections();
        return send(200, { collections: [{ id: 'c1', title: 'c1', can_read: true, can_write: true }] });
      }
      if (path === '/api1/collections/c1/objects/' && req.method === 'POST') {
        const objects = (JSON.parse(Buffer.concat(chunks).toString()) as { objects: Array<{ type: string; id: string }> }).objects;
        stored.push(...objects);
        return send(202, { id: 's', status: 'complete', total_count: objects.length, success_count: objects.length, successes: objects.map((o) => ({ id: o.id })), failure_count: 0, pending_count: 0 });
      }
      send(404, { title: 'no' });
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/taxii2/`,
    stored,
    close: async () => {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    },
  };
}

async function makeCase(name: string, doc: ReturnType<typeof emptyCase>): Promise<string> {
  const path = join(tempDir(`taxii-r3-sw-${name}`), `${name}.cfcase`);
  const maker = new CaseService({ user: name, foldAfterIdleMs: 2 ** 31 - 1 });
  expect((await maker.create(path, PASSPHRASE, doc)).ok).toBe(true);
  await maker.close();
  return path;
}

describe('TAXII review 3: the case is switched while a push is connecting', () => {
  it('sends nothing of the case opened meanwhile: the push belongs to the case it was started in', async () => {
    const alpha = await makeCase('alpha', emptyCase('case--alpha', 'alpha', '2026-01-01T00:00:00.000Z'));
    const bravo = await makeCase('bravo', { ...buildDemoCase('2025-06-01T00:00:00.000Z'), id: 'case--bravo', name: 'bravo' });
    const window = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
    let switchTo: (() => Promise<void>) | null = null;
    const srv = await server(async () => {
      const run = switchTo;
      switchTo = null;
      await run?.();
    });
    try {
      expect((await window.open(alpha, { passphrase: PASSPHRASE })).ok).toBe(true);
      const endpoint: Endpoint = { discoveryUrl: srv.url, auth: { kind: 'none' } };
      switchTo = async () => {
        await window.close();
        expect((await window.open(bravo, { passphrase: PASSPHRASE })).ok).toBe(true);
      };
      const pushed = await new TaxiiService(window, { retries: 0 }).push(endpoint, 'c1', { maxMarking: 'TLP:GREEN' });
      expect(window.document!.id).toBe('case--bravo');
      // Nothing of bravo went: no incident, actor or relationship.
      expect(srv.stored.filter((o) => o.type !== 'report' && o.type !== 'marking-definition')).toEqual([]);
      expect(pushed).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    } finally {
      await window.close();
      await srv.close();
    }
  }, 120_000);
});
