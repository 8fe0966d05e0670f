import { TIMELINE_DENSITY_LIMIT, TIMELINE_ITEM_LIMIT } from '../../../shared/ipc/bounds';
import { tilesCovering, type BucketUnit } from '../../../shared/timeline/buckets';
import type { DensityBucket } from '../../../shared/timeline/density';
import { densityFromTiles, tileNeed, TILES_PER_REQUEST, type DensityTile } from '../../../shared/timeline/tiles';
import { panned, zoomed, type TimeWindow } from './chartWindow';

/** Asks main for tiles at one zoom level (timeline:tiles); null when it could not answer. */
export type FetchTiles = (unit: BucketUnit, tiles: number[]) => Promise<DensityTile[] | null>;

const NONE: ReadonlyMap<number, DensityTile> = new Map();
/** Most tiles held per zoom level (the oldest go first): a long exploration does not grow the page without end. */
const HELD_PER_UNIT = 64;

/** The windows one key press away from `w`: a pan or two either way, a zoom in or out. */
function nearby(w: TimeWindow): TimeWindow[] {
  return [w, panned(w, -0.25), panned(w, 0.25), panned(w, -0.5), panned(w, 0.5), zoomed(w, 0.5), zoomed(w, 2)];
}

/**
 * The density tiles the chart holds for one filter and grouping (one summary): a zoom or pan
 * whose tiles are held is drawn at once, without a round trip to main, and after each draw the
 * tiles of the windows a key press away are asked for, so the next step usually finds them.
 */
export class DensityTiles {
  private readonly held = new Map<BucketUnit, Map<number, DensityTile>>();
  private readonly asked = new Map<string, Promise<void>>();

  constructor(
    private readonly fetchTiles: FetchTiles,
    private readonly grouped: boolean,
  ) {}

  /** The bars main would draw for [from, to), when the tiles held settle them (else null: ask main). */
  bars(from: number, to: number): DensityBucket[] | null {
    const { unit } = tileNeed(from, to);
    return densityFromTiles(this.held.get(unit) ?? NONE, from, to, this.grouped, TIMELINE_DENSITY_LIMIT, TIMELINE_ITEM_LIMIT);
  }

  /** Settles once every tile [from, to) needs has come (or failed); null when one was never asked for. */
  pending(from: number, to: number): Promise<void> | null {
    const need = tileNeed(from, to);
    const held = this.held.get(need.unit);
    const waits: Array<Promise<void>> = [];
    for (const tile of tilesCovering(need.from, need.to, need.unit)) {
      if (held?.has(tile)) continue;
      const asked = this.asked.get(`${need.unit}:${tile}`);
      if (!asked) return null;
      waits.push(asked);
    }
    return Promise.all(waits).then(() => undefined);
  }

  /** Asks for the tiles of `w` and of the windows a key press away that are neither held nor asked for. */
  prefetch(w: TimeWindow): void {
    const missing = new Map<BucketUnit, Set<number>>();
    for (const near of nearby(w)) {
      const need = tileNeed(near.start, near.end);
      const held = this.held.get(need.unit);
      for (const tile of tilesCovering(need.from, need.to, need.unit)) {
        if (held?.has(tile) || this.asked.has(`${need.unit}:${tile}`)) continue;
        let set = missing.get(need.unit);
        if (!set) missing.set(need.unit, (set = new Set()));
        set.add(tile);
      }
    }
    for (const [unit, set] of missing) {
      const tiles = [...set];
      for (let at = 0; at < tiles.length; at += TILES_PER_REQUEST) this.ask(unit, tiles.slice(at, at + TILES_PER_REQUEST));
    }
  }

  private ask(unit: BucketUnit, tiles: number[]): void {
    const asked = this.fetchTiles(unit, tiles).then(
      (answer) => {
        let held = this.held.get(unit);
        if (!held) this.held.set(unit, (held = new Map()));
        for (const tile of answer ?? []) {
          held.delete(tile.tile);
          held.set(tile.tile, tile);
        }
        for (const oldest of held.keys()) {
          if (held.size <= HELD_PER_UNIT) break;
          held.delete(oldest);
        }
      },
      () => undefined,
    );
    // Settled either way: a tile that did not come may be asked for again by a later draw.
    const settled = asked.then(() => {
      for (const tile of tiles) this.asked.delete(`${unit}:${tile}`);
    });
    for (const tile of tiles) this.asked.set(`${unit}:${tile}`, settled);
  }
}
