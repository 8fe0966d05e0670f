import { bucketStart, nextBucket, type BucketUnit } from './buckets';
import type { DensityBucket } from './density';
import { isPointLetter, type PlacedEvents } from './placed';

/**
 * The events a filter selects, in start order, as typed arrays: what the timeline's window,
 * list and density queries run over. A query looks only at the events that can overlap its
 * window (a binary search finds them), so a step at a million events costs what its window holds.
 */
export class TimelineIndex {
  readonly count: number;
  /** Longest span of any event: a window query starts that much before its window. */
  readonly maxSpan: number;
  /** The latest end (the extent's right edge). */
  readonly lastEnd: number;

  private constructor(
    /** Positions in the case's events array. */
    readonly positions: Int32Array,
    readonly starts: Float64Array,
    readonly ends: Float64Array,
    readonly letters: Uint8Array,
  ) {
    this.count = positions.length;
    let span = 0;
    let last = -Infinity;
    for (let i = 0; i < this.count; i++) {
      const end = ends[i]!;
      span = Math.max(span, end - starts[i]!);
      if (end > last) last = end;
    }
    this.maxSpan = span;
    this.lastEnd = last;
  }

  /** Every placed event (keep absent), or those whose case position `keep` accepts, in the same order. */
  static of(placed: PlacedEvents, keep?: (position: number) => boolean): TimelineIndex {
    if (!keep) return new TimelineIndex(placed.positions, placed.starts, placed.ends, placed.letters);
    const n = placed.positions.length;
    const chosen = new Int32Array(n);
    let count = 0;
    for (let k = 0; k < n; k++) if (keep(placed.positions[k]!)) chosen[count++] = k;
    const positions = new Int32Array(count);
    const starts = new Float64Array(count);
    const ends = new Float64Array(count);
    const letters = new Uint8Array(count);
    for (let j = 0; j < count; j++) {
      const k = chosen[j]!;
      positions[j] = placed.positions[k]!;
      starts[j] = placed.starts[k]!;
      ends[j] = placed.ends[k]!;
      letters[j] = placed.letters[k]!;
    }
    return new TimelineIndex(positions, starts, ends, letters);
  }

  /** The first index whose start is at or after `t`. */
  firstStartingAt(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Events known only to the month or year (drawn as hatched ranges). */
  imprecise(): number {
    let n = 0;
    for (let i = 0; i < this.count; i++) if (!isPointLetter(this.letters[i]!)) n++;
    return n;
  }

  /**
   * Indexes (in start order) of the events overlapping [from, to), at most `limit` after skipping
   * `offset` of them, and how many there are in all (counted up to `countUpTo`).
   */
  overlapping(from: number, to: number, limit: number, countUpTo = Infinity, offset = 0): { indexes: number[]; total: number } {
    const indexes: number[] = [];
    let total = 0;
    const end = this.firstStartingAt(to);
    for (let i = this.firstStartingAt(from - this.maxSpan); i < end; i++) {
      if (this.ends[i]! <= from) continue;
      total++;
      if (total > offset && indexes.length < limit) indexes.push(i);
      if (total >= countUpTo) break;
    }
    return { indexes, total };
  }

  /**
   * Density per (row, bucket) for the buckets starting in [from, to), with the same counts as
   * `aggregateDensity` (density.ts): a day-precise event counts 1 in its bucket, an imprecise one
   * is spread over the buckets it overlaps by the share of its span inside each.
   */
  density(groups: Int32Array | null, groupCount: number, unit: BucketUnit, from: number, to: number): DensityBucket[] {
    const first = bucketStart(from, unit);
    const bounds = [first < from ? nextBucket(first, unit) : first];
    while (bounds[bounds.length - 1]! < to) bounds.push(nextBucket(bounds[bounds.length - 1]!, unit));
    const buckets = bounds.length - 1;
    if (buckets <= 0 || this.count === 0) return [];
    const cells = new CellCounts(Math.max(1, groupCount), buckets);
    const edge = bounds[buckets]!;
    const stop = this.firstStartingAt(edge);
    let k = 0;
    for (let i = this.firstStartingAt(bounds[0]! - this.maxSpan); i < stop; i++) {
      const start = this.starts[i]!;
      const end = this.ends[i]!;
      if (end <= bounds[0]!) continue;
      const group = groups ? groups[i]! : 0;
      if (isPointLetter(this.letters[i]!) || end <= start) {
        if (start < bounds[0]!) continue;
        while (bounds[k + 1]! <= start) k++;
        cells.add(group, k, 1, 0);
        continue;
      }
      const length = end - start;
      let b = start <= bounds[0]! ? 0 : bucketOf(bounds, start);
      for (; b < buckets && bounds[b]! < end; b++) {
        const overlap = Math.min(end, bounds[b + 1]!) - Math.max(start, bounds[b]!);
        if (overlap > 0) cells.add(group, b, 0, overlap / length);
      }
    }
    return cells.list(bounds);
  }
}

/** The bucket holding `t` (bounds[0] <= t < bounds[last]). */
function bucketOf(bounds: readonly number[], t: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Counts per (row, bucket): a flat array when rows × buckets is small, else a map of the cells that occur. */
class CellCounts {
  private readonly exact: Float64Array | null;
  private readonly spread: Float64Array | null;
  private readonly sparse = new Map<number, { exact: number; spread: number }>();

  constructor(
    private readonly groups: number,
    private readonly buckets: number,
  ) {
    const dense = groups * buckets <= 1 << 20;
    this.exact = dense ? new Float64Array(groups * buckets) : null;
    this.spread = dense ? new Float64Array(groups * buckets) : null;
  }

  add(group: number, bucket: number, exact: number, spread: number): void {
    const cell = group * this.buckets + bucket;
    if (this.exact && this.spread) {
      this.exact[cell]! += exact;
      this.spread[cell]! += spread;
      return;
    }
    const found = this.sparse.get(cell);
    if (found) {
      found.exact += exact;
      found.spread += spread;
    } else this.sparse.set(cell, { exact, spread });
  }

  /** The non-empty cells, ordered by start, then row. */
  list(bounds: readonly number[]): DensityBucket[] {
    const out: DensityBucket[] = [];
    const push = (cell: number, exact: number, spread: number) => {
      const bucket = cell % this.buckets;
      out.push({ group: (cell - bucket) / this.buckets, start: bounds[bucket]!, end: bounds[bucket + 1]!, exact, spread });
    };
    if (this.exact && this.spread) {
      for (let cell = 0; cell < this.exact.length; cell++) {
        if (this.exact[cell]! !== 0 || this.spread[cell]! !== 0) push(cell, this.exact[cell]!, this.spread[cell]!);
      }
    } else {
      for (const [cell, counts] of this.sparse) push(cell, counts.exact, counts.spread);
    }
    return out.sort((a, b) => a.start - b.start || a.group - b.group);
  }
}
