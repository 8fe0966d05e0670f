import type { CaseDocument } from '../../../shared/domain/case';
import { columnMask } from '../../../shared/domain/event-columns';
import type { Event } from '../../../shared/domain/event';
import type { EventFilter } from '../../../shared/domain/filters';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import type { CaseData, CaseTables } from './case-data';
import { keyOf, VersionedCache } from './versioned';

/**
 * Which events a filter selects (exactly as `eventMatches`: event-columns.ts), worked out once
 * per filter and case version and shared by the views that ask (timeline, analytics, map, link chart).
 */
export class FilterMasks {
  private readonly masks = new VersionedCache<Uint8Array | null>(4);
  private readonly lists = new VersionedCache<readonly Event[]>(2);
  private readonly marked = new VersionedCache<number>(TLP_LEVELS.length);

  constructor(readonly data: CaseData) {}

  clear(): void {
    this.masks.clear();
    this.lists.clear();
    this.marked.clear();
  }

  /**
   * The events a filter's marking lets a view count ("n of N"): all of them without a marking,
   * else those at or below it. A total over the whole case would tell how many records lie above.
   */
  async withinMarking(doc: CaseDocument, maxMarking: Marking | undefined): Promise<number> {
    const tables = await this.data.tables(doc);
    if (!maxMarking) return tables.events.length;
    return this.marked.of(tables, 0, maxMarking, () => {
      const mask = columnMask(tables.columns, tables.events, { maxMarking });
      let count = 0;
      for (let i = 0; i < mask.length; i++) count += mask[i]!;
      return count;
    });
  }

  /** One byte per event of the tables (1: selected), in the case's order; null when the filter selects everything. */
  mask(tables: CaseTables, filter: EventFilter): Uint8Array | null {
    if (Object.keys(filter).length === 0) return null;
    return this.masks.of(tables, 0, keyOf(filter), () => columnMask(tables.columns, tables.events, filter));
  }

  /** The selected events, in the case's order. */
  async events(doc: CaseDocument, filter: EventFilter): Promise<readonly Event[]> {
    const tables = await this.data.tables(doc);
    const mask = this.mask(tables, filter);
    if (!mask) return tables.events;
    return this.lists.of(tables, 0, keyOf(filter), () => {
      let count = 0;
      for (let i = 0; i < mask.length; i++) count += mask[i]!;
      const out = new Array<Event>(count);
      let at = 0;
      for (let i = 0; i < mask.length; i++) if (mask[i] === 1) out[at++] = tables.events[i]!;
      return out;
    });
  }
}
