import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { newVersionHasher } from '../../src/main/services/exchange/hashing';
import { planPublish } from '../../src/main/services/taxii/publish';
import { planReceive } from '../../src/main/services/taxii/receive';
import { emptySync } from '../../src/main/services/taxii/sync-store';
import { caseStixExport } from '../../src/shared/exchange';
import { stixIdFor, type StixObject } from '../../src/shared/formats/stix';

/**
 * Hostile review (issue 16, point 3): "Objects the codec cannot map are listed, not dropped
 * silently." A pulled incident whose STIX id and x_casefile_id disagree (a platform that re-issues
 * ids, as OpenCTI does, but keeps custom properties; or a hostile server) must show up somewhere.
 */
const doc = buildDemoCase('2025-06-01T00:00:00.000Z');
const green = doc.events.find((e) => e.marking === 'TLP:GREEN')!;
const amber = doc.events.find((e) => e.marking === 'TLP:AMBER')!;
const ours = caseStixExport(doc, 'TLP:RED', undefined, doc.createdAt).bundle.objects;
const incident = ours.find((o) => o.id === stixIdFor('incident', green.id))!;

function shown(pulled: StixObject): number {
  const r = planReceive(doc, [pulled], emptySync(), newVersionHasher());
  return r.plan.added.length + r.plan.changed.length + r.plan.conflicts.length + r.unmapped.length + r.problems.length;
}

describe('TAXII hostile review: a pulled object is planned or listed, never silently dropped', () => {
  it('an incident with a re-issued STIX id that kept x_casefile_id', () => {
    expect(shown({ ...incident, id: 'incident--0b6c0d7e-1111-4222-8333-444455556666', name: 'Re-issued by the platform', x_casefile_id: 'event--brand-new-from-partner' })).toBeGreaterThan(0);
  });

  it('a newer version of our incident whose x_casefile_id names another record of ours', () => {
    expect(shown({ ...incident, name: 'HOSTILE TITLE', modified: '2030-01-01T00:00:00.000Z', x_casefile_id: amber.id })).toBeGreaterThan(0);
  });
});

describe('TAXII hostile review: a push after the <case>.taxii memory is gone (case copied or renamed without it, file moved away)', () => {
  it('sends each object with the same `created` as before: STIX 2.1 keeps `created` across versions of one id', () => {
    const first = planPublish(doc, 'TLP:GREEN', emptySync(), { now: '2026-12-01T00:00:00.000Z' });
    const again = planPublish(doc, 'TLP:GREEN', emptySync(), { now: '2026-12-07T00:00:00.000Z' });
    const created = (p: typeof first) => Object.fromEntries(p.objects.filter((o) => o.type === 'incident').map((o) => [o.id, o['created']]));
    expect(created(again)).toEqual(created(first));
  });
});
