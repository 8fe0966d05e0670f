import type { EChartsOption } from 'echarts';
import { barLabels } from './bar-labels';
import { isEstimate, roundValue, type ChartData } from './chart-data';
import { coverageNote } from './imprecision';

/** A palette that stays apart in print and for the common colour-vision deficiencies (Okabe–Ito + greys). */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000', '#999999', '#7F5F3F'];

export interface OptionStyle {
  /** Text colour (dark theme in the app, black on paper). */
  text: string;
  /** Axis and grid line colour. */
  line: string;
  /** Adds the title and the coverage note into the drawing itself (for exported files). */
  titled: boolean;
  /**
   * Static drawings (PDF, DOCX, PNG, SVG files) cannot be paged: their legend is drawn whole,
   * wrapped over as many lines as it needs, at this drawing width. The app's live chart scrolls.
   */
  staticWidth?: number;
}

export const PAPER_STYLE: OptionStyle = { text: '#1c2127', line: '#c5cbd3', titled: true, staticWidth: 760 };

const LEGEND_LINE = 22;

/** Lines a plain legend needs at a width: each item is its symbol, gap and text (about 6.5 px a character at 12 px). */
function legendLines(names: readonly string[], width: number): number {
  let lines = 1;
  let x = 0;
  for (const name of names) {
    const item = 25 + 5 + name.length * 6.5 + 20;
    if (x > 0 && x + item > width - 20) {
      lines++;
      x = 0;
    }
    x += item;
  }
  return lines;
}

/** Black or white text, whichever reads better on a fill colour ('#rrggbb'). */
export function textOn(fill: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.45 ? '#000000' : '#ffffff';
}

const HEAT_LOW = '#f7fbff';
const HEAT_HIGH = '#08306b';

/** A heatmap cell's fill as the visual map draws it: light to dark blue by its share of the largest value. */
export function heatColour(value: number, max: number): string {
  const t = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const channel = (i: number) => {
    const [from, to] = [parseInt(HEAT_LOW.slice(i, i + 2), 16), parseInt(HEAT_HIGH.slice(i, i + 2), 16)];
    return Math.round(from + (to - from) * t).toString(16).padStart(2, '0');
  };
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

/** Pixel height a chart needs to stay readable: a heatmap gets a row per series. */
export function chartHeight(chart: Pick<ChartData, 'kind' | 'series'>, base = 320): number {
  return chart.kind === 'heatmap' ? Math.max(base, 110 + chart.series.length * 24) : base;
}

/**
 * The ECharts option for a chart: the one description both the app (SVG renderer in the DOM)
 * and the report writers (ECharts' server-side SVG renderer) draw from. Bars and heatmap cells
 * carry their values (barLabels: rounded to add up to their total, estimates marked "≈").
 */
export function chartOption(chart: ChartData, style: OptionStyle): EChartsOption {
  if (chart.kind === 'heatmap') return heatmapOption(chart, style);
  const twoAxes = chart.series.some((s) => s.axis === 1);
  const axisStyle = { axisLine: { lineStyle: { color: style.line } }, axisLabel: { color: style.text }, nameTextStyle: { color: style.text } };
  const legendRows = style.staticWidth ? legendLines(chart.series.map((s) => s.name), style.staticWidth) : 1;
  const yAxis = (name: string) => ({ type: 'value' as const, name, splitLine: { lineStyle: { color: style.line, opacity: 0.5 } }, ...axisStyle });
  const labels = chart.kind === 'line' ? null : barLabels(chart);
  // Many bars side by side: labels above them turn upright so they do not run into each other.
  const crowded = chart.categories.length * (chart.kind === 'bar' ? chart.series.length : 1) > 16;
  const series = chart.series.map((s, k) => ({
    name: s.name,
    type: chart.kind === 'line' ? ('line' as const) : ('bar' as const),
    stack: chart.kind === 'stacked-bar' ? 'total' : undefined,
    yAxisIndex: twoAxes ? (s.axis ?? 0) : 0,
    data: s.values.map(roundValue),
    symbolSize: 5,
    label: labels ? barLabel(labels.values[k]!, chart.kind === 'stacked-bar', crowded, PALETTE[k % PALETTE.length]!, style) : undefined,
    // Segment labels that do not fit are hidden; the bar's total above it always shows.
    labelLayout: chart.kind === 'stacked-bar' ? { hideOverlap: true } : undefined,
  }));
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'DejaVu Sans, Arial, sans-serif', color: style.text },
    title: style.titled
      ? { text: chart.title, subtext: coverageNote(chart.coverage), left: 'center', textStyle: { color: style.text, fontSize: 14 }, subtextStyle: { color: style.text, fontSize: 10, width: 640, overflow: 'break' } }
      : undefined,
    // Tooltips mark fractions (spread shares) as estimates, as the labels do.
    tooltip: { trigger: 'axis', valueFormatter: (value) => (typeof value === 'number' && isEstimate(value) ? `≈${value}` : String(value ?? '')) },
    // The paper font runs wider than ECharts measures text, hence the wider gap on paper.
    legend: { type: style.staticWidth ? 'plain' : 'scroll', bottom: 0, itemGap: style.staticWidth ? 20 : 10, textStyle: { color: style.text }, data: chart.series.map((s) => s.name) },
    grid: { top: style.titled ? 100 : 40, left: 56, right: twoAxes ? 56 : 24, bottom: 64 + (legendRows - 1) * LEGEND_LINE, containLabel: true },
    xAxis: { type: 'category', data: chart.categories, name: chart.xLabel, nameLocation: 'middle', nameGap: 28, ...axisStyle, axisLabel: categoryLabels(chart.categories, style) },
    yAxis: twoAxes ? [yAxis(chart.yLabel), yAxis(chart.y2Label ?? '')] : yAxis(labels?.estimated ? `${chart.yLabel} (≈ estimate)` : chart.yLabel),
    series: labels && chart.kind === 'stacked-bar' ? [...series, totalSeries(labels.totals, crowded, style)] : series,
  };
}

