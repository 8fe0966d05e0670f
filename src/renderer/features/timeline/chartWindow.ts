const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const ZOOM_MIN_MS = HOUR;
export const ZOOM_MAX_MS = 100 * 365.25 * DAY;

export interface TimeWindow {
  start: number;
  end: number;
}

/** The narrowest window "Fit all" and a first event are shown in: days on the axis, not hours. */
export const FIT_MIN_MS = 30 * DAY;

/**
 * The span of every event (the summary's extent) with room either side, the right side wider so
 * the last event's title (drawn to the right of its point) fits too; never narrower than
 * FIT_MIN_MS; a default decade when there are none.
 */
export function fullWindow(extent: TimeWindow | null): TimeWindow {
  if (!extent) return { start: Date.UTC(2015, 0, 1), end: Date.UTC(2025, 0, 1) };
  const span = extent.end - extent.start;
  const padded = { start: extent.start - Math.max(span * 0.03, DAY), end: extent.end + Math.max(span * 0.12, 2 * DAY) };
  const width = padded.end - padded.start;
  if (width >= FIT_MIN_MS) return padded;
  const centre = (extent.start + extent.end) / 2;
  return { start: centre - FIT_MIN_MS / 3, end: centre + (2 * FIT_MIN_MS) / 3 };
}

/**
 * A window that shows [start, end): the current one when it already does and is no narrower
 * than a week, else one of the current width (at least FIT_MIN_MS) with the event a third in.
 */
export function revealed(current: TimeWindow, event: TimeWindow): TimeWindow {
  const width = current.end - current.start;
  if (event.start >= current.start && event.end <= current.end && width >= 7 * DAY) return current;
  const span = Math.min(ZOOM_MAX_MS, Math.max(width, FIT_MIN_MS, (event.end - event.start) * 1.5));
  const start = event.start - span / 3;
  return { start, end: start + span };
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
