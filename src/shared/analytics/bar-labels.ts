import { isEstimate, roundToTotal, roundValue, type ChartData } from './chart-data';

/**
 * The value labels drawn on a chart's bars (and heatmap cells), rounded with the tables'
 * largest-remainder rounding (roundToTotal) so the labels of a whole add up to its total:
 * - stacked bars: the segments of each bar add up to the bar's total, drawn above it;
 * - side-by-side bars and heatmap rows: each series adds up to its own total.
 * Estimates (fractions from spreading an item over its span) are marked "≈"; empty cells get no label.
 */
export interface BarLabels {
  /** One label per series and category ('' for nothing drawn), in series and category order. */
  values: string[][];
  /** Stacked bars: each bar's total, per category; otherwise empty. */
  totals: string[];
  /** Whether any value is an estimate. */
  estimated: boolean;
}

/** A number as a label: "≈" before an estimate, nothing for zero. */
export function labelText(exact: number, shown: number): string {
  if (Math.abs(exact) < 1e-9) return '';
  return isEstimate(exact) ? `≈${shown}` : String(shown);
}

export function barLabels(chart: Pick<ChartData, 'kind' | 'categories' | 'series'>): BarLabels {
  const exact = chart.series.map((s) => chart.categories.map((_, i) => s.values[i] ?? 0));
  const estimated = exact.some((row) => row.some(isEstimate));
  if (chart.kind !== 'stacked-bar') {
    const values = exact.map((row) => {
      const shown = roundToTotal(row);
      return row.map((v, i) => labelText(v, shown[i]!));
    });
    return { values, totals: [], estimated };
  }
  const values = exact.map((row) => row.map(() => ''));
  const totals = chart.categories.map((_, i) => {
    const column = exact.map((row) => row[i]!);
    const shown = roundToTotal(column);
    column.forEach((v, s) => (values[s]![i] = labelText(v, shown[s]!)));
    const sum = column.reduce((a, b) => a + b, 0);
    return labelText(sum, roundValue(sum));
  });
  return { values, totals, estimated };
}
