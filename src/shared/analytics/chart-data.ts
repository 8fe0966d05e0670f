import type { Coverage } from './imprecision';

/** The charts the app draws; the same ids name them in report templates. */
export const CHART_IDS = ['events-by-year-place', 'fatalities-by-province', 'monthly-measures', 'seasonal-pattern', 'series'] as const;
export type ChartId = (typeof CHART_IDS)[number];

export interface ChartSeries {
  name: string;
  /** One value per category, in category order. */
  values: number[];
  /** 0: left axis, 1: right axis (two measures of different size on one chart). */
  axis?: 0 | 1;
}

/** A chart's numbers, independent of how it is drawn: the input of every renderer and writer. */
export interface ChartData {
  id: ChartId;
  title: string;
  subtitle?: string;
  /** stacked-bar: series stacked per category; bar: side by side; line: one line per series. */
  kind: 'bar' | 'stacked-bar' | 'line';
  xLabel: string;
  yLabel: string;
  /** Right-axis label, when a series uses axis 1. */
  y2Label?: string;
  categories: string[];
  series: ChartSeries[];
  coverage: Coverage;
}

/** Rounds a value for display: spread items make fractions, shown with one decimal. */
export function roundValue(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * A chart's numbers as a table for display: values rounded to one decimal, and a Total row
 * summed from the exact values (so one event spread over twelve months totals 1, not 12 × 0.1).
 * `estimated` is true when any value is a fraction, i.e. an estimate from spreading.
 */
export function chartTable(chart: Pick<ChartData, 'categories' | 'series'>): { rows: string[][]; total: string[]; estimated: boolean } {
  const rows = chart.categories.map((category, i) => [category, ...chart.series.map((s) => String(roundValue(s.values[i] ?? 0)))]);
  const total = ['Total', ...chart.series.map((s) => String(roundValue(s.values.reduce((a, b) => a + b, 0))))];
  const estimated = chart.series.some((s) => s.values.some((v) => Math.abs(v - Math.round(v)) > 1e-9));
  return { rows, total, estimated };
}

/** Keeps the `limit` largest groups and folds the rest (if any) into one "Other" series after them. */
export function topSeries(series: ChartSeries[], limit: number): ChartSeries[] {
  const total = (s: ChartSeries) => s.values.reduce((a, b) => a + b, 0);
  const sorted = [...series].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name));
  if (sorted.length <= limit) return sorted;
  const kept = sorted.slice(0, limit);
  const rest = sorted.slice(limit);
  const other = rest[0]!.values.map((_, i) => rest.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  return [...kept, { name: `Other (${rest.length})`, values: other }];
}
