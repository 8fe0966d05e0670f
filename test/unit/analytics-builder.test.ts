import { describe, expect, it } from 'vitest';
import { BuilderSpecSchema, DEFAULT_BUILDER_SPEC, type BuilderSpec } from '../../src/shared/analytics/builder-spec';
import { computeBuilderChart } from '../../src/shared/analytics/builder';
import { barLabels } from '../../src/shared/analytics/bar-labels';
import { coverageNote } from '../../src/shared/analytics/imprecision';
import type { ChartData } from '../../src/shared/analytics/chart-data';
import type { Event } from '../../src/shared/domain/event';
import type { Series } from '../../src/shared/domain/series';
import { partialDate } from '../../src/shared/domain/partial-date';

/*
 * A small case outside South Asia, worked out by hand: five events in Somalia and Kenya.
 * B1 and B2 battles (day, month), B3 an explosion known only to its year (no admin-1 area),
 * B4 a protest (no fatalities), B5 violence against civilians in Kenya claimed by one group and
 * denied by another.
 */
const base = { tags: [], citations: [], marking: 'TLP:CLEAR' as const, scope: 'unknown' as const };
const EVENTS: Event[] = [
  { ...base, id: 'event--b1', title: 'B1', category: 'battle', date: partialDate('2016-02-03'), location: { country: 'SO', admin1: 'Banadir', geoPrecision: 'admin1' }, fatalities: { min: 4, max: 6 }, acled: { eventType: 'Battles' }, responsibility: [], participants: [{ actorId: 'actor--a', role: 'participant', citations: [] }, { actorId: 'actor--b', role: 'participant', citations: [] }] },
  { ...base, id: 'event--b2', title: 'B2', category: 'battle', date: partialDate('2016-02'), location: { country: 'SO', admin1: 'Bay', geoPrecision: 'admin1' }, fatalities: { min: 2, max: 2 }, acled: { eventType: 'Battles' }, responsibility: [] },
  { ...base, id: 'event--b3', title: 'B3', category: 'attack', date: partialDate('2017'), location: { country: 'SO', geoPrecision: 'country' }, fatalities: { min: 9, max: 9, approximate: true }, acled: { eventType: 'Explosions/Remote violence' }, responsibility: [{ id: 'claim--b3', actorId: 'actor--a', kind: 'attributed', confidence: 'medium', citations: [] }] },
  { ...base, id: 'event--b4', title: 'B4', category: 'protest', date: partialDate('2017-05-09'), location: { country: 'KE', admin1: 'Nairobi', geoPrecision: 'admin1' }, acled: { eventType: 'Protests' }, responsibility: [] },
  {
    ...base, id: 'event--b5', title: 'B5', category: 'attack', date: partialDate('2017-05-20'), location: { country: 'KE', admin1: 'Lamu', geoPrecision: 'admin1' }, fatalities: { min: 3, max: 3 }, acled: { eventType: 'Violence against civilians' },
    responsibility: [{ id: 'claim--b5', actorId: 'actor--a', kind: 'claimed', confidence: 'high', citations: [] }, { id: 'claim--b5d', actorId: 'actor--c', kind: 'denied', confidence: 'low', citations: [] }],
  },
];
const SERIES: Series[] = [
  { id: 'series--x', title: 'Displaced people', measure: 'displaced', unit: 'people', marking: 'TLP:CLEAR', citations: [], points: [{ period: partialDate('2016'), value: 1200 }, { period: partialDate('2017-03'), value: 300 }] },
];
const NAMES = { actor: (id: string) => ({ 'actor--a': 'Group A', 'actor--b': 'Army B', 'actor--c': 'Group C' })[id] ?? id };

const spec = (patch: Partial<BuilderSpec>): BuilderSpec => ({ ...DEFAULT_BUILDER_SPEC, ...patch });
const table = (chart: ChartData) => Object.fromEntries(chart.series.map((s) => [s.name, Object.fromEntries(chart.categories.map((c, i) => [c, s.values[i]]))]));
const sum = (chart: ChartData) => chart.series.reduce((total, s) => total + s.values.reduce((a, b) => a + b, 0), 0);

