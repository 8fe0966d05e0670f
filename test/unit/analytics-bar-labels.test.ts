import { describe, expect, it } from 'vitest';
import { barLabels } from '../../src/shared/analytics/bar-labels';
import type { ChartData } from '../../src/shared/analytics/chart-data';
import { chartOption, PAPER_STYLE } from '../../src/shared/analytics/chart-option';
import { emptyCoverage } from '../../src/shared/analytics/imprecision';

const chart = (kind: ChartData['kind'], series: ChartData['series']): ChartData => ({
  id: 'builder', title: 'T', kind, xLabel: 'x', yLabel: 'Events', categories: ['A', 'B'], series, coverage: emptyCoverage('spread'),
});

/** The label texts one drawn series shows, by category. */
function drawnLabels(option: ReturnType<typeof chartOption>, index: number): string[] {
  const series = (option.series as { label?: { formatter?: (p: { dataIndex: number }) => string } }[])[index]!;
  return [0, 1].map((dataIndex) => series.label!.formatter!({ dataIndex }));
}

describe('bar labels', () => {
  it('labels each stack segment and the stack total, rounded so the segments add up to it, estimates marked ≈', () => {
    // A: one whole event plus three thirds of spread events (total 2); B: two sixths (total ⅓).
    const stacked = chart('stacked-bar', [{ name: 'x', values: [1, 1 / 6] }, { name: 'y', values: [1 / 3, 1 / 6] }, { name: 'z', values: [2 / 3, 0] }]);
    const labels = barLabels(stacked);
    expect(labels.totals).toEqual(['2', '≈0.3']);
    expect(labels.values.map((row) => row[0])).toEqual(['1', '≈0.3', '≈0.7']);
    expect(labels.values.map((row) => row[1])).toEqual(['≈0.2', '≈0.1', '']);
    expect(labels.estimated).toBe(true);
    const option = chartOption(stacked, PAPER_STYLE);
    expect(drawnLabels(option, 0)).toEqual(['1', '≈0.2']);
    // The last drawn series is the totals above each stack, kept out of the legend.
    expect(drawnLabels(option, 3)).toEqual(['2', '≈0.3']);
    expect((option.legend as { data: string[] }).data).toEqual(['x', 'y', 'z']);
    expect((option.yAxis as { name: string }).name).toBe('Events (≈ estimate)');
  });

  it('rounds side-by-side bars within each series, and leaves whole counts unmarked', () => {
    const bars = chart('bar', [{ name: 'x', values: [3, 5] }]);
    expect(barLabels(bars)).toEqual({ values: [['3', '5']], totals: [], estimated: false });
    expect((chartOption(bars, PAPER_STYLE).yAxis as { name: string }).name).toBe('Events');
  });
});
