import { tilesCovering, unitForWindow, type BucketUnit } from './buckets';
import { densityBars, type DensityBucket } from './density';

/** Buckets across the visible window (density). */
export const DENSITY_BUCKETS = 24;
/** Most cells (row × bucket) one tile carries to the renderer; a busier tile keeps its first rows whole. */
export const TILE_CELL_LIMIT = 1_024;
/** Most tiles asked for at once (timeline:tiles). */
export const TILES_PER_REQUEST = 8;

/**
 * One density tile as the renderer holds it: the (row, bucket) counts of the buckets starting in
 * the tile, ordered by start then row. `rows` is how many rows are whole in it (null when every
 * row is): a tile over TILE_CELL_LIMIT cells keeps only its first rows.
 */
export interface DensityTile {
  tile: number;
  rows: number | null;
  buckets: DensityBucket[];
}

/** The tile as sent: its first rows whole, up to `limit` cells. */
export function cutTile(tile: number, buckets: readonly DensityBucket[], limit = TILE_CELL_LIMIT): DensityTile {
  if (buckets.length <= limit) return { tile, rows: null, buckets: buckets.slice() };
  const perRow = new Map<number, number>();
  for (const b of buckets) perRow.set(b.group, (perRow.get(b.group) ?? 0) + 1);
  let rows = 0;
  let cells = 0;
  for (const group of [...perRow.keys()].sort((a, b) => a - b)) {
    const n = perRow.get(group)!;
    if (cells + n > limit) {
      rows = group;
      break;
    }
    cells += n;
    rows = group + 1;
  }
  return { tile, rows, buckets: buckets.filter((b) => b.group < rows) };
}

/** The zoom level and the span [from, to) whose tiles the window [from, to) is drawn from (a quarter of it either side). */
export function tileNeed(from: number, to: number): { unit: BucketUnit; from: number; to: number } {
  const margin = (to - from) / 4;
  return { unit: unitForWindow(to - from, DENSITY_BUCKETS), from: from - margin, to: to + margin };
}

/**
 * What main's timeline:window would answer for [from, to), worked out from tiles already held,
 * when they settle it: the density bars, or null when a tile is missing, when the tiles cannot
 * show that the window holds more than `itemLimit` events (it may be drawn as events), or when
 * the rows a tile left out could be among the bars drawn.
 */
export function densityFromTiles(tiles: ReadonlyMap<number, DensityTile>, from: number, to: number, grouped: boolean, limit: number, itemLimit: number): DensityBucket[] | null {
  const need = tileNeed(from, to);
  const buckets: DensityBucket[] = [];
  let rows = Infinity;
  for (const id of tilesCovering(need.from, need.to, need.unit)) {
    const tile = tiles.get(id);
    if (!tile) return null;
    if (tile.rows !== null) rows = Math.min(rows, tile.rows);
    for (const b of tile.buckets) buckets.push(b);
  }
  // A lower bound on the events overlapping the span: each event adds at most 1 over all the
  // buckets (a share of itself to each bucket its period overlaps), and only to buckets it overlaps.
  let atLeast = 0;
  for (const b of buckets) if (b.start >= need.from && b.end <= need.to) atLeast += b.exact + b.spread;
  if (!(atLeast >= itemLimit + 1)) return null;
  const whole = rows === Infinity ? buckets : buckets.filter((b) => b.group < rows);
  const bars = densityBars(whole, need.from, need.to, grouped, limit);
  // Rows left out sort after the whole ones: they are only missed when fewer than `limit` bars remain.
  return rows === Infinity || bars.length >= limit ? bars : null;
}
