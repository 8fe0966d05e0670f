import { describe, expect, it } from 'vitest';
import { chartTable, roundToTotal } from '../../src/shared/analytics/chart-data';
import { eventsByYearAndPlace, monthlyMeasures, seasonalPattern } from '../../src/shared/analytics/event-charts';
import { coverageNote } from '../../src/shared/analytics/imprecision';
import { partialDate } from '../../src/shared/domain/partial-date';
import { FIXTURE_EVENTS } from './analytics-fixture';

const base = FIXTURE_EVENTS[0]!;
const yearOnly = (id: string): typeof base => ({ ...base, id: `event--${id}`, title: id, date: partialDate('2016') });
const attacks = { category: 'attack', value: 'events' } as const;

/** The numbers a table column shows, as numbers. */
const shown = (column: string[]): number[] => column.map((c) => Number(c.replace('~', '')));

describe('spread values in chart tables add up to exact totals', () => {
  it('one year-only event spread over twelve months totals 1 and its column adds up to 1, each share marked as an estimate', () => {
    const chart = monthlyMeasures([yearOnly('one')], attacks, attacks, 'spread');
    const table = chartTable(chart);
    expect(table.rows).toHaveLength(12);
    const column = table.rows.map((r) => r[1] as string);
    expect(column.every((c) => c.startsWith('~'))).toBe(true);
    expect(shown(column).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(table.total[1]).toBe('1');
    expect(table.estimated).toBe(true);
  });

  it('two year-only attacks total 2, not 12 × 0.2 = 2.4', () => {
    const table = chartTable(monthlyMeasures([yearOnly('a'), yearOnly('b')], attacks, attacks, 'spread'));
    const column = table.rows.map((r) => r[1] as string);
    expect(shown(column).reduce((a, b) => a + b, 0)).toBeCloseTo(2, 9);
    expect(table.total[1]).toBe('2');
  });

  it('whole counts are printed as they are, unmarked', () => {
    const table = chartTable({ categories: ['2016', '2017'], series: [{ name: 'AF', values: [3, 0] }] });
    expect(table).toEqual({ rows: [['2016', '3'], ['2017', '0']], total: ['Total', '3'], estimated: false });
  });

  it('rounds each column to its rounded total, by largest remainder', () => {
    expect(roundToTotal([1 / 3, 1 / 3, 1 / 3])).toEqual([0.4, 0.3, 0.3]);
    expect(roundToTotal([0.25, 0.25, 1.5])).toEqual([0.3, 0.2, 1.5]);
    expect(roundToTotal([])).toEqual([]);
  });
});

describe('"10 largest" on the chart itself', () => {
  it('draws ten named provinces and folds the other two into Other', () => {
    const events = Array.from({ length: 12 }, (_, i) =>
      Array.from({ length: 13 - i }, (_, k) => ({ ...base, id: `event--p${i}-${k}`, location: { ...base.location, admin1: `Province ${String(i).padStart(2, '0')}` } })),
    ).flat();
    const chart = eventsByYearAndPlace(events, { by: 'province', policy: 'exclude', limit: 10 });
    expect(chart.series).toHaveLength(11);
    expect(chart.series.at(-1)?.name).toBe('Other (2)');
    expect(chart.series.slice(0, 10).every((s) => s.name.startsWith('Province'))).toBe(true);
  });
});

describe('"leave out" on imported data', () => {
  it('keeps day-precise imported events of unknown scope on the seasonal chart and names the reason for each left out', () => {
    const imported = [
      { ...base, id: 'event--i1', date: partialDate('2016-03-02'), scope: 'unknown' as const },
      { ...base, id: 'event--i2', date: partialDate('2016'), scope: 'unknown' as const },
      { ...base, id: 'event--i3', date: partialDate('2016-05-02'), scope: 'internal' as const },
    ];
    const chart = seasonalPattern(imported, 'exclude');
    expect(chart.series.map((s) => s.name).sort()).toEqual(['2016 internal', '2016 scope unknown']);
    expect(coverageNote(chart.coverage)).toMatch(/^1 of 3 events left out: 1 with a date too imprecise for this chart;/);
  });
});
