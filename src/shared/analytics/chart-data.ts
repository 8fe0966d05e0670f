import type { Coverage } from './imprecision';

/** The charts the app draws; the same ids name them in report templates. */
export const CHART_IDS = ['events-by-year-place', 'fatalities-by-province', 'monthly-measures', 'seasonal-pattern', 'series'] as const;
export type ChartId = (typeof CHART_IDS)[number];
/** The preset charts' ids, and the chart builder's (computeBuilderChart). */
export const DRAWN_CHART_IDS = [...CHART_IDS, 'builder'] as const;

export interface ChartSeries {
  name: string;
  /** One value per category, in category order. */
  values: number[];
  /** 0: left axis, 1: right axis (two measures of different size on one chart). */
  axis?: 0 | 1;
}

/** A chart's numbers, independent of how it is drawn: the input of every renderer and writer. */
export interface ChartData {
  id: ChartId | 'builder';
  title: string;
  subtitle?: string;
  /**
   * stacked-bar: series stacked per category; bar: side by side; line: one line per series;
   * heatmap: one row per series, one cell per category (readable with many series, e.g. years).
   */
  kind: 'bar' | 'stacked-bar' | 'line' | 'heatmap';
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

/** True when a value is a fraction: an estimate from spreading an item over its span. */
export function isEstimate(value: number): boolean {
  return Math.abs(value - Math.round(value)) > 1e-9;
}

/**
 * Values rounded to one decimal so that they add up to their rounded total (largest remainder):
 * twelve months of one spread event show ten 0.1 and two 0, totalling 1, not 12 × 0.1 = 1.2.
 */
export function roundToTotal(values: readonly number[]): number[] {
  const tenths = values.map((v) => v * 10);
  const floors = tenths.map((t) => Math.floor(t + 1e-9));
  let missing = Math.round(tenths.reduce((a, b) => a + b, 0)) - floors.reduce((a, b) => a + b, 0);
  const byRemainder = tenths.map((t, i) => ({ i, rest: t - (floors[i] as number) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    floors[i]! += 1;
    missing--;
  }
  return floors.map((f) => f / 10);
}

/** A cell: whole numbers as they are, estimates rounded and marked "~". */
function cell(exact: number, shown: number): string {
  return isEstimate(exact) ? `~${shown}` : String(shown);
}

/**
 * A chart's numbers as a table for display. Each column is rounded so that it adds up to its
 * Total row, which is the exact sum rounded (one event spread over twelve months totals 1);
 * estimates (fractions from spreading) are marked "~". `estimated` is true when there are any.
 */
export function chartTable(chart: Pick<ChartData, 'categories' | 'series'>): { rows: string[][]; total: string[]; estimated: boolean } {
  const columns = chart.series.map((s) => {
    const exact = chart.categories.map((_, i) => s.values[i] ?? 0);
    return { exact, shown: roundToTotal(exact), sum: exact.reduce((a, b) => a + b, 0) };
  });
  const rows = chart.categories.map((category, i) => [category, ...columns.map((c) => cell(c.exact[i] as number, c.shown[i] as number))]);
  const total = ['Total', ...columns.map((c) => cell(c.sum, roundValue(c.sum)))];
  const estimated = columns.some((c) => c.exact.some(isEstimate));
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
