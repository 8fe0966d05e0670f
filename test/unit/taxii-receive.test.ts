import { describe, expect, it } from 'vitest';
import { newVersionHasher } from '../../src/main/services/exchange/hashing';
import { emptySync } from '../../src/main/services/taxii/sync-store';
import { planReceive } from '../../src/main/services/taxii/receive';
import { emptyCase } from '../../src/shared/domain/case';

/** What OpenCTI or MISP would send: foreign STIX, no x_casefile_ properties. */
const FOREIGN = [
  { type: 'threat-actor', spec_version: '2.1', id: 'threat-actor--1f2d6c1e-8f55-4f0e-9a3d-6d1d0c7a5e01', created: '2025-01-01T00:00:00.000Z', modified: '2025-01-01T00:00:00.000Z', name: 'State Service X', threat_actor_types: ['nation-state'] },
  { type: 'identity', spec_version: '2.1', id: 'identity--2a3e7d2f-9a66-4a1f-8b4e-7e2e1d8b6f02', created: '2025-01-01T00:00:00.000Z', modified: '2025-01-01T00:00:00.000Z', name: 'Ministry Y', identity_class: 'organization' },
  { type: 'incident', spec_version: '2.1', id: 'incident--3b4f8e3a-0b77-4b2a-9c5f-8f3f2e9c7a03', created: '2025-02-01T00:00:00.000Z', modified: '2025-02-01T00:00:00.000Z', name: 'Attack on Ministry Y' },
  { type: 'relationship', spec_version: '2.1', id: 'relationship--4c5a9f4b-1c88-4c3b-8d6a-9a4a3fad8b04', created: '2025-02-01T00:00:00.000Z', modified: '2025-02-01T00:00:00.000Z', relationship_type: 'attributed-to', source_ref: 'incident--3b4f8e3a-0b77-4b2a-9c5f-8f3f2e9c7a03', target_ref: 'threat-actor--1f2d6c1e-8f55-4f0e-9a3d-6d1d0c7a5e01' },
  { type: 'relationship', spec_version: '2.1', id: 'relationship--5d6b0a5c-2d99-4d4c-9e7b-0b5b4abe9c05', created: '2025-02-01T00:00:00.000Z', modified: '2025-02-01T00:00:00.000Z', relationship_type: 'targets', source_ref: 'incident--3b4f8e3a-0b77-4b2a-9c5f-8f3f2e9c7a03', target_ref: 'identity--2a3e7d2f-9a66-4a1f-8b4e-7e2e1d8b6f02' },
  { type: 'campaign', spec_version: '2.1', id: 'campaign--6e7c1b6d-3eaa-4e5d-8f8c-1c6c5bcf0d06', created: '2025-02-01T00:00:00.000Z', modified: '2025-02-01T00:00:00.000Z', name: 'Campaign Z' },
];

describe('a pull of foreign STIX (OpenCTI, MISP) into the merge review', () => {
  it('plans every record the foreign objects map to, and lists what does not map by id and type', () => {
    const doc = emptyCase('case--receive', 'R', '2026-01-01T00:00:00.000Z');
    const planned = planReceive(doc, FOREIGN, emptySync(), newVersionHasher());
    const added = planned.plan.added.map((a) => `${a.collection}/${a.record.id}`).sort();
    expect(added).toEqual([
      'actors/actor--1f2d6c1e-8f55-4f0e-9a3d-6d1d0c7a5e01',
      'actors/actor--2a3e7d2f-9a66-4a1f-8b4e-7e2e1d8b6f02',
      'events/event--3b4f8e3a-0b77-4b2a-9c5f-8f3f2e9c7a03',
    ]);
    expect(planned.unmapped).toEqual([expect.objectContaining({ id: 'campaign--6e7c1b6d-3eaa-4e5d-8f8c-1c6c5bcf0d06', type: 'campaign' })]);
  });
});
