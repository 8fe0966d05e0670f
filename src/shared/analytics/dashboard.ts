import type { Event, EventCategory } from '../domain/event';
import type { Series } from '../domain/series';
import { CHART_IDS, type ChartData, type ChartId } from './chart-data';
import { factsOf, type EventFacts } from './event-facts';
import { eventsByYearAndPlace, fatalitiesByProvince, monthlyMeasures, seasonalPattern, type Measure } from './event-charts';
import type { ImprecisionPolicy } from './imprecision';
import { seriesChart } from './series-charts';

/** Every choice the analytics view offers; report templates carry the same settings. */
export interface ChartSettings {
  policy: ImprecisionPolicy;
  placeBy: 'province' | 'country';
  fatalityCategory: EventCategory;
  measureA: Measure;
  measureB: Measure;
  /** Series drawn on the series chart; empty: all of them. */
  seriesIds: string[];
}

export const DEFAULT_CHART_SETTINGS: ChartSettings = {
  policy: 'spread',
  placeBy: 'country',
  // Generic starting points for any case; the analyst picks the categories their case is about.
  fatalityCategory: 'attack',
  measureA: { category: 'attack', value: 'events' },
  measureB: { category: 'attack', value: 'fatalities' },
  seriesIds: [],
};

/**
 * One chart by id, from the (already filtered) events and series. `facts` (factsOf(events)) may
 * be passed by a caller drawing several charts of the same events, to look them up once.
 */
export function computeChart(id: ChartId, events: readonly Event[], series: readonly Series[], s: ChartSettings, facts?: readonly EventFacts[]): ChartData {
  switch (id) {
    case 'events-by-year-place':
      return eventsByYearAndPlace(events, { by: s.placeBy, policy: s.policy }, facts);
    case 'fatalities-by-province':
      return fatalitiesByProvince(events, { category: s.fatalityCategory, policy: s.policy }, facts);
    case 'monthly-measures':
      return monthlyMeasures(events, s.measureA, s.measureB, s.policy, facts);
    case 'seasonal-pattern':
      return seasonalPattern(events, s.policy, undefined, facts);
    case 'series': {
      const chosen = s.seriesIds.length === 0 ? series : series.filter((x) => s.seriesIds.includes(x.id));
      return seriesChart(chosen, { policy: s.policy });
    }
  }
}

/** Every chart at once (what a filter change recomputes), in CHART_IDS order. */
export function computeAllCharts(events: readonly Event[], series: readonly Series[], s: ChartSettings): ChartData[] {
  const facts = factsOf(events);
  return CHART_IDS.map((id) => computeChart(id, events, series, s, facts));
}
