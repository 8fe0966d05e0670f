import { setImmediate as yieldTurn } from 'node:timers/promises';
import { factsOf } from '../../../shared/analytics/event-facts';
import { worldMapData } from '../../../shared/analytics/world-map';
import type { CaseDocument } from '../../../shared/domain/case';
import type { Event } from '../../../shared/domain/event';
import { ColumnsBuilder, type EventColumns } from '../../../shared/domain/event-columns';
import { orderByStart, type PlacedEvents } from '../../../shared/timeline/placed';

/** Events per slice of a background build: a few tens of milliseconds, so IPC calls get turns between slices. */
const SLICE = 25_000;

/** What views need of every event of one case version, built once. */
export interface CaseTables {
  /** The events as they were when the tables were built: positions in the tables index this list. */
  events: readonly Event[];
  columns: EventColumns;
  /** The events in start order (the timeline's base). */
  placed: PlacedEvents;
}

/**
 * Per case version, the event columns every filter and the timeline read (shared/domain/event-columns.ts)
 * and the start order, built in slices that leave the event loop free between them; callers
 * share one build. `warm` also fills the per-event caches of analytics and the map in the
 * background after a case opens, so the first look at either view only adds up numbers.
 */
export class CaseData {
  private doc: CaseDocument | null = null;
  private version = -1;
  private building: Promise<CaseTables> | null = null;
  private warming: Promise<void> | null = null;

  /** Forgets the case (it closed or another opened): its records must not stay reachable from here. */
  clear(): void {
    this.doc = null;
    this.version = -1;
    this.building = null;
    this.warming = null;
  }

  /** The tables of the case as it is now (built on first call per version). */
  tables(doc: CaseDocument): Promise<CaseTables> {
    if (doc !== this.doc || doc.history.length !== this.version || !this.building) {
      this.doc = doc;
      this.version = doc.history.length;
      this.building = build(doc);
    }
    return this.building;
  }

  /**
   * Builds the tables, then the analytics facts and the Map view's placements of every
   * event, a slice at a time. Resolves when done (or at once when the case changed meanwhile).
   */
  warm(doc: CaseDocument): Promise<void> {
    this.warming = (async () => {
      const version = doc.history.length;
      await this.tables(doc);
      const current = () => this.doc === doc && doc.history.length === version;
      for (let at = 0; at < doc.events.length && current(); at += SLICE) {
        const slice = doc.events.slice(at, at + SLICE);
        factsOf(slice);
        worldMapData(slice, 'exclude');
        await yieldTurn();
      }
    })();
    return this.warming;
  }
}

async function build(doc: CaseDocument): Promise<CaseTables> {
  // A copy of the list (not of the records): an edit between slices replaces entries in place.
  const events = doc.events.slice();
  const builder = new ColumnsBuilder(events);
  while (!builder.step(SLICE)) await yieldTurn();
  const columns = builder.result();
  return { events, columns, placed: orderByStart(columns) };
}
