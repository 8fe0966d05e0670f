import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseService } from '../../src/main/services/case-service';
import { TaxiiSyncStore, type CollectionSync } from '../../src/main/services/taxii/sync-store';
import { TaxiiService, type Endpoint } from '../../src/main/services/taxii/taxii-service';
import { emptyCase } from '../../src/shared/domain/case';
import { fakeTaxii } from '../helpers/taxii-fake';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

const opened: CaseService[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of opened.splice(0)) await c.close();
});
afterAll(removeTempDirs);

async function openCase(name: string, doc = emptyCase(`case--${name}`, name, '2026-01-01T00:00:00.000Z')): Promise<CaseService> {
  const service = new CaseService({ user: name, foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await service.create(join(tempDir(`taxii-r3p-${name}`), `${name}.cfcase`), PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  opened.push(service);
  return service;
}

describe('TAXII review 3: the pages a pull keeps for resuming', () => {
  it('are written in a total proportional to what was received (not the whole pull again after every page)', async () => {
    const server = await fakeTaxii();
    try {
      const endpoint: Endpoint = { discoveryUrl: server.url, auth: { kind: 'none' } };
      const a = await openCase('alpha', buildDemoCase('2025-06-01T00:00:00.000Z'));
      expect((await new TaxiiService(a, { retries: 0 }).push(endpoint, 'c1', { maxMarking: 'TLP:GREEN' })).ok).toBe(true);
      const b = await openCase('bravo');
      const original = TaxiiSyncStore.prototype.updateSync;
      let written = 0;
      vi.spyOn(TaxiiSyncStore.prototype, 'updateSync').mockImplementation(function (this: TaxiiSyncStore, key: string, change: (s: CollectionSync) => void) {
        return original.call(this, key, (s: CollectionSync) => {
          change(s);
          written += s.pending?.objects.length ?? 0;
        });
      });
      const review = await new TaxiiService(b, { retries: 0 }).pull(endpoint, 'c1', { limit: 5 });
      if (!review.ok) throw new Error(review.error.message);
      const received = review.value.received;
      expect(received).toBeGreaterThan(200);
      expect(review.value.pages).toBeGreaterThan(40);
      expect(written).toBeLessThanOrEqual(3 * received);
    } finally {
      await server.close();
    }
  }, 120_000);
});
