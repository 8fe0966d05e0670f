import { describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { caseToStixBundle, stixBundleToRecords } from '../../src/shared/formats/stix';
import { buildStixPlan } from '../../src/shared/import/stix-plan';
import { recordNoun, statusLabel } from '../../src/shared/text/format';

describe('recordNoun', () => {
  it('names one record of each collection in plain English (no "serie", no "matrixRow")', () => {
    expect(recordNoun('series')).toBe('series');
    expect(recordNoun('events')).toBe('event');
    expect(recordNoun('actors')).toBe('actor');
    expect(recordNoun('sources')).toBe('source');
    expect(recordNoun('relationships')).toBe('relationship');
    expect(recordNoun('matrices')).toBe('ACH matrix');
    expect(recordNoun('matrixRows')).toBe('matrix row');
  });
});

describe('a STIX import preview names each row by its kind', () => {
  it('calls a series row "series", not "serie"', () => {
    const demo = buildDemoCase('2026-01-01T00:00:00.000Z');
    const decoded = stixBundleToRecords(JSON.parse(JSON.stringify(caseToStixBundle(demo, { caseName: demo.name, caseId: demo.id }))));
    const plan = buildStixPlan(decoded, { events: [], actors: [], relationships: [], sources: [], series: [] }, 'case.stix.json');
    const titles = plan.rows.map((r) => r.title.split(':')[0]);
    expect(titles).toContain('series');
    expect(titles).not.toContain('serie');
  });
});

describe('an actor status badge', () => {
  it('shows the status date as the date the status was reported, not as when the group began', () => {
    const label = statusLabel({ value: 'active', from: { value: '2024', precision: 'year' } });
    expect(label).not.toMatch(/since/i);
    expect(label).toBe('Active as of 2024');
    expect(statusLabel({ value: 'defunct' })).toBe('Defunct');
  });
});
