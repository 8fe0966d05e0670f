import { bucketStart, nextBucket, type BucketUnit } from './buckets';

/** The columns density needs: one entry per event, in the same order. */
export interface DensityInput {
  starts: Float64Array | readonly number[];
  ends: Float64Array | readonly number[];
  /** 1 for a point (day-precise), 0 for a range (month/year). */
  points: Uint8Array | readonly number[];
  /** Index of the event's row under the current grouping (0 when ungrouped). */
  groups: Int32Array | readonly number[];
}

/** Events of one row within one time bucket. */
export interface DensityBucket {
  /** Row index, as in DensityInput.groups. */
  group: number;
  start: number;
  end: number;
  /** Day-precise events in the bucket. */
  exact: number;
  /** Month/year-precise events overlapping it, each spread over its buckets by the share of its period inside. */
  spread: number;
}

/**
 * Counts events per (row, bucket), for buckets starting in [from, to) (all when absent). A
 * day-precise event counts 1 in its bucket; an imprecise one is spread over the buckets its
 * period overlaps in proportion to the overlap, so a year-precise event adds 1/12 to each month
 * rather than a false spike in January. Limiting the range keeps fine zoom levels cheap.
 */
export function aggregateDensity(input: DensityInput, unit: BucketUnit, from = -Infinity, to = Infinity): DensityBucket[] {
  const byKey = new Map<string, DensityBucket>();
  const add = (group: number, start: number, exact: number, spread: number) => {
    const key = `${group}\u0000${start}`;
    let bucket = byKey.get(key);
    if (!bucket) {
      bucket = { group, start, end: nextBucket(start, unit), exact: 0, spread: 0 };
      byKey.set(key, bucket);
    }
    bucket.exact += exact;
    bucket.spread += spread;
  };
  // Buckets are kept when they start inside [from, to): each belongs to exactly one range.
  const first = Number.isFinite(from) ? bucketStart(from, unit) : -Infinity;
  const firstKept = first < from ? nextBucket(first, unit) : first;
  const count = input.starts.length;
  for (let i = 0; i < count; i++) {
    const start = input.starts[i] as number;
    const end = input.ends[i] as number;
    if (end <= firstKept || start >= to) continue;
    const group = (input.groups[i] as number | undefined) ?? 0;
    if (input.points[i] === 1 || end <= start) {
      const b = bucketStart(start, unit);
      if (b >= firstKept && b < to) add(group, b, 1, 0);
      continue;
    }
    const length = end - start;
    for (let b = bucketStart(Math.max(start, firstKept), unit); b < end && b < to; b = nextBucket(b, unit)) {
      if (b < firstKept) continue;
      const overlap = Math.min(end, nextBucket(b, unit)) - Math.max(start, b);
      if (overlap > 0) add(group, b, 0, overlap / length);
    }
  }
  return [...byKey.values()].sort((a, b) => a.start - b.start || a.group - b.group);
}

/** The events a bucket stands for, rounded for display (at least 1 when anything falls in it). */
export function bucketTotal(bucket: DensityBucket): number {
  const total = bucket.exact + bucket.spread;
  return total > 0 ? Math.max(1, Math.round(total)) : 0;
}

/** Number of events whose span overlaps [from, to). */
export function countInWindow(input: Pick<DensityInput, 'starts' | 'ends'>, from: number, to: number): number {
  let n = 0;
  for (let i = 0; i < input.starts.length; i++) {
    if ((input.starts[i] as number) < to && (input.ends[i] as number) > from) n++;
  }
  return n;
}

/**
 * The bars to draw for [from, to): the buckets overlapping it, the rows added together when the
 * chart has no rows, and at most `limit` bars — the busiest rows (the lowest row numbers) first.
 */
export function densityBars(buckets: readonly DensityBucket[], from: number, to: number, grouped: boolean, limit: number): DensityBucket[] {
  let inView = buckets.filter((b) => b.start < to && b.end > from);
  if (!grouped) inView = mergeRows(inView);
  if (inView.length > limit) {
    inView.sort((a, b) => a.group - b.group || a.start - b.start);
    inView.length = limit;
  }
  return inView;
}

/** One bucket per time span: the rows' buckets added together (for the chart without rows). */
function mergeRows(buckets: readonly DensityBucket[]): DensityBucket[] {
  const byStart = new Map<number, DensityBucket>();
  for (const b of buckets) {
    const current = byStart.get(b.start);
    if (current) {
      current.exact += b.exact;
      current.spread += b.spread;
    } else byStart.set(b.start, { ...b, group: 0 });
  }
  return [...byStart.values()];
}
