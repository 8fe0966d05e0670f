const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const ZOOM_MIN_MS = HOUR;
export const ZOOM_MAX_MS = 100 * 365.25 * DAY;

export interface TimeWindow {
  start: number;
  end: number;
}

/** The span of every event (the summary's extent), padded a little; a default decade when there are none. */
export function fullWindow(extent: TimeWindow | null): TimeWindow {
  if (!extent) return { start: Date.UTC(2015, 0, 1), end: Date.UTC(2025, 0, 1) };
  const pad = Math.max((extent.end - extent.start) * 0.02, DAY);
  return { start: extent.start - pad, end: extent.end + pad };
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