describe('chart builder: computeBuilderChart', () => {
  it('counts events by country stacked by event type, exactly', () => {
    const chart = computeBuilderChart(spec({ dimension: 'country', stackBy: 'event-type' }), EVENTS, SERIES);
    expect(chart.kind).toBe('stacked-bar');
    expect(chart.title).toBe('Events by country, stacked by event type');
    expect(chart.categories).toEqual(['SO', 'KE']);
    expect(table(chart)).toEqual({
      Battles: { SO: 2, KE: 0 },
      'Explosions/Remote violence': { SO: 1, KE: 0 },
      Protests: { SO: 0, KE: 1 },
      'Violence against civilians': { SO: 0, KE: 1 },
    });
    expect(chart.coverage).toMatchObject({ total: 5, excluded: 0, approximate: 0 });
  });

  it('spreads a year-only event over the months of its year under "spread": fractions, an exact total, labels marked as estimates', () => {
    const chart = computeBuilderChart(spec({ dimension: 'month', policy: 'spread' }), EVENTS, SERIES);
    expect(chart.categories[0]).toBe('2016-02');
    expect(chart.categories.at(-1)).toBe('2017-12');
    const events = chart.series[0]!;
    expect(events.name).toBe('Events');
    expect(events.values[chart.categories.indexOf('2016-02')]).toBe(2);
    expect(events.values[chart.categories.indexOf('2017-01')]).toBeCloseTo(1 / 12, 12);
    expect(events.values[chart.categories.indexOf('2017-05')]).toBeCloseTo(2 + 1 / 12, 12);
    expect(sum(chart)).toBeCloseTo(5, 12);
    expect(chart.coverage).toMatchObject({ approximate: 1, approximateFor: { date: 1, place: 0, fatalities: 0 } });
    expect(coverageNote(chart.coverage)).toMatch(/estimates/);
    const labels = barLabels(chart).values[0]!.filter(Boolean);
    expect(labels[0]).toBe('2');
    expect(labels.slice(1).every((l) => l.startsWith('≈'))).toBe(true);
    // The shown labels add up to the total (5), not to 12 rounded twelfths.
    expect(labels.reduce((total, l) => total + Number(l.replace('≈', '')), 0)).toBeCloseTo(5, 9);
  });

  it('leaves out a year-only event under "exclude" and says why; "first" puts it in January', () => {
    const excluded = computeBuilderChart(spec({ dimension: 'season', policy: 'exclude' }), EVENTS, SERIES);
    expect(excluded.categories).toHaveLength(12);
    expect(table(excluded).Events).toMatchObject({ Feb: 2, May: 2, Jan: 0 });
    expect(excluded.coverage).toMatchObject({ excluded: 1, excludedFor: { date: 1, place: 0 } });
    const first = computeBuilderChart(spec({ dimension: 'season', policy: 'first' }), EVENTS, SERIES);
    expect(table(first).Events).toMatchObject({ Jan: 1, Feb: 2, May: 2 });
  });

  it('groups an event without an admin-1 area as "<country>, admin-1 unknown", or leaves it out under "exclude"', () => {
    const spread = computeBuilderChart(spec({ dimension: 'admin1' }), EVENTS, SERIES);
    expect(table(spread).Events).toMatchObject({ 'SO, admin-1 unknown': 1, 'Banadir (SO)': 1, 'Lamu (KE)': 1 });
    expect(spread.coverage.approximateFor.place).toBe(1);
    const excluded = computeBuilderChart(spec({ dimension: 'admin1', policy: 'exclude' }), EVENTS, SERIES);
    expect(excluded.categories).not.toContain('SO, admin-1 unknown');
    expect(excluded.coverage).toMatchObject({ excluded: 1, excludedFor: { date: 0, place: 1 } });
  });

  it('sums lowest reported fatalities; events without a count are not concerned', () => {
    const chart = computeBuilderChart(spec({ measure: 'fatalities', dimension: 'year', stackBy: 'category' }), EVENTS, SERIES);
    expect(table(chart)).toEqual({ Battle: { 2016: 6, 2017: 0 }, Attack: { 2016: 0, 2017: 12 } });
    expect(chart.coverage).toMatchObject({ total: 5, notApplicable: 1, approximateFor: { fatalities: 1 } });
  });

  it('counts an event once for each actor it names (responsible or taking part), never for a denial', () => {
    const chart = computeBuilderChart(spec({ dimension: 'actor' }), EVENTS, SERIES, NAMES);
    expect(table(chart).Events).toEqual({ 'Group A': 3, 'No actor named': 2, 'Army B': 1 });
    expect(chart.subtitle).toMatch(/counts once for each/);
  });

  it('folds groups beyond the limit into "Other (n)" and keeps the total', () => {
    const chart = computeBuilderChart(spec({ dimension: 'admin1', limit: 2 }), EVENTS, SERIES);
    expect(chart.categories).toHaveLength(3);
    expect(chart.categories[2]).toBe('Other (3)');
    expect(sum(chart)).toBe(5);
  });

  it('draws a sourced series by period, and says when a dimension does not apply to a series', () => {
    const byYear = computeBuilderChart(spec({ measure: 'series', seriesId: 'series--x', dimension: 'year' }), EVENTS, SERIES);
    expect(byYear.title).toBe('Displaced people by year');
    expect(byYear.yLabel).toBe('people');
    expect(table(byYear)['Displaced people']).toEqual({ 2016: 1200, 2017: 300 });
    const byCountry = computeBuilderChart(spec({ measure: 'series', seriesId: 'series--x', dimension: 'country' }), EVENTS, SERIES);
    expect(byCountry.categories).toEqual([]);
    expect(byCountry.coverage.notApplicable).toBe(2);
    expect(byCountry.subtitle).toMatch(/only periods/);
  });

  it('has a serialisable spec: the schema accepts what the builder offers and refuses the unknown', () => {
    const chosen = spec({ measure: 'fatalities', dimension: 'admin1', stackBy: 'actor', policy: 'exclude', limit: 5 });
    expect(BuilderSpecSchema.parse(JSON.parse(JSON.stringify(chosen)))).toEqual(chosen);
    expect(BuilderSpecSchema.safeParse({ ...chosen, dimension: 'province' }).success).toBe(false);
    expect(BuilderSpecSchema.safeParse({ ...chosen, extra: 1 }).success).toBe(false);
  });
});
