import type { EChartsOption } from 'echarts';
import { roundValue, type ChartData } from './chart-data';
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

/**
 * The ECharts option for a chart: the one description both the app (SVG renderer in the DOM)
 * and the report writers (ECharts' server-side SVG renderer) draw from.
 */
export function chartOption(chart: ChartData, style: OptionStyle): EChartsOption {
  const twoAxes = chart.series.some((s) => s.axis === 1);
  const axisStyle = { axisLine: { lineStyle: { color: style.line } }, axisLabel: { color: style.text }, nameTextStyle: { color: style.text } };
  const legendRows = style.staticWidth ? legendLines(chart.series.map((s) => s.name), style.staticWidth) : 1;
  const yAxis = (name: string) => ({ type: 'value' as const, name, splitLine: { lineStyle: { color: style.line, opacity: 0.5 } }, ...axisStyle });
  return {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: 'DejaVu Sans, Arial, sans-serif', color: style.text },
    title: style.titled
      ? { text: chart.title, subtext: coverageNote(chart.coverage), left: 'center', textStyle: { color: style.text, fontSize: 14 }, subtextStyle: { color: style.text, fontSize: 10, width: 640, overflow: 'break' } }
      : undefined,
    tooltip: { trigger: 'axis' },
    // The paper font runs wider than ECharts measures text, hence the wider gap on paper.
    legend: { type: style.staticWidth ? 'plain' : 'scroll', bottom: 0, itemGap: style.staticWidth ? 20 : 10, textStyle: { color: style.text } },
    grid: { top: style.titled ? 100 : 40, left: 56, right: twoAxes ? 56 : 24, bottom: 64 + (legendRows - 1) * LEGEND_LINE, containLabel: true },
    xAxis: { type: 'category', data: chart.categories, name: chart.xLabel, nameLocation: 'middle', nameGap: 28, ...axisStyle },
    yAxis: twoAxes ? [yAxis(chart.yLabel), yAxis(chart.y2Label ?? '')] : yAxis(chart.yLabel),
    series: chart.series.map((s) => ({
      name: s.name,
      type: chart.kind === 'line' ? 'line' : 'bar',
      stack: chart.kind === 'stacked-bar' ? 'total' : undefined,
      yAxisIndex: twoAxes ? (s.axis ?? 0) : 0,
      data: s.values.map(roundValue),
      symbolSize: 5,
    })),
  };
}