/**
 * The category axis' labels: every one shown while there are few enough to read (ECharts would
 * otherwise skip some, leaving bars without a name), slanted when they are long or many.
 */
function categoryLabels(categories: readonly string[], style: OptionStyle) {
  if (categories.length > 30) return { color: style.text };
  const slanted = categories.length > 8 || (categories.length > 3 && categories.some((c) => c.length > 10));
  return { color: style.text, interval: 0, rotate: slanted ? 30 : 0, width: 140, overflow: 'truncate' as const };
}

/** The value label of one bar series: inside the segment of a stack, above a side-by-side bar. */
function barLabel(texts: readonly string[], stacked: boolean, crowded: boolean, fill: string, style: OptionStyle) {
  return {
    show: true,
    position: stacked ? ('inside' as const) : ('top' as const),
    ...(crowded && !stacked ? UPRIGHT : {}),
    fontSize: 10,
    color: stacked ? textOn(fill) : style.text,
    formatter: (p: { dataIndex: number }) => texts[p.dataIndex] ?? '',
  };
}

/** An empty bar on top of each stack that carries the stack's total as its label (no legend entry, no tooltip row). */
/** A label turned to read bottom-up, starting just above its bar. */
const UPRIGHT = { rotate: 90, align: 'left' as const, verticalAlign: 'middle' as const, distance: 4 };

function totalSeries(totals: readonly string[], crowded: boolean, style: OptionStyle) {
  return {
    name: 'Total',
    type: 'bar' as const,
    stack: 'total',
    data: totals.map(() => 0),
    tooltip: { show: false },
    label: { show: true, position: 'top' as const, ...(crowded ? UPRIGHT : {}), fontSize: 11, fontWeight: 'bold' as const, color: style.text, formatter: (p: { dataIndex: number }) => totals[p.dataIndex] ?? '' },
  };
}

/** A heatmap: one row per series (e.g. a year), one cell per category, each cell labelled. */
function heatmapOption(chart: ChartData, style: OptionStyle): EChartsOption {
  const labels = barLabels(chart);
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values));
  const axisStyle = { axisLine: { lineStyle: { color: style.line } }, axisLabel: { color: style.text }, nameTextStyle: { color: style.text } };
  const data = chart.series.flatMap((s, row) =>
    chart.categories.map((_, col) => {
      const fill = heatColour(s.values[col] ?? 0, max);
      return { value: [col, row, roundValue(s.values[col] ?? 0)], label: { color: textOn(fill) } };
    }),
  );
  return {
    animation: false,
    textStyle: { fontFamily: 'DejaVu Sans, Arial, sans-serif', color: style.text },
    title: style.titled
      ? { text: chart.title, subtext: coverageNote(chart.coverage), left: 'center', textStyle: { color: style.text, fontSize: 14 }, subtextStyle: { color: style.text, fontSize: 10, width: 640, overflow: 'break' } }
      : undefined,
    tooltip: { trigger: 'item' },
    grid: { top: style.titled ? 100 : 16, left: 56, right: 24, bottom: 72, containLabel: true },
    visualMap: { type: 'continuous', min: 0, max: Math.max(max, 1), orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, itemWidth: 12, calculable: false, inRange: { color: [HEAT_LOW, HEAT_HIGH] }, textStyle: { color: style.text } },
    xAxis: { type: 'category', data: chart.categories, name: chart.xLabel, nameLocation: 'middle', nameGap: 28, splitArea: { show: false }, ...axisStyle },
    yAxis: { type: 'category', data: chart.series.map((s) => s.name), inverse: true, ...axisStyle },
    series: [
      {
        name: chart.yLabel,
        type: 'heatmap',
        data,
        itemStyle: { borderColor: style.line, borderWidth: 1 },
        // 9 px keeps "≈0.1" inside a cell of a twelve-month row on a narrow card.
        label: { show: true, fontSize: 9, formatter: (p: { value: unknown }) => { const [col, row] = p.value as [number, number]; return labels.values[row]?.[col] ?? ''; } },
      },
    ],
  };
}
