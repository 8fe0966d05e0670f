import type { CaseService } from '../case-service';
import { ActorViews } from './actor-views';
import { AnalyticsViews } from './analytics-views';
import { CaseData } from './case-data';
import { FilterMasks } from './filter-masks';
import { TimelineViews } from './timeline-views';

/** The views' queries over the open case, with their caches (one per app). */
export class CaseViews {
  readonly data = new CaseData();
  readonly masks = new FilterMasks(this.data);
  readonly timeline: TimelineViews;
  readonly analytics: AnalyticsViews;
  readonly actors: ActorViews;

  constructor(cases: CaseService) {
    this.timeline = new TimelineViews(this.data, this.masks);
    this.analytics = new AnalyticsViews(this.masks);
    this.actors = new ActorViews(this.masks);
    // A case that opens is read in the background (event columns, start order, the charts' and
    // map's per-event facts), so the first look at a view does not pay for it.
    cases.onSwitch(() => {
      setImmediate(() => {
        const doc = cases.document;
        if (doc) void this.data.warm(doc);
      });
    });
  }
}
