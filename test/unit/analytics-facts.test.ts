import { describe, expect, it } from 'vitest';
import { computeAllCharts, DEFAULT_CHART_SETTINGS, type ChartSettings } from '../../src/shared/analytics/dashboard';
import { eventsByYearAndPlace, monthlyMeasures } from '../../src/shared/analytics/event-charts';
import { buildMap } from '../../src/shared/analytics/map-model';
import type { Event } from '../../src/shared/domain/event';
import { partialDate } from '../../src/shared/domain/partial-date';
import { FIXTURE_EVENTS, FIXTURE_SERIES } from './analytics-fixture';

const settings: ChartSettings = { ...DEFAULT_CHART_SETTINGS, placeBy: 'province', fatalityCategory: 'counter-operation', measureB: { category: 'counter-operation', value: 'fatalities' } };
const byName = (chart: { series: { name: string; values: number[] }[] }) => Object.fromEntries(chart.series.map((s) => [s.name, s.values]));

// Charts and the map keep what they work out per event record between filter changes; an edit
// replaces the record, so the edited copy must be read afresh while the others are reused.
describe('per-event chart and map facts', () => {
  it('reads an edited copy of an event afresh, equal to a cold computation', () => {
    computeAllCharts(FIXTURE_EVENTS, FIXTURE_SERIES, settings);
    buildMap(FIXTURE_EVENTS, 'af-pk', 'spread');
    // E4, the Nangarhar raid of June 2022, re-dated and moved to Kabul with another toll.
    const e4 = FIXTURE_EVENTS[3]!;
    const edited: Event = { ...e4, date: partialDate('2023-02-10'), location: { country: 'AF', admin1: 'Kabul', lat: 34.5, lon: 69.1, geoPrecision: 'exact' }, fatalities: { min: 7, max: 9 } };
    const events = FIXTURE_EVENTS.map((e) => (e === e4 ? edited : e));

    const warm = computeAllCharts(events, FIXTURE_SERIES, settings);
    // Fresh objects with the same content: nothing about them can come from a cache.
    const cold = computeAllCharts(structuredClone(events), FIXTURE_SERIES, settings);
    expect(warm).toEqual(cold);
    expect(buildMap(events, 'af-pk', 'spread')).toEqual(buildMap(structuredClone(events), 'af-pk', 'spread'));

    const [place, fatalities, monthly] = warm;
    expect(byName(place!)['Kabul (AF)']).toEqual([1, 0, 1, 0]); // 2021 … 2024
    expect(byName(place!)['Nangarhar (AF)']).toEqual([1, 0, 0, 0]);
    expect(fatalities!.categories).toEqual(['Kabul (AF)', 'AF, province unknown']);
    expect(byName(fatalities!)['Lowest reported']).toEqual([7, 4]);
    expect(byName(monthly!)['fatalities in counter-operations']![monthly!.categories.indexOf('2023-02')]).toBe(7);
    const map = buildMap(events, 'af-pk', 'exclude');
    expect(map.regions.find((r) => r.name === 'Kabul')?.count).toBe(2);
    expect(map.regions.find((r) => r.name === 'Nangarhar')?.count).toBe(1);
    expect(map.points.map((p) => p.count)).toEqual([1, 1]); // Jalalabad (E1) and Kabul (edited E4)

    // The original record still reads as before.
    expect(byName(eventsByYearAndPlace(FIXTURE_EVENTS, { by: 'province', policy: 'exclude' }))['Nangarhar (AF)']).toEqual([1, 1, 0, 0]);
  });

  it('spans the axis over every year between the first and last, whatever order events come in', () => {
    const at = (id: string, date: string): Event => ({ ...FIXTURE_EVENTS[0]!, id, date: partialDate(date) });
    const events = [at('event--late', '2024-05-01'), at('event--early', '1995-01-02'), at('event--mid', '2010')];
    const chart = eventsByYearAndPlace(events, { by: 'country', policy: 'exclude' });
    expect(chart.categories).toHaveLength(30);
    expect([chart.categories[0], chart.categories.at(-1)]).toEqual(['1995', '2024']);
    const af = byName(chart).AF!;
    expect([af[0], af[15], af[29], af.reduce((a, b) => a + b, 0)]).toEqual([1, 1, 1, 3]);
    const monthly = monthlyMeasures(events, { category: 'attack', value: 'events' }, { category: 'arrest', value: 'events' }, 'first');
    expect(monthly.categories).toHaveLength(29 * 12 + 5);
    expect(monthly.series[0]!.values[monthly.categories.indexOf('2010-01')]).toBe(1);
  });
});
