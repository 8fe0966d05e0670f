import { describe, expect, it } from 'vitest';
import { eventsByYearAndPlace, fatalitiesByProvince, monthlyMeasures, seasonalPattern, type Measure } from '../../src/shared/analytics/event-charts';
import { topSeries } from '../../src/shared/analytics/chart-data';
import { coverageNote, placeSpan } from '../../src/shared/analytics/imprecision';
import { seriesChart } from '../../src/shared/analytics/series-charts';
import { partialDate } from '../../src/shared/domain/partial-date';
import { FIXTURE_EVENTS, FIXTURE_SERIES } from './analytics-fixture';

const values = (chart: { series: { name: string; values: number[] }[] }) => Object.fromEntries(chart.series.map((s) => [s.name, s.values.map((v) => Math.round(v * 1000) / 1000)]));

describe('imprecision policies', () => {
  it('places a year-only date on a monthly axis by the chosen policy', () => {
    expect(placeSpan(partialDate('2022'), undefined, 'month', 'exclude')).toBeNull();
    expect(placeSpan(partialDate('2022'), undefined, 'month', 'first')).toEqual({ shares: [{ key: '2022-01', weight: 1 }], approximate: true });
    const spread = placeSpan(partialDate('2022'), undefined, 'month', 'spread')!;
    expect(spread.shares).toHaveLength(12);
    expect(spread.shares[5]).toEqual({ key: '2022-06', weight: 1 / 12 });
    expect(placeSpan(partialDate('2022-06-03'), undefined, 'month', 'exclude')).toEqual({ shares: [{ key: '2022-06', weight: 1 }], approximate: false });
  });
});

describe('events per year by place (Figure 1)', () => {
  it('stacks countries per year, every year between first and last', () => {
    const chart = eventsByYearAndPlace(FIXTURE_EVENTS, { by: 'country', policy: 'exclude' });
    expect(chart.categories).toEqual(['2021', '2022', '2023', '2024']);
    expect(values(chart)).toEqual({ AF: [2, 2, 0, 0], PK: [1, 0, 0, 0], RU: [0, 0, 0, 1] });
    expect(chart.coverage).toMatchObject({ total: 6, excluded: 0, approximate: 0 });
  });

  it('by province leaves out an event without a province, or groups it as unknown', () => {
    const excluded = eventsByYearAndPlace(FIXTURE_EVENTS, { by: 'province', policy: 'exclude' });
    expect(values(excluded)['Nangarhar (AF)']).toEqual([1, 1, 0, 0]);
    expect(excluded.coverage).toMatchObject({ total: 6, excluded: 1, approximate: 0 });
    const spread = eventsByYearAndPlace(FIXTURE_EVENTS, { by: 'province', policy: 'spread' });
    expect(values(spread)['AF, province unknown']).toEqual([0, 1, 0, 0]);
    expect(spread.coverage).toMatchObject({ excluded: 0, approximate: 1 });
    expect(coverageNote(excluded.coverage)).toBe('1 of 6 events left out: 1 with no province; 0 placed approximately (imprecise items are left out).');
  });
});

describe('fatalities per province in a category (Figure 2)', () => {
  it('sums lowest and extra-in-highest reports of counter-operations', () => {
    const chart = fatalitiesByProvince(FIXTURE_EVENTS, { category: 'counter-operation', policy: 'exclude' });
    expect(chart.categories).toEqual(['Nangarhar (AF)']);
    expect(values(chart)).toEqual({ 'Lowest reported': [20], 'More in the highest report': [10] });
    expect(chart.coverage).toMatchObject({ total: 6, excluded: 1, notApplicable: 4 });
    const spread = fatalitiesByProvince(FIXTURE_EVENTS, { category: 'counter-operation', policy: 'spread' });
    expect(spread.categories).toEqual(['Nangarhar (AF)', 'AF, province unknown']);
    expect(values(spread)['Lowest reported']).toEqual([20, 4]);
  });
});

describe('two measures per month (Figure 3)', () => {
  const a: Measure = { category: 'attack', responsibility: 'claimed', value: 'events' };
  const b: Measure = { category: 'counter-operation', value: 'fatalities' };

  it('counts claimed attacks and counter-operation deaths per month on two axes', () => {
    const chart = monthlyMeasures(FIXTURE_EVENTS, a, b, 'exclude');
    expect(chart.categories).toHaveLength(37); // 2021-03 … 2024-03
    expect(chart.categories[0]).toBe('2021-03');
    const v = values(chart);
    expect(v['attacks (claimed)']![0]).toBe(2);
    expect(v['attacks (claimed)']!.at(-1)).toBe(1);
    expect(v['fatalities in counter-operations']![chart.categories.indexOf('2022-06')]).toBe(20);
    expect(chart.series[1]!.axis).toBe(1);
    // E3 is not claimed: not concerned; E5 is known only to the year: left out.
    expect(chart.coverage).toMatchObject({ total: 6, excluded: 1, notApplicable: 1 });
  });

  it('spreads or moves the year-only operation as asked', () => {
    const spread = values(monthlyMeasures(FIXTURE_EVENTS, a, b, 'spread'));
    const first = monthlyMeasures(FIXTURE_EVENTS, a, b, 'first');
    const cats = first.categories;
    expect(spread['fatalities in counter-operations']![cats.indexOf('2022-06')]).toBe(20.333);
    expect(spread['fatalities in counter-operations']![cats.indexOf('2022-01')]).toBe(0.333);
    expect(values(first)['fatalities in counter-operations']![cats.indexOf('2022-01')]).toBe(4);
  });
});

