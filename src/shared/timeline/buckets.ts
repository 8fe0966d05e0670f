/** Time buckets for density, from hours to decades; one is picked per zoom level. */
export const BUCKET_UNITS = ['hour', 'day', 'week', 'month', 'quarter', 'year', 'decade'] as const;
export type BucketUnit = (typeof BUCKET_UNITS)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rough length of each unit, to choose one for a window. */
export const UNIT_MS: Record<BucketUnit, number> = {
  hour: HOUR,
  day: DAY,
  week: 7 * DAY,
  month: 30.44 * DAY,
  quarter: 91.31 * DAY,
  year: 365.25 * DAY,
  decade: 3_652.5 * DAY,
};

/** The finest unit that cuts a window of `spanMs` into at most `maxBuckets` buckets. */
export function unitForWindow(spanMs: number, maxBuckets = 120): BucketUnit {
  return BUCKET_UNITS.find((unit) => spanMs / UNIT_MS[unit] <= maxBuckets) ?? 'decade';
}

function utcDate(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d.getTime();
}

/** Start (UTC ms) of the bucket holding `t`. Weeks start on Monday. */
export function bucketStart(t: number, unit: BucketUnit): number {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  switch (unit) {
    case 'hour':
      return Math.floor(t / HOUR) * HOUR;
    case 'day':
      return Math.floor(t / DAY) * DAY;
    case 'week': {
      const day = Math.floor(t / DAY) * DAY;
      const weekday = (new Date(day).getUTCDay() + 6) % 7;
      return day - weekday * DAY;
    }
    case 'month':
      return utcDate(y, d.getUTCMonth(), 1);
    case 'quarter':
      return utcDate(y, Math.floor(d.getUTCMonth() / 3) * 3, 1);
    case 'year':
      return utcDate(y, 0, 1);
    case 'decade':
      return utcDate(Math.floor(y / 10) * 10, 0, 1);
  }
}

/** Start of the bucket after the one starting at `start`. */
export function nextBucket(start: number, unit: BucketUnit): number {
  const d = new Date(start);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (unit) {
    case 'hour':
      return start + HOUR;
    case 'day':
      return start + DAY;
    case 'week':
      return start + 7 * DAY;
    case 'month':
      return utcDate(y, m + 1, 1);
    case 'quarter':
      return utcDate(y, m + 3, 1);
    case 'year':
      return utcDate(y + 1, 0, 1);
    case 'decade':
      return utcDate(y + 10, 0, 1);
  }
}

/** Buckets per cache tile: density is computed and cached per (zoom level, tile). */
export const TILE_BUCKETS = 64;

/** The tiles (fixed-length spans from the epoch) covering [from, to) at a unit. */
export function tilesCovering(from: number, to: number, unit: BucketUnit): number[] {
  const size = TILE_BUCKETS * UNIT_MS[unit];
  const tiles: number[] = [];
  for (let t = Math.floor(from / size); t * size < to; t++) tiles.push(t);
  return tiles;
}

/** The span [from, to) of a tile. */
export function tileSpan(tile: number, unit: BucketUnit): { from: number; to: number } {
  const size = TILE_BUCKETS * UNIT_MS[unit];
  return { from: tile * size, to: (tile + 1) * size };
}
