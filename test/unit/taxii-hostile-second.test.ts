import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseService } from '../../src/main/services/case-service';
import { endpointClient, TaxiiService, type Endpoint } from '../../src/main/services/taxii/taxii-service';
import { emptyCase } from '../../src/shared/domain/case';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';
import { fakeTaxii, type FakeTaxii } from '../helpers/taxii-fake';

/** The second hostile review of TAXII (helper brief, point 6): each test failed before its fix. */

const servers: FakeTaxii[] = [];
const opened: CaseService[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const c of opened.splice(0)) await c.close();
});
afterAll(removeTempDirs);

async function demoCase(name: string, doc = buildDemoCase('2025-06-01T00:00:00.000Z')): Promise<CaseService> {
  const cases = new CaseService({ user: name, foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(join(tempDir(`taxii-second-${name}`), `${name}.cfcase`), PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  opened.push(cases);
  return cases;
}

describe('TAXII second hostile review', () => {
  it('two windows pushing the same case to the same collection at once: each object is sent once, and the second push reports 0 sent', async () => {
    const server = await fakeTaxii({ delayMs: 200 });
    servers.push(server);
    const cases = await demoCase('two-windows');
    const endpoint: Endpoint = { discoveryUrl: server.url, auth: { kind: 'none' } };
    const one = new TaxiiService(cases, { retries: 0 });
    const two = new TaxiiService(cases, { retries: 0 });
    const [a, b] = await Promise.all([one.push(endpoint, 'c1', { maxMarking: 'TLP:GREEN' }), two.push(endpoint, 'c1', { maxMarking: 'TLP:GREEN' })]);
    if (!a.ok || !b.ok) throw new Error('push failed');
    const ids = server.stored.map((s) => s.object.id);
    expect(ids.length).toBe(new Set(ids).size);
    expect(a.value.sent + b.value.sent).toBe(ids.length);
    expect(Math.min(a.value.sent, b.value.sent)).toBe(0);
  }, 60_000);

  it('cancel mid-push: the report says exactly which objects went, the cut-off request is unknown, and the next push sends only the rest', async () => {
    let posts = 0;
    // Small requests, so the push takes several; the second one never gets an answer.
    const server = await fakeTaxii({ maxContentLength: 20_000, post: () => (++posts === 2 ? { hang: true } : { status: 'complete', succeed: () => 'success' }) });
    servers.push(server);
    const cases = await demoCase('cancel');
    const endpoint: Endpoint = { discoveryUrl: server.url, auth: { kind: 'none' } };
    const controller = new AbortController();
    const taxii = new TaxiiService(cases, { retries: 0, timeoutMs: 60_000 });
    const running = taxii.push(endpoint, 'c1', { maxMarking: 'TLP:GREEN', signal: controller.signal });
    // Cancel while the second request hangs.
    const waiting = setInterval(() => posts >= 2 && controller.abort(), 50);
    const report = await running.finally(() => clearInterval(waiting));
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.error?.kind).toBe('cancelled');
    const stored = new Set(server.stored.map((s) => s.object.id));
    expect(report.value.sentObjects.map((o) => o.id).sort()).toEqual([...stored].sort());
    // Whatever was in the request cut off is not counted as sent, and is reported as unknown.
    expect(report.value.unknown.length).toBeGreaterThan(0);
    expect(report.value.unknown.every((o) => !stored.has(o.id))).toBe(true);
    const again = await new TaxiiService(cases, { retries: 0 }).push(endpoint, 'c1', { maxMarking: 'TLP:GREEN' });
    if (!again.ok) throw new Error(again.error.message);
    // The rest goes: the unknown ones and those never sent; nothing that went is sent twice.
    expect(again.value.sent + report.value.sent).toBe(new Set(server.stored.map((s) => s.object.id)).size);
    expect(server.stored.length).toBe(new Set(server.stored.map((s) => s.object.id)).size);
  }, 60_000);

  it('an object marked with a marking-definition this pull does not carry (sent in an earlier pull) is taken as TLP:RED, never lowered to the default', async () => {
    const server = await fakeTaxii();
    servers.push(server);
    const endpoint: Endpoint = { discoveryUrl: server.url, auth: { kind: 'none' } };
    const client = endpointClient(endpoint, { retries: 0 });
    const root = { url: new URL('/api1/', server.url).toString(), title: 'api1', versions: [], maxContentLength: 10_000_000 };
    const redDefinition = 'marking-definition--0a1b2c3d-1111-4222-8333-444455556666';
    const at = '2026-01-02T00:00:00.000Z';
    // A partner's own TLP:RED marking-definition (TLP 1.0 style, its own id), alone in the first pull.
    await client.push(root, 'c1', [{ type: 'marking-definition', spec_version: '2.1', id: redDefinition, created: at, definition_type: 'tlp', definition: { tlp: 'red' } }]);
    const cases = await demoCase('marking', emptyCase('case--marking', 'Marking', '2026-01-01T00:00:00.000Z'));
    const taxii = new TaxiiService(cases, { retries: 0 });
    const first = await taxii.pull(endpoint, 'c1');
    if (!first.ok) throw new Error(first.error.message);
    await taxii.applyPull(first.value, {});
    // Then an incident marked with it: the definition is not in this pull.
    await client.push(root, 'c1', [{ type: 'incident', spec_version: '2.1', id: 'incident--7d3c2b1a-0000-4000-8000-000000000001', created: at, modified: at, name: 'Partner-only incident', object_marking_refs: [redDefinition] }]);
    const second = await taxii.pull(endpoint, 'c1');
    if (!second.ok) throw new Error(second.error.message);
    await taxii.applyPull(second.value, {});
    const event = cases.document!.events.find((e) => e.title === 'Partner-only incident');
    expect(event?.marking).toBe('TLP:RED');
  }, 60_000);
});
