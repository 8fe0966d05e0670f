import { Classes } from '@blueprintjs/core';
import { useEffect, useRef } from 'react';
import type { ChartData } from '../../../shared/analytics/chart-data';
import { chartOption } from '../../../shared/analytics/chart-option';
import { echarts } from './echarts-setup';

export interface EChartProps {
  /** The numbers to draw. */
  chart: ChartData;
  /** Height in pixels; the width follows the container. */
  height?: number;
}

/** One chart drawn by ECharts as SVG in the page, redrawn when its data change or the container resizes. */
export function EChart({ chart, height = 320 }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const instance = useRef<ReturnType<typeof echarts.init> | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    const current = echarts.init(ref.current, null, { renderer: 'svg' });
    instance.current = current;
    const observer = new ResizeObserver(() => current.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      current.dispose();
      instance.current = null;
    };
  }, []);
  useEffect(() => {
    const dark = document.body.classList.contains(Classes.DARK);
    instance.current?.setOption(chartOption(chart, { text: dark ? '#d3d8de' : '#1c2127', line: dark ? '#5f6b7c' : '#c5cbd3', titled: false }), { notMerge: true });
  }, [chart]);
  return <div ref={ref} className="cf-echart" style={{ height }} role="img" aria-label={`${chart.title}: ${chart.series.map((s) => s.name).join(', ')}`} />;
}