describe('seasonal pattern (Figure 4)', () => {
  it('counts events per calendar month for each year and scope', () => {
    const chart = seasonalPattern(FIXTURE_EVENTS, 'exclude');
    expect(chart.categories[2]).toBe('Mar');
    expect(values(chart)).toEqual({
      '2021 internal': [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      '2022 internal': [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
      '2024 external': [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
    expect(chart.coverage).toMatchObject({ excluded: 2, approximate: 0 });
    const spread = values(seasonalPattern(FIXTURE_EVENTS, 'spread'));
    expect(spread['2021 internal']![2]).toBe(2.083);
    expect(spread['2021 internal']![0]).toBe(0.083);
  });
});

describe('charts fed from series', () => {
  it('treats a multi-period total by the policy', () => {
    const excluded = seriesChart(FIXTURE_SERIES, { policy: 'exclude' });
    expect(excluded.categories).toEqual(['2020', '2021']);
    expect(excluded.coverage).toMatchObject({ unit: 'series points', total: 3, excluded: 1 });
    const spread = seriesChart(FIXTURE_SERIES, { policy: 'spread' });
    expect(spread.categories).toEqual(['2020', '2021', '2022', '2023']);
    expect(values(spread)).toEqual({ 'claimed attacks': [83, 353, 0, 0], operations: [0, 0, 37.5, 37.5] });
    // The whole total lands in 2022; the axis then ends there.
    expect(values(seriesChart(FIXTURE_SERIES, { policy: 'first' })).operations).toEqual([0, 0, 75]);
  });
});

describe('"the 10 largest" groups', () => {
  it('keeps ten named groups and folds only the rest into Other', () => {
    const series = Array.from({ length: 13 }, (_, i) => ({ name: `Place ${String(i).padStart(2, '0')}`, values: [20 - i] }));
    const top = topSeries(series, 10);
    expect(top.map((s) => s.name)).toEqual([...series.slice(0, 10).map((s) => s.name), 'Other (3)']);
    expect(top.at(-1)!.values).toEqual([10 + 9 + 8]);
    expect(topSeries(series.slice(0, 10), 10)).toHaveLength(10);
  });
});

describe('chart notes say which reason left each item out or placed it approximately', () => {
  const imported = (id: string, date: string, approximate = false): (typeof FIXTURE_EVENTS)[number] => ({
    ...FIXTURE_EVENTS[0]!,
    id: `event--${id}`,
    title: id,
    date: { ...partialDate(date), ...(approximate ? { approximate: true } : {}) },
    scope: 'unknown',
  });
  const acled = [imported('a', '2016-03-02'), imported('b', '2016-03-09', true), imported('c', '2016-07-20')];

  it('"leave out" keeps imported events of unknown scope, as their own group, and does not blame their dates', () => {
    const chart = seasonalPattern(acled, 'exclude');
    expect(values(chart)).toEqual({ '2016 scope unknown': [0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0] });
    expect(chart.coverage).toMatchObject({ excluded: 0 });
    expect(coverageNote(seasonalPattern([...acled, { ...FIXTURE_EVENTS[2]!, scope: 'unknown' }], 'exclude').coverage)).toMatch(/1 of 4 events left out: 1 with a date too imprecise for this chart/);
  });

  it('names the reason for items placed approximately (a day-precise row marked approximate is counted for its date, not its place)', () => {
    const byYear = eventsByYearAndPlace(acled, { by: 'province', policy: 'exclude' });
    expect(coverageNote(byYear.coverage)).toMatch(/1 placed approximately: 1 with an approximate date/);
    const unplaced = eventsByYearAndPlace([...acled, FIXTURE_EVENTS[4]!], { by: 'province', policy: 'exclude' });
    expect(coverageNote(unplaced.coverage)).toMatch(/1 of 4 events left out: 1 with no province/);
  });
});

describe('spread counts', () => {
  it('are called estimates in the chart note', () => {
    expect(coverageNote(seasonalPattern(FIXTURE_EVENTS, 'spread').coverage)).toMatch(/counts with decimals are estimates/);
    expect(coverageNote(seasonalPattern(FIXTURE_EVENTS, 'exclude').coverage)).not.toMatch(/estimates/);
  });
});
