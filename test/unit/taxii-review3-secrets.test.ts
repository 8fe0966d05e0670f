import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { TaxiiService } from '../../src/main/services/taxii/taxii-service';
import { emptyCase } from '../../src/shared/domain/case';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

const SECRET = 'qs-token-5b1d9e-never-leaves';

describe('TAXII review 3: a token pasted into the discovery URL\'s query string', () => {
  it('is refused with a message that says where the token goes, and never reaches what the renderer lists', async () => {
    const cases = new CaseService({ user: 'test', foldAfterIdleMs: 2 ** 31 - 1 });
    expect((await cases.create(join(tempDir('taxii-r3-qs'), 'c.cfcase'), PASSPHRASE, emptyCase('case--qs', 'qs', '2026-01-01T00:00:00.000Z'))).ok).toBe(true);
    try {
      const taxii = new TaxiiService(cases);
      const added = await taxii.addConnection({ label: '', discoveryUrl: `https://cti.example.org/taxii2/?api_key=${SECRET}`, auth: { kind: 'none' } });
      expect(JSON.stringify(await taxii.connections())).not.toContain(SECRET);
      expect(added).toMatchObject({ ok: false, error: { kind: 'invalid-url', message: expect.stringMatching(/token/) } });
      expect(JSON.stringify(added)).not.toContain(SECRET);
    } finally {
      await cases.close();
    }
  });
});
