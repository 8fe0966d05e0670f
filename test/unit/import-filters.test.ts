import { describe, expect, it } from 'vitest';
import { compileFilter, describeFilter, parseFilterPairs, type FilterSubject, type ImportRowFilter } from '../../src/shared/import/filters';
import { planImport } from '../../src/main/services/import/prepare';
import { applyPlan, planFixture, plannedEvents } from '../fixtures/import/helpers';

function parsed(...pairs: string[]): ImportRowFilter {
  const result = parseFilterPairs(pairs);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function refused(...pairs: string[]): string {
  const result = parseFilterPairs(pairs);
  if (result.ok) throw new Error('expected the filter to be refused');
  return result.message;
}

const row = (over: Partial<FilterSubject>): FilterSubject => ({ country: 'SO', admin1: 'Banadir', date: '2016-03-05', eventTypes: ['Attack', 'Explosions/Remote violence'], actorNames: ['Al Shabaab', 'Civilians (Somalia)'], ...over });

describe('--only KEY=VALUE row filters', () => {
  it('a repeated key means either value; different keys must all hold', () => {
    const filter = parsed('country=SO', 'country=Kenya', 'event_type=Battles');
    expect(filter).toMatchObject({ country: ['SO', 'Kenya'], eventType: ['Battles'] });
    const keep = compileFilter(filter);
    expect(keep.test(row({ country: 'SO', eventTypes: ['Battle', 'Battles'] }))).toBe(true);
    expect(keep.test(row({ country: 'KE', eventTypes: ['Battles'] }))).toBe(true);
    expect(keep.test(row({ country: 'ET', eventTypes: ['Battles'] }))).toBe(false);
    expect(keep.test(row({ country: 'SO', eventTypes: ['Protests'] }))).toBe(false);
    expect(describeFilter(filter)).toBe('country SO or Kenya; event type Battles');
  });

  it('keeps rows whose date can fall in the range, at any precision', () => {
    const keep = compileFilter(parsed('from=2016-02', 'to=2016-06-30'));
    expect(keep.test(row({ date: '2016-02-01' }))).toBe(true);
    expect(keep.test(row({ date: '2016-06-30' }))).toBe(true);
    expect(keep.test(row({ date: '2016-01-31' }))).toBe(false);
    expect(keep.test(row({ date: '2016-07-01' }))).toBe(false);
    expect(keep.test(row({ date: '2016' }))).toBe(true); // a year-only date may be in the range
    expect(keep.test(row({ date: '2015' }))).toBe(false);
    expect(keep.test(row({ date: '2016-01' }))).toBe(false);
  });

  it('matches actors by the words of their name across punctuation and case, and admin-1 whole', () => {
    const keep = compileFilter(parsed('actor=al-shabaab', 'admin1=banadir'));
    expect(keep.test(row({}))).toBe(true);
    expect(keep.test(row({ actorNames: ['Al Shabaab (Somalia)'] }))).toBe(true);
    expect(keep.test(row({ actorNames: ['Harakat al-Shabaab al-Mujahideen'] }))).toBe(true);
    expect(keep.test(row({ actorNames: ['Shabaab'] }))).toBe(false);
    expect(keep.test(row({ admin1: 'Banadir Region' }))).toBe(false);
    expect(keep.test(row({ admin1: undefined }))).toBe(false);
  });

  it('refuses keys, values and ranges that cannot match, saying which', () => {
    expect(refused('province=Bay')).toContain('the key must be one of country, admin1, actor, event_type, from, to');
    expect(refused('country=')).toContain('give a value');
    expect(refused('country=Atlantis')).toContain('"Atlantis" is not a country name or ISO code');
    expect(refused('from=2016-13')).toContain('from "2016-13" is not a date');
    expect(refused('from=2016-02-30')).toContain('is not a date');
    expect(refused('from=2016', 'from=2017')).toContain('given twice');
    expect(refused('from=2017', 'to=2016-12')).toContain('ends (2016-12) before it starts (2017)');
  });
});

describe('an import filtered before anything is added', () => {
  it('plans only the kept rows and counts the rest as filtered out', async () => {
    const { prepared, plan } = await planFixture('acled-somalia.csv', { filter: parsed('country=Somalia', 'from=2016-01-01', 'to=2016-12-31') });
    expect(prepared.kind === 'table' && prepared.read.filteredOut).toBe(2);
    expect(prepared.kind === 'table' && prepared.read.rowsRead).toBe(6);
    expect(plan.counts.add).toBe(4);
    expect([...plannedEvents(plan).keys()].sort()).toEqual(['event--acled-SOM9001', 'event--acled-SOM9002', 'event--acled-SOM9003', 'event--acled-SOM9005']);
  });

  it('does not call the events a filter left out "no longer in the file" on a filtered re-import', async () => {
    const whole = await planFixture('acled-somalia.csv');
    const doc = applyPlan(whole.doc, whole.plan);
    expect(doc.events).toHaveLength(6);
    const { prepared } = await planFixture('acled-somalia.csv', { filter: parsed('event_type=Battles', 'event_type=Protests') }, doc);
    const again = planImport(prepared, doc, true);
    expect(again.counts).toMatchObject({ unchanged: 3, missing: 0 });
    expect(again.changes.filter((c) => c.op === 'delete')).toEqual([]);
  });

  it('still finds an event missing from a filtered file when the filter keeps it', async () => {
    const whole = await planFixture('acled-somalia.csv');
    const doc = applyPlan(whole.doc, whole.plan);
    // Pretend the case holds one more Somali battle the file no longer lists.
    const extra = { ...doc.events.find((e) => e.id === 'event--acled-SOM9001')!, id: 'event--acled-SOM9099', title: 'Gone' };
    const withExtra = { ...doc, events: [...doc.events, extra] };
    const { plan } = await planFixture('acled-somalia.csv', { filter: parsed('event_type=Battles', 'country=SO') }, withExtra);
    expect(plan.missing.map((m) => m.id)).toEqual(['event--acled-SOM9099']);
  });
});
