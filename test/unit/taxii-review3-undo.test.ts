import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseService } from '../../src/main/services/case-service';
import { TaxiiService, type Endpoint } from '../../src/main/services/taxii/taxii-service';
import { emptyCase } from '../../src/shared/domain/case';
import { fakeTaxii } from '../helpers/taxii-fake';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

const opened: CaseService[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
});
afterAll(removeTempDirs);

async function openCase(name: string, doc = emptyCase(`case--${name}`, name, '2026-01-01T00:00:00.000Z')): Promise<CaseService> {
  const service = new CaseService({ user: name, foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await service.create(join(tempDir(`taxii-r3-${name}`), `${name}.cfcase`), PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  opened.push(service);
  return service;
}

function counts(c: CaseService): Record<string, number> {
  const d = c.document!;
  return { events: d.events.length, actors: d.actors.length, relationships: d.relationships.length, sources: d.sources.length, series: d.series.length };
}

describe('TAXII review 3: a merged pull that is undone', () => {
  it('returns the case to exactly before, and the next pull offers the undone objects again (the cursor does not skip them)', async () => {
    const server = await fakeTaxii();
    try {
      const endpoint: Endpoint = { discoveryUrl: server.url, auth: { kind: 'none' } };
      const a = await openCase('alpha', buildDemoCase('2025-06-01T00:00:00.000Z'));
      const pushed = await new TaxiiService(a, { retries: 0 }).push(endpoint, 'c1', { maxMarking: 'TLP:GREEN' });
      expect(pushed.ok && pushed.value.sent).toBeGreaterThan(100);

      const b = await openCase('bravo');
      const before = counts(b);
      const taxii = new TaxiiService(b, { retries: 0 });
      const review = await taxii.pull(endpoint, 'c1');
      if (!review.ok) throw new Error(review.error.message);
      const added = review.value.plan.added.length;
      expect(added).toBeGreaterThan(50);
      await taxii.applyPull(review.value, {});
      expect(counts(b)).not.toEqual(before);

      const undone = await b.undo();
      expect(undone.ok).toBe(true);
      expect(counts(b)).toEqual(before);

      const again = await taxii.pull(endpoint, 'c1');
      if (!again.ok) throw new Error(again.error.message);
      expect(again.value.plan.added.length).toBe(added);

      // Redo, then a pull has nothing new; undo the redo and it is offered once more.
      await taxii.applyPull(again.value, {});
      await b.undo();
      await b.redo();
      const afterRedo = await taxii.pull(endpoint, 'c1');
      if (!afterRedo.ok) throw new Error(afterRedo.error.message);
      expect(afterRedo.value.plan.added.length).toBe(0);
    } finally {
      await server.close();
    }
  }, 120_000);
});
