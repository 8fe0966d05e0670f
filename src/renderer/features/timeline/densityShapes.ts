import { bucketTotal, type DensityBucket } from '../../../shared/timeline/density';
import type { TimeWindow } from './chartWindow';

/** Where a row of the chart is, in pixels from the top of vis-timeline's item area. */
export interface RowBand {
  top: number;
  height: number;
}

/** One density bar as the chart draws it: placed, shaded and described. */
export interface BarShape {
  /** The bucket drawn. */
  bar: DensityBucket;
  /** Left edge and width, in percent of the item area's width (so a resize needs no redraw). */
  x: number;
  width: number;
  y: number;
  height: number;
  /** Shade by order of magnitude: 1 (1 event) … 5 (10,000 or more). */
  level: number;
  /** The count written on the bar, empty when it would not fit. */
  label: string;
  /** The native tooltip. */
  tip: string;
}

/** The band ungrouped bars are drawn in (vis-timeline then has no rows to line up with). */
export const UNGROUPED_BAND: RowBand = { top: 4, height: 22 };
/** Space kept above and below a bar inside its row, and between neighbouring bars (px). */
const ROW_PAD = 3;
const BAR_GAP_PX = 1;
/** Roughly the width of one digit of the bar's 11 px label, and the room kept either side. */
const DIGIT_PX = 7;
const LABEL_ROOM_PX = 6;

/** Absolute shades (1, 10, 100, 1,000, 10,000+ events), so a bar keeps its shade while panning. */
export function densityLevel(total: number): number {
  return Math.min(5, 1 + Math.floor(Math.log10(Math.max(1, total))));
}

/** A bar's tooltip: its count, the imprecise share, and what a click does. */
export function densityTip(bar: DensityBucket): string {
  const total = bucketTotal(bar);
  const imprecise = Math.round(bar.spread);
  return `${total} event${total === 1 ? '' : 's'}${imprecise > 0 ? `, of which about ${imprecise} known only to the month or year` : ''} — click to zoom in`;
}

/**
 * The bars of `window` placed over the item area: horizontally by time (percent of its width,
 * cut to the visible part), vertically inside their row's band (`rows(group)`; null leaves the
 * bar out, as a row vis-timeline has not laid out yet). `widthPx` is the item area's width, used
 * only to decide whether a bar's count fits on it.
 */
export function densityShapes(bars: readonly DensityBucket[], window: TimeWindow, rows: (group: number) => RowBand | null, widthPx: number): BarShape[] {
  const span = window.end - window.start;
  if (!(span > 0)) return [];
  const percent = (t: number) => ((t - window.start) / span) * 100;
  const shapes: BarShape[] = [];
  for (const bar of bars) {
    const band = rows(bar.group);
    if (!band) continue;
    // Cut to a little beyond the visible area: a bar far off screen would be a huge SVG rectangle.
    const left = Math.max(-10, percent(bar.start));
    const right = Math.min(110, percent(bar.end));
    if (right <= left) continue;
    // A pixel's gap between neighbours, when the bar is wide enough to spare it.
    const gap = widthPx > 0 && ((right - left) / 100) * widthPx > 4 * BAR_GAP_PX ? (BAR_GAP_PX / widthPx) * 100 : 0;
    const total = bucketTotal(bar);
    const text = String(total);
    const fits = ((right - left) / 100) * widthPx >= text.length * DIGIT_PX + LABEL_ROOM_PX;
    const pad = Math.min(ROW_PAD, band.height / 4);
    shapes.push({ bar, x: left, width: right - left - gap, y: band.top + pad, height: Math.max(1, band.height - 2 * pad), level: densityLevel(total), label: fits ? text : '', tip: densityTip(bar) });
  }
  return shapes;
}

/** What the density layer says to assistive technology: how many bars, and the range of their counts. */
export function densitySummary(bars: readonly DensityBucket[]): string {
  if (bars.length === 0) return 'Event density: no events in view';
  let least = Infinity;
  let most = 0;
  for (const bar of bars) {
    const total = bucketTotal(bar);
    least = Math.min(least, total);
    most = Math.max(most, total);
  }
  const rows = new Set(bars.map((b) => b.group)).size;
  return `Event density: ${bars.length} bar${bars.length === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'}, ${least.toLocaleString('en')} to ${most.toLocaleString('en')} events each; hover a bar for its count, click it to zoom in`;
}
