import { describe, expect, it } from 'vitest';
import { bucketStart, nextBucket, unitForWindow, BUCKET_UNITS } from '../../src/shared/timeline/buckets';
import { aggregateDensity, bucketTotal, countInWindow } from '../../src/shared/timeline/density';
import { partialDate } from '../../src/shared/domain/partial-date';
import { placeDate } from '../../src/shared/timeline/placement';

function input(dates: Array<[string, number]>) {
  const placed = dates.map(([d]) => placeDate(partialDate(d)));
  return {
    starts: placed.map((p) => p.start),
    ends: placed.map((p) => p.end),
    points: placed.map((p) => (p.kind === 'point' ? 1 : 0)),
    groups: dates.map(([, g]) => g),
  };
}

describe('density buckets', () => {
  it('cuts time into calendar buckets that tile without gaps', () => {
    const t = Date.UTC(2021, 6, 14, 13, 30);
    for (const unit of BUCKET_UNITS) {
      const start = bucketStart(t, unit);
      expect(start).toBeLessThanOrEqual(t);
      expect(nextBucket(start, unit)).toBeGreaterThan(t);
      expect(bucketStart(nextBucket(start, unit), unit)).toBe(nextBucket(start, unit));
    }
    expect(bucketStart(t, 'week')).toBe(Date.UTC(2021, 6, 12)); // the Monday
    expect(bucketStart(t, 'quarter')).toBe(Date.UTC(2021, 6, 1));
    expect(bucketStart(t, 'decade')).toBe(Date.UTC(2020, 0, 1));
  });

  it('picks coarser buckets for wider windows, from hours to decades', () => {
    expect(unitForWindow(12 * 3_600_000)).toBe('hour');
    expect(unitForWindow(60 * 86_400_000)).toBe('day');
    expect(unitForWindow(5 * 365 * 86_400_000)).toBe('month');
    expect(unitForWindow(60 * 365 * 86_400_000)).toBe('year');
    expect(unitForWindow(3_000 * 365 * 86_400_000)).toBe('decade');
  });
});

describe('aggregateDensity', () => {
  it('counts day-precise events in their bucket, per row', () => {
    const buckets = aggregateDensity(input([['2024-03-01', 0], ['2024-03-30', 0], ['2024-03-15', 1], ['2024-04-02', 0]]), 'month');
    expect(buckets.map((b) => [b.group, new Date(b.start).toISOString().slice(0, 7), b.exact])).toEqual([
      [0, '2024-03', 2],
      [1, '2024-03', 1],
      [0, '2024-04', 1],
    ]);
  });

  it('spreads a year-precise event over the months instead of a spike in January', () => {
    const buckets = aggregateDensity(input([['2023', 0]]), 'month');
    expect(buckets).toHaveLength(12);
    const total = buckets.reduce((sum, b) => sum + b.spread, 0);
    expect(total).toBeCloseTo(1, 10);
    // February is shorter than January, so it gets a smaller share.
    expect(buckets[1]!.spread).toBeLessThan(buckets[0]!.spread);
    expect(buckets.every((b) => b.exact === 0)).toBe(true);
  });

  it('keeps every event: the buckets add up to the number of events at every zoom level', () => {
    const dates: Array<[string, number]> = [['2020-01-05', 0], ['2020-07', 1], ['2021', 0], ['2022-12-31', 2], ['2019-02', 1]];
    for (const unit of ['day', 'week', 'month', 'year', 'decade'] as const) {
      const sum = aggregateDensity(input(dates), unit).reduce((s, b) => s + b.exact + b.spread, 0);
      expect(sum).toBeCloseTo(dates.length, 8);
    }
  });

  it('shows a bucket holding only a sliver of an imprecise event as at least 1', () => {
    expect(bucketTotal({ group: 0, start: 0, end: 1, exact: 0, spread: 0.03 })).toBe(1);
    expect(bucketTotal({ group: 0, start: 0, end: 1, exact: 2, spread: 0.6 })).toBe(3);
  });

  it('counts events overlapping a window, imprecise ones by their whole span', () => {
    const data = input([['2024-03-22', 0], ['2024', 0], ['2023-12-31', 0]]);
    expect(countInWindow(data, Date.UTC(2024, 2, 1), Date.UTC(2024, 3, 1))).toBe(2);
    expect(countInWindow(data, Date.UTC(2023, 11, 31), Date.UTC(2024, 0, 1))).toBe(1);
  });
});
