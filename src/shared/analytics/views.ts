import type { Event } from '../domain/event';
import { eventMatches, seriesMatching, type EventFilter } from '../domain/filters';
import type { Series } from '../domain/series';
import type { ChartData } from './chart-data';
import { computeAllCharts, type ChartSettings } from './dashboard';
import type { ImprecisionPolicy } from './imprecision';
import { buildMap, type MapModel, type MapScope } from './map-model';

/** The records a view draws: every kind it draws goes through the shared filter, its marking included. */
export interface ViewRecords {
  events: Event[];
  series: Series[];
}

/** The events and series the shared filter selects (`eventMatches`, `seriesMatching`). */
export function filterViewRecords(events: readonly Event[], series: readonly Series[], filter: EventFilter): ViewRecords {
  return { events: events.filter((e) => eventMatches(e, filter)), series: seriesMatching(series, filter) };
}

/**
 * What the Analytics view draws and exports (SVG, PNG and copy are made from these charts): the
 * five charts, in CHART_IDS order, of what the filter selects.
 */
export function analyticsCharts(shown: ViewRecords, settings: ChartSettings): ChartData[] {
  return computeAllCharts(shown.events, shown.series, settings);
}

/** What the Map view draws and exports: the map of the events the filter selects. */
export function mapViewModel(events: readonly Event[], filter: EventFilter, scope: MapScope, policy: ImprecisionPolicy): MapModel {
  return buildMap(
    events.filter((e) => eventMatches(e, filter)),
    scope,
    policy,
  );
}
