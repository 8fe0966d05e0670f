import type { ChartData } from '../../../shared/analytics/chart-data';
import { chartHeight, chartOption, PAPER_STYLE } from '../../../shared/analytics/chart-option';
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

/** Rasterises an SVG document to PNG at twice its size, via an <img> of a blob URL and a canvas. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * 2;
    canvas.height = height * 2;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
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
