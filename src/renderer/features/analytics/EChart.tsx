import { Classes } from '@blueprintjs/core';
import { useEffect, useRef } from 'react';
import type { ChartData } from '../../../shared/analytics/chart-data';
import { chartOption, type OptionStyle } from '../../../shared/analytics/chart-option';
import { echarts } from './echarts-setup';

export interface EChartProps {
  /** The numbers to draw. */
  chart: ChartData;
  /** Height in pixels; the width follows the container. */
  height?: number;
}

/** The theme's chart colours (app.css variables), so chart text keeps the contrast the rest of the page has. */
function themeStyle(element: HTMLElement): OptionStyle {
  const css = getComputedStyle(element);
  const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return { text: read('--cf-text', '#1c2127'), line: read('--cf-chart-line', '#c5cbd3'), titled: false };
}

/**
 * One chart drawn by ECharts as SVG in the page, redrawn when its data change, the container
 * resizes or the theme changes (the class on <body>; a chart drawn in one theme must not keep
 * its text colours in the other).
 */
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
    const draw = () => {
      if (!ref.current) return;
      const style = themeStyle(ref.current);
      const option = chartOption(chart, style);
      // The scroll legend's page counter and arrows default to dark grey, unreadable on the dark theme.
      // A chart without a legend (the heatmap) gets none.
      const legend = option.legend ? { ...(option.legend as object), pageTextStyle: { color: style.text }, pageIconColor: style.text, pageIconInactiveColor: style.line } : undefined;
      instance.current?.setOption({ ...option, legend }, { notMerge: true });
    };
    draw();
    // Blueprint toggles other <body> classes on every click (focus styles): redraw on a theme change only.
    let dark = document.body.classList.contains(Classes.DARK);
    const observer = new MutationObserver(() => {
      if (document.body.classList.contains(Classes.DARK) === dark) return;
      dark = !dark;
      draw();
    });
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, [chart]);
  return <div ref={ref} className="cf-echart" style={{ height }} role="img" aria-label={`${chart.title}: ${chart.series.map((s) => s.name).join(', ')}`} />;
}
