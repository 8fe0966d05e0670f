import { computeBuilderChart, type BuilderSpec } from '../../../shared/analytics/builder';
import type { ChartSettings } from '../../../shared/analytics/dashboard';
import type { ImprecisionPolicy } from '../../../shared/analytics/imprecision';
import type { MapScope } from '../../../shared/analytics/map-model';
import { analyticsCharts, viewMap, viewSeries } from '../../../shared/analytics/views';
import { worldMapData } from '../../../shared/analytics/world-map';
import { isWithinMarking } from '../../../shared/domain/marking';
import type { CaseDocument } from '../../../shared/domain/case';
import type { EventFilter } from '../../../shared/domain/filters';
import { PAGE_LIMIT } from '../../../shared/ipc/bounds';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { FilterMasks } from './filter-masks';

/**
 * What the Analytics and Map views draw, computed where the events are. The filter (its marking
 * included: shared/analytics/views.ts) selects the events once per filter and case version
 * (FilterMasks); the per-event facts and map placements are cached per record object, so a
 * change of the view's choices only adds up numbers.
 */
export class AnalyticsViews {
  constructor(private readonly masks: FilterMasks) {}

  async charts(doc: CaseDocument, filter: EventFilter, settings: ChartSettings): Promise<ResponseOf<'analytics:charts'>> {
    const events = await this.masks.events(doc, filter);
    const series = viewSeries(doc.series, filter);
    return {
      charts: analyticsCharts({ events, series }, settings),
      series: series.slice(0, PAGE_LIMIT).map((s) => ({ id: s.id, title: s.title })),
      shown: events.length,
      // Totals stop at the filter's marking too: "3 of 5" must not count what lies above it.
      total: await this.masks.withinMarking(doc, filter.maxMarking),
      seriesTotal: viewSeries(doc.series, filter.maxMarking ? { maxMarking: filter.maxMarking } : {}).length,
    };
  }

  /** The chart builder's chart; actors are named as the case names them, unless above the filter's marking. */
  async builder(doc: CaseDocument, filter: EventFilter, spec: BuilderSpec): Promise<ResponseOf<'analytics:builder'>> {
    const events = await this.masks.events(doc, filter);
    const max = filter.maxMarking;
    const names = new Map(doc.actors.filter((a) => !max || isWithinMarking(a.marking, max)).map((a) => [a.id, a.name]));
    return computeBuilderChart(spec, events, viewSeries(doc.series, filter), { actor: (id) => names.get(id) ?? 'An actor above the marking' });
  }

  async map(doc: CaseDocument, filter: EventFilter, scope: MapScope, policy: ImprecisionPolicy): Promise<ResponseOf<'analytics:map'>> {
    return viewMap(await this.masks.events(doc, filter), scope, policy);
  }

  /** The Map view's counts and places (shared/analytics/world-map.ts). */
  async worldMap(doc: CaseDocument, filter: EventFilter, policy: ImprecisionPolicy): Promise<ResponseOf<'analytics:world-map'>> {
    return worldMapData(await this.masks.events(doc, filter), policy);
  }
}
