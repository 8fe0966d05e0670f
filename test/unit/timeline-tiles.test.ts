import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import { CaseService } from '../../src/main/services/case-service';
import { CaseViews } from '../../src/main/services/views';
import { TIMELINE_GROUPINGS, type EventFilter, type TimelineGrouping } from '../../src/shared/domain/filters';
import { TIMELINE_DENSITY_LIMIT, TIMELINE_ITEM_LIMIT } from '../../src/shared/ipc/bounds';
import type { BucketUnit } from '../../src/shared/timeline/buckets';
import { tilesCovering } from '../../src/shared/timeline/buckets';
import type { DensityBucket } from '../../src/shared/timeline/density';
import { cutTile, densityFromTiles, tileNeed, type DensityTile } from '../../src/shared/timeline/tiles';
import { panned, zoomed, type TimeWindow } from '../../src/renderer/features/timeline/chartWindow';
import { DensityTiles } from '../../src/renderer/features/timeline/densityTiles';

const DOC = generateCase({ events: 6_000, actors: 60, seed: 11 });
const views = new CaseViews(new CaseService({ user: 'test' }));
const YEAR = 365.25 * 86_400_000;
const START = Date.UTC(2014, 0, 1);

/** The renderer's side, fed by main's timeline:tiles, counting what it asks for. */
function rendererTiles(filter: EventFilter, grouping: TimelineGrouping) {
  const asked: Array<{ unit: BucketUnit; tiles: number[] }> = [];
  const tiles = new DensityTiles(async (unit, ids) => {
    asked.push({ unit, tiles: ids });
    return (await views.timeline.tiles(DOC, { filter, grouping }, unit, ids)).tiles;
  }, grouping !== 'none');
  return { tiles, asked };
}

/** Waits until every tile asked for has come. */
async function settle(tiles: DensityTiles, w: TimeWindow): Promise<void> {
  for (let i = 0; i < 5; i++) await (tiles.pending(w.start, w.end) ?? Promise.resolve());
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('density tiles held by the renderer', () => {
  it('draw exactly what timeline:window answers, for any window, filter and grouping, or defer to it (property)', async () => {
    const windowArb = fc.record({ at: fc.double({ min: 0, max: 11, noNaN: true }), years: fc.double({ min: 0.002, max: 14, noNaN: true }) });
    const filterArb = fc.constantFrom<EventFilter>({}, { countries: ['AF'] }, { categories: ['attack', 'arrest'] }, { maxMarking: 'TLP:GREEN' });
    await fc.assert(
      fc.asyncProperty(windowArb, filterArb, fc.constantFrom(...TIMELINE_GROUPINGS), async ({ at, years }, filter, grouping) => {
        const from = START + at * YEAR;
        const to = from + years * YEAR;
        const need = tileNeed(from, to);
        const ids = tilesCovering(need.from, need.to, need.unit);
        const held = new Map<number, DensityTile>();
        for (let i = 0; i < ids.length; i += 8) for (const t of (await views.timeline.tiles(DOC, { filter, grouping }, need.unit, ids.slice(i, i + 8))).tiles) held.set(t.tile, t);
        const ours = densityFromTiles(held, from, to, grouping !== 'none', TIMELINE_DENSITY_LIMIT, TIMELINE_ITEM_LIMIT);
        const main = await views.timeline.window(DOC, { filter, grouping }, from, to);
        if (ours === null) return;
        expect(main.mode).toBe('density');
        if (main.mode === 'density') expect(ours).toEqual(main.bars);
      }),
      { numRuns: 150 },
    );
  });

  it('settle every wide window of a busy case without asking main (no deferral when the window is plainly dense)', async () => {
    for (const grouping of TIMELINE_GROUPINGS) {
      for (const years of [12, 3, 1]) {
        const from = START + YEAR;
        const to = from + years * YEAR;
        const need = tileNeed(from, to);
        const held = new Map((await views.timeline.tiles(DOC, { filter: {}, grouping }, need.unit, tilesCovering(need.from, need.to, need.unit))).tiles.map((t) => [t.tile, t]));
        const main = await views.timeline.window(DOC, { filter: {}, grouping }, from, to);
        expect(main.mode).toBe('density');
        if (main.mode === 'density') expect(densityFromTiles(held, from, to, grouping !== 'none', TIMELINE_DENSITY_LIMIT, TIMELINE_ITEM_LIMIT)).toEqual(main.bars);
      }
    }
  });

  it('a tile over its cell limit keeps its first rows whole, and a window needing the rows left out is deferred to main', () => {
    const bucket = (group: number, start: number): DensityBucket => ({ group, start, end: start + 1, exact: 100, spread: 0 });
    const buckets = [0, 1, 2, 3].flatMap((start) => [0, 1, 2].map((group) => bucket(group, start))).sort((a, b) => a.start - b.start || a.group - b.group);
    const cut = cutTile(0, buckets, 8);
    expect(cut.rows).toBe(2);
    expect(cut.buckets.every((b) => b.group < 2)).toBe(true);
    expect(cut.buckets).toHaveLength(8);
    expect(cutTile(0, buckets, 12).rows).toBeNull();
  });

  it('after a draw, the windows one key press away are drawn from tiles already asked for', async () => {
    const { tiles, asked } = rendererTiles({}, 'category');
    const w = { start: START + 2 * YEAR, end: START + 3.5 * YEAR };
    expect(tiles.bars(w.start, w.end)).toBeNull();
    tiles.prefetch(w);
    await settle(tiles, w);
    const before = asked.length;
    expect(before).toBeGreaterThan(0);
    for (const next of [panned(w, 0.25), panned(w, -0.25), zoomed(w, 0.5), zoomed(w, 2)]) {
      const bars = tiles.bars(next.start, next.end);
      const main = await views.timeline.window(DOC, { filter: {}, grouping: 'category' }, next.start, next.end);
      expect(main.mode).toBe('density');
      if (main.mode === 'density') expect(bars).toEqual(main.bars);
    }
    expect(asked.length).toBe(before);
    // Asked again for the same window: nothing new is fetched.
    tiles.prefetch(w);
    expect(asked.length).toBe(before);
  });

  it('a step whose tiles are on their way waits for them instead of asking again', async () => {
    const { tiles, asked } = rendererTiles({}, 'none');
    const w = { start: START + 4 * YEAR, end: START + 6 * YEAR };
    tiles.prefetch(w);
    const next = panned(w, 0.25);
    const coming = tiles.pending(next.start, next.end);
    expect(coming).not.toBeNull();
    await coming;
    expect(tiles.bars(next.start, next.end)).not.toBeNull();
    expect(asked.every((a) => a.tiles.length <= 8)).toBe(true);
  });
});
