import type { TimelineModel } from './model';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Most items the chart is ever given: beyond this, density takes over. */
export const ITEM_LIMIT = 250;
export const ZOOM_MIN_MS = HOUR;
export const ZOOM_MAX_MS = 100 * 365.25 * DAY;

export interface TimeWindow {
  start: number;
  end: number;
}

/** The span of every event, padded a little; a default decade when there are none. */
export function fullWindow(model: TimelineModel): TimeWindow {
  if (model.count === 0) return { start: Date.UTC(2015, 0, 1), end: Date.UTC(2025, 0, 1) };
  let start = Infinity;
  let end = -Infinity;
  for (let i = 0; i < model.count; i++) {
    start = Math.min(start, model.starts[i] ?? start);
    end = Math.max(end, model.ends[i] ?? end);
  }
  const pad = Math.max((end - start) * 0.02, DAY);
  return { start: start - pad, end: end + pad };
}

/** A window showing [start, end) with room around it; a point gets a week either side. */
export function windowAround(start: number, end: number): TimeWindow {
  const span = Math.max(end - start, DAY);
  const pad = Math.max(span * 0.5, 3 * DAY);
  return { start: start - pad, end: end + pad };
}

/** The window moved by a fraction of its width (negative: to the past). */
export function panned(window: TimeWindow, fraction: number): TimeWindow {
  const shift = (window.end - window.start) * fraction;
  return { start: window.start + shift, end: window.end + shift };
}

/** The window zoomed about its centre by `factor` (<1 zooms in), kept within the zoom limits. */
export function zoomed(window: TimeWindow, factor: number): TimeWindow {
  const centre = (window.start + window.end) / 2;
  const span = Math.min(ZOOM_MAX_MS, Math.max(ZOOM_MIN_MS, (window.end - window.start) * factor));
  return { start: centre - span / 2, end: centre + span / 2 };
}
