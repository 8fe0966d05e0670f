import type { Series, SeriesPoint } from '../domain/series';
import type { ChartData } from './chart-data';
import { bucketRange, emptyCoverage, placeCounted, type Granularity, type ImprecisionPolicy } from './imprecision';

export interface SeriesChartOptions {
  policy: ImprecisionPolicy;
  /** How the groups are drawn: stacked (parts of a whole, e.g. provinces), side by side, or lines. */
  kind?: ChartData['kind'];
  title?: string;
}

/**
 * A chart fed from sourced aggregate figures instead of events. Each series is one group; a
 * series with several points in one period (e.g. per province) is split by point label. A
 * point that totals several periods (`until`) is treated by the imprecision policy.
 */
export function seriesChart(series: readonly Series[], options: SeriesChartOptions): ChartData {
  const coverage = emptyCoverage(options.policy, 'series points');
  const granularity: Granularity = series.some((s) => s.points.some((p) => p.period.precision !== 'year' || (p.until && p.until.precision !== 'year'))) ? 'month' : 'year';
  const groups = new Map<string, Map<string, number>>();
  for (const s of series) {
    const split = hasRepeatedPeriods(s.points);
    for (const point of s.points) {
      coverage.total++;
      const name = split && point.label ? `${s.measure}: ${point.label}` : s.measure;
      const placed = placeCounted(point, granularity, options.policy, coverage);
      if (!placed) continue;
      let row = groups.get(name);
      if (!row) groups.set(name, (row = new Map()));
      for (const share of placed.shares) row.set(share.key, (row.get(share.key) ?? 0) + point.value * share.weight);
    }
  }
  const keys = [...new Set([...groups.values()].flatMap((row) => [...row.keys()]))].sort();
  const categories = keys.length === 0 ? [] : bucketRange(keys[0]!, keys.at(-1)!);
  const units = [...new Set(series.map((s) => s.unit).filter(Boolean))];
  return {
    id: 'series',
    title: options.title ?? (series.length === 1 ? series[0]!.title : 'Sourced figures'),
    subtitle: 'From sourced aggregate figures (series), not from events',
    kind: options.kind ?? 'bar',
    xLabel: granularity === 'year' ? 'Year' : 'Month',
    yLabel: units.length === 1 ? units[0]! : 'Value',
    categories,
    series: [...groups].map(([name, row]) => ({ name, values: categories.map((c) => row.get(c) ?? 0) })),
    coverage,
  };
}

function hasRepeatedPeriods(points: readonly SeriesPoint[]): boolean {
  const seen = new Set<string>();
  for (const p of points) {
    const key = `${p.period.value}/${p.until?.value ?? ''}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
