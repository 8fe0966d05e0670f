import type { Actor } from '../../../shared/domain/actor';
import { isWithinMarking } from '../../../shared/domain/marking';
import type { CaseDocument } from '../../../shared/domain/case';
import { EVENT_CATEGORIES, type Event } from '../../../shared/domain/event';
import type { EventFilter, TimelineGrouping } from '../../../shared/domain/filters';
import { TIMELINE_DENSITY_LIMIT, TIMELINE_ITEM_LIMIT } from '../../../shared/ipc/bounds';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { TimelineItem } from '../../../shared/ipc/channels/timeline';
import { tilesCovering, tileSpan, type BucketUnit } from '../../../shared/timeline/buckets';
import { densityBars, type DensityBucket } from '../../../shared/timeline/density';
import { cutTile, tileNeed, type DensityTile } from '../../../shared/timeline/tiles';
import { TimelineIndex } from '../../../shared/timeline/window-index';
import type { CaseData, CaseTables } from './case-data';
import type { FilterMasks } from './filter-masks';
import { rowCodes, rowsOf, type Rows } from './timeline-rows';
import { keyOf, VersionedCache } from './versioned';

export interface TimelineQuery {
  filter: EventFilter;
  grouping: TimelineGrouping;
}

/** What one query needs: the case tables, the filter's events in start order, and their rows. */
interface Prepared {
  tables: CaseTables;
  index: TimelineIndex;
  rows: Rows;
}

/**
 * The timeline's queries, answered in main where the events are (docs/timeline.md). Per case
 * version: every event placed and ordered by start (CaseData); per filter: the selected subset
 * (a TimelineIndex); per grouping: each event's row; per zoom level: density tiles, so panning
 * and returning to a zoom level reuse what was counted.
 */
export class TimelineViews {
  private readonly indexes = new VersionedCache<TimelineIndex>(3);
  private readonly codes = new VersionedCache<ReturnType<typeof rowCodes>>(2);
  private readonly rows = new VersionedCache<Rows>(3);
  private readonly tileCache = new VersionedCache<Map<number, DensityBucket[]>>(24);

  private readonly actors = new VersionedCache<ReadonlyMap<string, Actor>>(1);

  constructor(
    private readonly data: CaseData,
    private readonly masks: FilterMasks,
  ) {}

  clear(): void {
    for (const cache of [this.indexes, this.codes, this.rows, this.tileCache, this.actors]) cache.clear();
  }

  async summary(doc: CaseDocument, query: TimelineQuery): Promise<ResponseOf<'timeline:summary'>> {
    const { index, rows } = await this.prepare(doc, query);
    return {
      count: index.count,
      total: await this.masks.withinMarking(doc, query.filter.maxMarking),
      imprecise: index.imprecise(),
      rows: rows.rows,
      extent: index.count === 0 ? null : { start: index.starts[0]!, end: index.lastEnd },
    };
  }

  /** Events when the window (and a quarter of it either side) holds few enough, else density bars. */
  async window(doc: CaseDocument, query: TimelineQuery, from: number, to: number): Promise<ResponseOf<'timeline:window'>> {
    const prepared = await this.prepare(doc, query);
    const { index } = prepared;
    const margin = (to - from) / 4;
    const near = index.overlapping(from - margin, to + margin, TIMELINE_ITEM_LIMIT, TIMELINE_ITEM_LIMIT + 1);
    if (near.total <= TIMELINE_ITEM_LIMIT) return { mode: 'events', items: near.indexes.map((i) => item(prepared, i)) };
    const need = tileNeed(from, to);
    const buckets = tilesCovering(need.from, need.to, need.unit).flatMap((tile) => this.tile(prepared, query, need.unit, tile));
    return { mode: 'density', bars: densityBars(buckets, need.from, need.to, query.grouping !== 'none', TIMELINE_DENSITY_LIMIT) };
  }

  /**
   * Density tiles at one zoom level, for the renderer to draw windows from without asking again
   * (shared/timeline/tiles.ts): each with its first rows whole, up to TILE_CELL_LIMIT cells.
   */
  async tiles(doc: CaseDocument, query: TimelineQuery, unit: BucketUnit, tiles: readonly number[]): Promise<ResponseOf<'timeline:tiles'>> {
    const prepared = await this.prepare(doc, query);
    return { tiles: tiles.map((tile): DensityTile => cutTile(tile, this.tile(prepared, query, unit, tile))) };
  }

  /** One tile's (row, bucket) counts, counted once per filter, grouping and zoom level. */
  private tile(prepared: Prepared, query: TimelineQuery, unit: BucketUnit, tile: number): DensityBucket[] {
    const tiles = this.tileCache.of(prepared.tables, 0, keyOf([query.filter, query.grouping, unit]), () => new Map());
    let found = tiles.get(tile);
    if (!found) {
      const span = tileSpan(tile, unit);
      found = prepared.index.density(prepared.rows.groups, prepared.rows.rows.length, unit, span.from, span.to);
      tiles.set(tile, found);
    }
    return found;
  }

  async list(doc: CaseDocument, query: TimelineQuery, from: number, to: number, limit: number, offset = 0): Promise<ResponseOf<'timeline:list'>> {
    const prepared = await this.prepare(doc, query);
    const found = prepared.index.overlapping(from, to, limit, Infinity, offset);
    return { items: found.indexes.map((i) => item(prepared, i)), total: found.total };
  }

  private async prepare(doc: CaseDocument, query: TimelineQuery): Promise<Prepared> {
    const tables = await this.data.tables(doc);
    const index = this.indexes.of(tables, 0, keyOf(query.filter), () => {
      const mask = this.masks.mask(tables, query.filter);
      return mask ? TimelineIndex.of(tables.placed, (position) => mask[position] === 1) : TimelineIndex.of(tables.placed);
    });
    const codes = this.codes.of(tables, 0, query.grouping, () => rowCodes(tables, query.grouping));
    const actors = this.actors.get(doc, '', () => new Map(doc.actors.map((a) => [a.id, a])));
    const max = query.filter.maxMarking;
    // A perpetrator marked above the filter's marking heads its row unnamed: its name is above the cut.
    const name = (id: string) => {
      const actor = actors.get(id);
      if (!actor) return undefined;
      return !max || isWithinMarking(actor.marking, max) ? actor.name : `Actor withheld (marked above ${max})`;
    };
    const rows = this.rows.of(tables, 0, keyOf([query.filter, query.grouping]), () => rowsOf(index, codes, query.grouping, name));
    return { tables, index, rows };
  }
}

function item({ tables, index, rows }: Prepared, i: number): TimelineItem {
  const event = tables.events[index.positions[i]!] as Event;
  return {
    id: event.id,
    title: event.title,
    start: index.starts[i]!,
    end: index.ends[i]!,
    letter: String.fromCharCode(index.letters[i]!) as TimelineItem['letter'],
    category: EVENT_CATEGORIES.includes(event.category) ? event.category : 'attack',
    group: rows.groups[i]!,
    ...responsibilityOf(event),
  };
}

const FIRMEST_FIRST = ['claimed', 'attributed', 'suspected'] as const;

/** The firmest responsibility the event's claims give; a denial gives none. */
function responsibilityOf(event: Event): Pick<TimelineItem, 'responsibility'> {
  const kinds = new Set(event.responsibility.map((claim) => claim.kind));
  const firmest = FIRMEST_FIRST.find((kind) => kinds.has(kind));
  return firmest ? { responsibility: firmest } : {};
}
