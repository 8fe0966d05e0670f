import { describe, expect, it } from 'vitest';
import { caseToStixBundle, stixBundleToRecords, type StixObject, type StixRecords } from '../../src/shared/formats/stix';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { stixValidator } from '../helpers/stix-schemas';

const demo = buildDemoCase('2026-01-01T00:00:00.000Z');
const records: StixRecords = { events: demo.events, actors: demo.actors, relationships: demo.relationships, sources: demo.sources, series: demo.series };
const validator = stixValidator();

const byId = <T extends { id: string }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('STIX 2.1 export', () => {
  const bundle = caseToStixBundle(records, { caseName: demo.name, caseId: demo.id, now: '2026-01-02T03:04:05.000Z' });

  it('validates against the official OASIS STIX 2.1 schemas, object by object', () => {
    expect(validator.errors(bundle)).toEqual([]);
  });

  it('maps events to incidents, actors by kind, claims to attributed-to, series to notes, markings to TLP 2.0 ids', () => {
    const types = (t: string): StixObject[] => bundle.objects.filter((o) => o.type === t);
    expect(types('incident')).toHaveLength(demo.events.length);
    const claimCount = demo.events.reduce((n, e) => n + e.responsibility.length, 0);
    expect(types('relationship')).toHaveLength(demo.relationships.length + claimCount);
    expect(types('note')).toHaveLength(demo.series.length);
    expect(types('threat-actor').length + types('intrusion-set').length + types('identity').length).toBe(demo.actors.length);
    const amber = demo.events.find((e) => e.marking === 'TLP:AMBER');
    if (amber) {
      const incident = types('incident').find((o) => o['x_casefile_id'] === amber.id);
      expect(incident?.['object_marking_refs']).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
    }
    const cited = types('incident').find((o) => Array.isArray(o['external_references']));
    expect(cited).toBeDefined();
    for (const object of bundle.objects) for (const key of Object.keys(object)) expect(key.startsWith('x_') ? key.startsWith('x_casefile_') : true).toBe(true);
  });

  it('reading our own export back gives the same case, with nothing kept aside and no problems', () => {
    const decoded = stixBundleToRecords(JSON.parse(JSON.stringify(bundle)));
    expect(decoded.keptAside).toEqual([]);
    expect(decoded.problems).toEqual([]);
    expect(byId(decoded.records.events)).toEqual(byId(demo.events));
    expect(byId(decoded.records.actors)).toEqual(byId(demo.actors));
    expect(byId(decoded.records.relationships)).toEqual(byId(demo.relationships));
    expect(byId(decoded.records.sources)).toEqual(byId(demo.sources));
    expect(byId(decoded.records.series)).toEqual(byId(demo.series));
  });

  it('the same records export to the same STIX ids every time', () => {
    const again = caseToStixBundle(records, { caseName: demo.name, caseId: demo.id, now: '2026-01-02T03:04:05.000Z' });
    expect(again.objects.map((o) => o.id)).toEqual(bundle.objects.map((o) => o.id));
  });
});
