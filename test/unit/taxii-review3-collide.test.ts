import { describe, expect, it } from 'vitest';
import { newVersionHasher } from '../../src/main/services/exchange/hashing';
import { planReceive } from '../../src/main/services/taxii/receive';
import { emptySync } from '../../src/main/services/taxii/sync-store';
import { emptyCase } from '../../src/shared/domain/case';
import type { StixObject } from '../../src/shared/formats/stix';

const U = '1f2d6c1e-8f55-4f0e-9a3d-6d1d0c7a5e01';
const at = '2025-01-01T00:00:00.000Z';
const PULLED: StixObject[] = [
  { type: 'threat-actor', spec_version: '2.1', id: `threat-actor--${U}`, created: at, modified: at, name: 'Actor one' },
  { type: 'intrusion-set', spec_version: '2.1', id: `intrusion-set--${U}`, created: at, modified: at, name: 'Set two' },
];

describe('TAXII review 3: pulled objects of different types with the same UUID', () => {
  it('become at most one record of that id; the other is listed as unmapped, not merged over the first', () => {
    const planned = planReceive(emptyCase('case--c', 'c', '2026-01-01T00:00:00.000Z'), PULLED, emptySync(), newVersionHasher());
    const ids = planned.plan.added.map((a) => `${a.collection}/${a.record.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(planned.plan.added.map((a) => (a.record as { name?: string }).name)).toEqual(['Actor one']);
    expect(planned.unmapped).toEqual([expect.objectContaining({ id: `intrusion-set--${U}`, reason: expect.stringContaining(`threat-actor--${U}`) })]);
  });
});
