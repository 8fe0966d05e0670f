import type { CaseService } from '../case-service';
import { ActorViews } from './actor-views';
import { AnalyticsViews } from './analytics-views';
import { CaseData } from './case-data';
import { FilterMasks } from './filter-masks';
import { TimelineViews } from './timeline-views';

/** The views' queries over the open case, with their caches (one per app). */
export class CaseViews {
  private readonly clearListeners = new Set<() => void>();
  readonly data = new CaseData();
  readonly masks = new FilterMasks(this.data);
  readonly timeline: TimelineViews;
  readonly analytics: AnalyticsViews;
  readonly actors: ActorViews;

  /** Forgets every cache (each is rebuilt for the case open now on its first use). */
  clear(): void {
    this.data.clear();
    this.masks.clear();
    this.timeline.clear();
    this.actors.clear();
    for (const listener of this.clearListeners) listener();
  }

  /** Calls `listener` whenever the caches are let go (for caches kept beside these, e.g. by handlers). */
  onClear(listener: () => void): void {
    this.clearListeners.add(listener);
  }

  constructor(cases: CaseService) {
    this.timeline = new TimelineViews(this.data, this.masks);
    this.analytics = new AnalyticsViews(this.masks);
    this.actors = new ActorViews(this.masks);
    // A case that opens is read in the background (event columns, start order, the charts' and
    // map's per-event facts), so the first look at a view does not pay for it.
    cases.onSwitch(() => {
      // What was worked out for the case before is let go at once: a closed million-event case
      // must not stay in memory beside the next one.
      this.clear();
      setImmediate(() => {
        const doc = cases.document;
        if (doc) void this.data.warm(doc);
      });
    });
  }
}
