import type { Event } from '../domain/event';
import { eventMatches, seriesMatching, type EventFilter } from '../domain/filters';
import type { Series } from '../domain/series';
import type { ChartData } from './chart-data';
import { computeAllCharts, type ChartSettings } from './dashboard';
import type { ImprecisionPolicy } from './imprecision';
import { buildMap, type MapModel, type MapScope } from './map-model';

/**
 * What the Analytics and Map views draw and export (SVG, PNG and copy are made from these), in
 * main (services/views/analytics-views.ts). Every kind of record they draw goes through the
 * shared filter first, its marking included: events by `eventMatches`, series by `seriesMatching`.
 */

/** The records a view draws. */
export interface ViewRecords {
  events: readonly Event[];
  series: readonly Series[];
}

/** The events and series the shared filter selects (`eventMatches`, `seriesMatching`). */
export function filterViewRecords(events: readonly Event[], series: readonly Series[], filter: EventFilter): ViewRecords {
  return { events: events.filter((e) => eventMatches(e, filter)), series: viewSeries(series, filter) };
}

/** The series the shared filter selects. */
export function viewSeries(series: readonly Series[], filter: EventFilter): Series[] {
  return seriesMatching(series, filter);
}

/** The five charts, in CHART_IDS order, of records the filter selected (`filterViewRecords`). */
export function analyticsCharts(shown: ViewRecords, settings: ChartSettings): ChartData[] {
  return computeAllCharts(shown.events, shown.series, settings);
}

/** The map of events the filter selected. */
export function viewMap(shown: readonly Event[], scope: MapScope, policy: ImprecisionPolicy): MapModel {
  return buildMap(shown, scope, policy);
}

/** The map of the events the filter selects. */
export function mapViewModel(events: readonly Event[], filter: EventFilter, scope: MapScope, policy: ImprecisionPolicy): MapModel {
  return viewMap(
    events.filter((e) => eventMatches(e, filter)),
    scope,
    policy,
  );
}
