import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartData } from '../../../shared/analytics/chart-data';
import { chartOption, PAPER_STYLE } from '../../../shared/analytics/chart-option';

// Only what the report's charts use (keeps the main bundle small).
echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TitleComponent, VisualMapContinuousComponent, SVGRenderer]);

/** A chart as a standalone SVG document, drawn by ECharts' server-side SVG renderer (no DOM). */
export function chartSvg(chart: ChartData, width = 760, height = 420): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // No tooltip on paper (and the component is not loaded).
    const { tooltip: _tooltip, ...option } = chartOption(chart, { ...PAPER_STYLE, staticWidth: width });
    instance.setOption({ ...option, backgroundColor: '#ffffff' });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}
