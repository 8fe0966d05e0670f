import { describe, expect, it } from 'vitest';
import { FIT_MIN_MS, fullWindow, revealed } from '../../src/renderer/features/timeline/chartWindow';

const DAY = 86_400_000;
const at = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

describe('timeline windows', () => {
  it('fits a single event at a days-wide zoom, not hours', () => {
    const w = fullWindow({ start: at(2016, 3, 1), end: at(2016, 3, 2) });
    expect(w.end - w.start).toBeGreaterThanOrEqual(FIT_MIN_MS);
    expect(w.start).toBeLessThan(at(2016, 3, 1));
    expect(w.end).toBeGreaterThan(at(2016, 3, 2));
  });

  it('"Fit all" holds every event, with room on the right for the last title', () => {
    const extent = { start: at(2010, 1, 1), end: at(2020, 1, 1) };
    const w = fullWindow(extent);
    expect(w.start).toBeLessThan(extent.start);
    expect(w.end - extent.end).toBeGreaterThan((extent.end - extent.start) * 0.1);
  });

  it('keeps the view when the new event is in it; otherwise moves to it at a sensible width', () => {
    const view = { start: at(2016, 1, 1), end: at(2016, 12, 31) };
    expect(revealed(view, { start: at(2016, 6, 1), end: at(2016, 6, 2) })).toEqual(view);
    const moved = revealed(view, { start: at(2019, 6, 1), end: at(2019, 6, 2) });
    expect(moved.start).toBeLessThan(at(2019, 6, 1));
    expect(moved.end).toBeGreaterThan(at(2019, 6, 2));
    expect(moved.end - moved.start).toBe(view.end - view.start);
    // From an hourly view, the new event is shown with days around it.
    const hourly = { start: at(2016, 3, 1), end: at(2016, 3, 1) + 3 * 3_600_000 };
    const widened = revealed(hourly, { start: at(2016, 3, 1) + DAY / 2, end: at(2016, 3, 1) + DAY / 2 });
    expect(widened.end - widened.start).toBeGreaterThanOrEqual(FIT_MIN_MS);
  });
});
