import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseService } from '../../src/main/services/case-service';
import { TaxiiClient } from '../../src/main/services/taxii/client';
import { TaxiiService, type Endpoint } from '../../src/main/services/taxii/taxii-service';
import { emptyCase } from '../../src/shared/domain/case';
import { canonicalJson, resolutionsFor, selectForExport } from '../../src/shared/exchange';
import { PASSPHRASE, plainSource, removeTempDirs, tempDir } from '../helpers/store';
import { ANALYST, READER, RO_COLLECTION, RW_COLLECTION, startTaxiiServer, taxiiServerMissing, type RunningTaxiiServer } from '../helpers/taxii-server';

/**
 * Issue 16, point 6: interop against the provided OASIS medallion server, started on a free port.
 */
const missing = taxiiServerMissing();
if (missing) console.warn(missing);

let server: RunningTaxiiServer;
const cases: CaseService[] = [];

async function openCase(name: string, doc = emptyCase(`case--${name}`, name, '2026-01-01T00:00:00.000Z')): Promise<{ cases: CaseService; taxii: TaxiiService }> {
  const service = new CaseService({ user: name, foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await service.create(join(tempDir(`taxii-${name}`), `${name}.cfcase`), PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  cases.push(service);
  return { cases: service, taxii: new TaxiiService(service, { retries: 0 }) };
}

const as = (auth: Endpoint['auth']): Endpoint => ({ discoveryUrl: server.url, auth });

describe.skipIf(missing !== null)('TAXII 2.1 against the medallion test server', () => {
  // A fresh server (memory backend) per test: medallion reads slow down with the square of what it holds.
  beforeEach(async () => {
    server = await startTaxiiServer();
  }, 30_000);
  afterEach(async () => {
    for (const c of cases.splice(0)) await c.close();
    await server?.stop();
  });
  afterAll(removeTempDirs);

  it('pushes the demo case at TLP:GREEN, a second push sends nothing, a fresh case pulls the same records without the AMBER ones, and a changed incident pulls as one conflict', async () => {
    const a = await openCase('alpha', buildDemoCase('2025-06-01T00:00:00.000Z'));
    const pushed = await a.taxii.push(as(ANALYST), RW_COLLECTION, { maxMarking: 'TLP:GREEN' });
    if (!pushed.ok) throw new Error(pushed.error.message);
    expect(pushed.value.failed).toEqual([]);
    expect(pushed.value.sent).toBeGreaterThan(100);
    const amber = a.cases.document!.events.filter((e) => e.marking === 'TLP:AMBER').map((e) => e.id);
    expect(amber.length).toBeGreaterThan(0);
    expect(pushed.value.leftOut.map((l) => l.id)).toEqual(expect.arrayContaining(amber));

    const again = await a.taxii.push(as(ANALYST), RW_COLLECTION, { maxMarking: 'TLP:GREEN' });
    expect(again.ok && again.value.sent).toBe(0);
    expect(again.ok && again.value.skipped).toBe(pushed.value.sent);

    const b = await openCase('bravo');
    const dry = await b.taxii.pull(as(ANALYST), RW_COLLECTION);
    if (!dry.ok) throw new Error(dry.error.message);
    const dryOutcome = await b.taxii.applyPull(dry.value, {}, { dryRun: true });
    expect(dryOutcome.seq).toBeNull();
    expect(b.cases.document!.events).toEqual([]);
    // The dry run did not move the cursor: the real pull still receives everything.
    const review = await b.taxii.pull(as(ANALYST), RW_COLLECTION);
    if (!review.ok) throw new Error(review.error.message);
    expect(review.value.received).toBe(dry.value.received);
    const merged = await b.taxii.applyPull(review.value, resolutionsFor(review.value.plan, 'ours'));
    expect(merged.seq).not.toBeNull();

    const sent = selectForExport(a.cases.document!, 'TLP:GREEN').records;
    const got = b.cases.document!;
    for (const collection of ['events', 'actors', 'relationships', 'sources', 'series'] as const) {
      const byId = (list: readonly { id: string }[]) => Object.fromEntries(list.map((r) => [r.id, canonicalJson(r)]));
      expect(byId(got[collection]), collection).toEqual(byId(sent[collection]));
    }
    for (const id of amber) expect(got.events.some((e) => e.id === id)).toBe(false);

    // Nothing new: the next pull brings nothing.
    const nothing = await b.taxii.pull(as(ANALYST), RW_COLLECTION);
    expect(nothing.ok && nothing.value.received).toBe(0);

    // Both sides change the same incident's description; A pushes, B pulls: one conflict.
    const target = got.events[0]!;
    const put = await b.cases.put({ collection: 'events', record: { ...target, description: 'Bravo’s reading of this incident.' } });
    expect(put.ok).toBe(true);
    const theirs = a.cases.document!.events.find((e) => e.id === target.id)!;
    expect((await a.cases.put({ collection: 'events', record: { ...theirs, description: 'Alpha’s corrected account.' } })).ok).toBe(true);
    const repush = await a.taxii.push(as(ANALYST), RW_COLLECTION, { maxMarking: 'TLP:GREEN' });
    expect(repush.ok && repush.value.sent).toBe(1);
    const conflict = await b.taxii.pull(as(ANALYST), RW_COLLECTION);
    if (!conflict.ok) throw new Error(conflict.error.message);
    expect(conflict.value.plan.conflicts.map((c) => c.key)).toEqual([`events/${target.id}/description`]);
    const taken = await b.taxii.applyPull(conflict.value, resolutionsFor(conflict.value.plan, 'theirs'));
    expect(taken.counts.changed).toBe(1);
    expect(b.cases.document!.events.find((e) => e.id === target.id)?.description).toBe('Alpha’s corrected account.');
    // One undo takes the merge back.
    expect((await b.cases.undo()).ok).toBe(true);
    expect(b.cases.document!.events.find((e) => e.id === target.id)?.description).toBe('Bravo’s reading of this incident.');
  }, 120_000);

  it('refuses the read-only collection, the read-only user and a wrong password with clear errors', async () => {
    const c = await openCase('charlie', buildDemoCase('2025-06-01T00:00:00.000Z'));
    const readOnly = await c.taxii.push(as(ANALYST), RO_COLLECTION, { maxMarking: 'TLP:GREEN' });
    expect(readOnly.ok).toBe(false);
    if (!readOnly.ok) expect(readOnly.error).toMatchObject({ kind: 'forbidden', message: expect.stringMatching(/read-only.*nothing was sent/) });

    const reader = await c.taxii.push(as(READER), RW_COLLECTION, { maxMarking: 'TLP:GREEN' });
    if (!reader.ok) throw new Error(reader.error.message);
    expect(reader.value.sent).toBe(0);
    expect(reader.value.error).toMatchObject({ kind: 'forbidden', status: 403, message: expect.stringMatching(/no right.*read-only/) });

    const wrong = await c.taxii.listCollections(as({ kind: 'basic', user: 'analyst', password: 'not-the-password' }));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error).toMatchObject({ kind: 'unauthorized', status: 401, message: expect.stringMatching(/refused the credentials.*Check the user name and password/) });
      expect(wrong.error.message).not.toContain('not-the-password');
    }
  }, 120_000);

  it('leaves the case untouched when a pull is cancelled, and the next pull brings every object once', async () => {
    const e = await openCase('echo', buildDemoCase('2025-06-01T00:00:00.000Z'));
    expect((await e.taxii.push(as(ANALYST), RW_COLLECTION, { maxMarking: 'TLP:GREEN' })).ok).toBe(true);
    const f = await openCase('foxtrot');
    const before = f.cases.document!.history.length;
    const controller = new AbortController();
    const cancelled = await f.taxii.pull(as(ANALYST), RW_COLLECTION, { limit: 20, signal: controller.signal, onProgress: (p) => p.phase === 'receiving' && p.done > 0 && controller.abort() });
    expect(cancelled).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    expect(f.cases.document!.history.length).toBe(before);
    expect(f.cases.document!.events).toEqual([]);
    const whole = await f.taxii.pull(as(ANALYST), RW_COLLECTION, { limit: 100 });
    const fresh = await (await openCase('golf')).taxii.pull(as(ANALYST), RW_COLLECTION, { limit: 100 });
    if (!whole.ok || !fresh.ok) throw new Error('pull failed');
    expect(whole.value.received).toBe(fresh.value.received);
    expect(whole.value.plan.added.length).toBe(fresh.value.plan.added.length);
  }, 120_000);

  it('applies a reviewed pull after a harmless edit, and refuses it (nothing merged) when the case changed in a way that changes the merge', async () => {
    const h = await openCase('hotel', buildDemoCase('2025-06-01T00:00:00.000Z'));
    expect((await h.taxii.push(as(ANALYST), RW_COLLECTION, { maxMarking: 'TLP:GREEN' })).ok).toBe(true);
    const i = await openCase('india');
    const first = await i.taxii.pull(as(ANALYST), RW_COLLECTION);
    if (!first.ok) throw new Error(first.error.message);
    // One of the records the pull adds is added here meanwhile: the review no longer holds.
    const arriving = first.value.plan.added.find((a) => a.collection === 'sources')!.record;
    expect((await i.cases.put({ collection: 'sources', record: arriving as never })).ok).toBe(true);
    const history = i.cases.document!.history.length;
    const stale = await i.taxii.applyPull(first.value, {});
    expect(stale.seq).toBeNull();
    expect(stale.stale?.differences.length).toBeGreaterThan(0);
    expect(i.cases.document!.history.length).toBe(history);
    // Pulled again (the cursor did not move), then an unrelated source is added: the merge still applies, as one step.
    const second = await i.taxii.pull(as(ANALYST), RW_COLLECTION);
    if (!second.ok) throw new Error(second.error.message);
    expect((await i.cases.put({ collection: 'sources', record: plainSource('source--4b0e1c1e-5a55-4c51-9d8f-0b9f2a8f7e11', 'Unrelated note') })).ok).toBe(true);
    const applied = await i.taxii.applyPull(second.value, {});
    expect(applied.seq).not.toBeNull();
    expect(applied.counts.added).toBe(second.value.plan.added.length);
    expect((await i.cases.undo()).ok).toBe(true);
    expect(i.cases.document!.sources.map((s) => s.id)).toEqual(expect.arrayContaining([arriving.id, 'source--4b0e1c1e-5a55-4c51-9d8f-0b9f2a8f7e11']));
    expect(i.cases.document!.events).toEqual([]);
  }, 120_000);

  it('pages with a small limit and returns every object once', async () => {
    const d = await openCase('delta', buildDemoCase('2025-06-01T00:00:00.000Z'));
    const pushed = await d.taxii.push(as(ANALYST), RW_COLLECTION, { maxMarking: 'TLP:GREEN' });
    expect(pushed.ok).toBe(true);
    const client = new TaxiiClient({ auth: ANALYST });
    const root = `${new URL(server.url).origin}/api1/`;
    const whole = await client.pullAll(root, RW_COLLECTION, { limit: 100 });
    const paged = await client.pullAll(root, RW_COLLECTION, { limit: 7 });
    if (!whole.ok || !paged.ok) throw new Error('pull failed');
    expect(paged.value.pages).toBeGreaterThan(10);
    const ids = paged.value.objects.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(whole.value.objects.map((o) => o.id).sort());
  }, 120_000);
});
