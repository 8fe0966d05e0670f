import type { ChartData } from '../../../shared/analytics/chart-data';
import { chartHeight, chartOption, PAPER_STYLE } from '../../../shared/analytics/chart-option';
import { call } from '../../ipc/client';
import { echarts } from './echarts-setup';

export const EXPORT_WIDTH = 960;
export const EXPORT_HEIGHT = 540;

/** The exported drawing's height: taller for a heatmap with many rows (the title and note take about 160 px). */
export function exportHeight(chart: ChartData): number {
  return Math.max(EXPORT_HEIGHT, chartHeight(chart) + 160);
}

/** The chart as a standalone SVG document on white, with its title and coverage note drawn in. */
export function chartSvgForExport(chart: ChartData): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: EXPORT_WIDTH, height: exportHeight(chart) });
  try {
    instance.setOption({ ...chartOption(chart, { ...PAPER_STYLE, staticWidth: EXPORT_WIDTH }), backgroundColor: '#ffffff' });
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

/**
 * Rasterises an SVG document to PNG at twice its width, in main (`report:png`), where the bundled
 * Noto fonts are handed to the rasteriser: an SVG drawn through an <img> here would see only the
 * system's fonts, and labels in scripts the system lacks would come out as empty boxes.
 */
export async function svgToPng(svg: string, width: number): Promise<Blob> {
  const answer = await call('report:png', { svg, width: width * 2 });
  if (!answer.ok) throw new Error(answer.error.message);
  const bytes = Uint8Array.from(atob(answer.value.base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: 'image/png' });
}

/** Offers a file to the user as a download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Puts the image on the clipboard as PNG (for pasting into documents) and its SVG as text. */
export async function copyImage(svg: string, png: Blob): Promise<void> {
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png, 'text/plain': new Blob([svg], { type: 'text/plain' }) })]);
}

/** A file name from a title. */
export function safeName(title: string): string {
  return title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chart';
}
