import { describe, expect, it } from 'vitest';
import type { DensityBucket } from '../../src/shared/timeline/density';
import { densityLevel, densityShapes, densitySummary, densityTip, UNGROUPED_BAND, type RowBand } from '../../src/renderer/features/timeline/densityShapes';

const DAY = 86_400_000;
const T0 = Date.UTC(2020, 0, 1);
const bucket = (group: number, day: number, days: number, exact: number, spread = 0): DensityBucket => ({ group, start: T0 + day * DAY, end: T0 + (day + days) * DAY, exact, spread });
const rows: Record<number, RowBand> = { 0: { top: 0, height: 30 }, 1: { top: 30, height: 30 } };
const byRow = (group: number): RowBand | null => rows[group] ?? null;
/** A 100-day window, 1,000 px wide: one day is 1 % and 10 px. */
const WINDOW = { start: T0, end: T0 + 100 * DAY };

describe('density bars drawn over the chart', () => {
  it('are placed by time in percent of the window and inside their row, a pixel apart', () => {
    const [a, b] = densityShapes([bucket(0, 10, 10, 5), bucket(1, 50, 25, 40)], WINDOW, byRow, 1000);
    expect(a).toMatchObject({ y: 3, height: 24, label: '5' });
    expect(a!.x).toBeCloseTo(10);
    expect(a!.width).toBeCloseTo(9.9);
    expect(b).toMatchObject({ y: 33, height: 24, label: '40' });
    expect(b!.x).toBeCloseTo(50);
    expect(b!.width).toBeCloseTo(24.9);
  });

  it('keep the bucket they stand for, so a click zooms into the whole bucket even when it is cut at the edge', () => {
    const wide = bucket(0, -400, 1000, 7);
    const [shape] = densityShapes([wide], WINDOW, byRow, 1000);
    expect(shape!.bar).toBe(wide);
    expect(shape!.x).toBe(-10);
    expect(shape!.x + shape!.width).toBeLessThanOrEqual(110);
  });

  it('leave out bars outside the window and bars whose row is not laid out yet', () => {
    const shapes = densityShapes([bucket(0, -30, 10, 1), bucket(0, 200, 10, 1), bucket(7, 10, 10, 1), bucket(1, 10, 10, 1)], WINDOW, byRow, 1000);
    expect(shapes.map((s) => s.bar.group)).toEqual([1]);
  });

  it('write the count only when it fits on the bar', () => {
    const [narrow, wide] = densityShapes([bucket(0, 0, 1, 12_345), bucket(0, 10, 10, 12_345)], WINDOW, byRow, 1000);
    expect(narrow!.label).toBe('');
    expect(wide!.label).toBe('12345');
  });

  it('draw ungrouped bars in one band', () => {
    const [shape] = densityShapes([bucket(0, 10, 10, 3)], WINDOW, () => UNGROUPED_BAND, 1000);
    expect(shape!.y).toBeGreaterThanOrEqual(UNGROUPED_BAND.top);
    expect(shape!.y + shape!.height).toBeLessThanOrEqual(UNGROUPED_BAND.top + UNGROUPED_BAND.height);
  });

  it('are shaded by order of magnitude and say their count, imprecise share and what a click does', () => {
    expect([1, 9, 10, 99, 100, 1_000, 10_000, 1_000_000].map(densityLevel)).toEqual([1, 1, 2, 2, 3, 4, 5, 5]);
    expect(densityTip(bucket(0, 0, 1, 1))).toBe('1 event — click to zoom in');
    expect(densityTip(bucket(0, 0, 1, 10, 2.4))).toBe('12 events, of which about 2 known only to the month or year — click to zoom in');
    const [shape] = densityShapes([bucket(0, 10, 10, 1_200)], WINDOW, byRow, 1000);
    expect(shape).toMatchObject({ level: 4, tip: '1200 events — click to zoom in' });
  });

  it('are summed up in words for assistive technology', () => {
    expect(densitySummary([bucket(0, 0, 10, 3), bucket(1, 0, 10, 2_500), bucket(1, 10, 10, 40)])).toBe(
      'Event density: 3 bars in 2 rows, 3 to 2,500 events each; hover a bar for its count, click it to zoom in',
    );
    expect(densitySummary([])).toBe('Event density: no events in view');
  });
});
