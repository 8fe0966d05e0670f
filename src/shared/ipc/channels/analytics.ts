import { z } from 'zod';
import { BuilderSpecSchema } from '../../analytics/builder-spec';
import { IMPRECISION_POLICIES } from '../../analytics/imprecision';
import { MAP_SCOPES } from '../../analytics/map-model';
import { ChartDataSchema, ChartSettingsSchema, MapModelSchema, WorldMapDataSchema } from '../../analytics/schemas';
import { EventFilter } from '../../domain/filters';
import { PAGE_LIMIT } from '../bounds';

/**
 * Analytics and the map are computed in main, where the events are (shared/analytics/views.ts,
 * with the marking cut): the renderer sends the filter and its choices and gets back only what
 * it draws.
 */
export const analyticsChannels = {
  /** The five charts of the Analytics view (CHART_IDS order), and the series its picker offers. */
  'analytics:charts': {
    request: z.object({ filter: EventFilter, settings: ChartSettingsSchema }).strict(),
    response: z.object({
      charts: z.array(ChartDataSchema).max(10),
      /** The series the filter selects (the picker's choices), at most a page. */
      series: z.array(z.object({ id: z.string(), title: z.string() })).max(PAGE_LIMIT),
      /** Events the filter selects, and in the case. */
      shown: z.number().int(),
      total: z.number().int(),
      /** Series in the case (an empty case has nothing to analyse). */
      seriesTotal: z.number().int(),
    }),
  },
  /** The chart builder's chart (computeBuilderChart) of the events and series the filter selects. */
  'analytics:builder': {
    request: z.object({ filter: EventFilter, spec: BuilderSpecSchema }).strict(),
    response: ChartDataSchema,
  },
  /** The map of the events the filter selects. */
  'analytics:map': {
    request: z.object({ filter: EventFilter, scope: z.enum(MAP_SCOPES), policy: z.enum(IMPRECISION_POLICIES) }).strict(),
    response: MapModelSchema,
  },
  /** The Map view's numbers: events per country and admin-1 area, and places to cluster (shapes load in the renderer). */
  'analytics:world-map': {
    request: z.object({ filter: EventFilter, policy: z.enum(IMPRECISION_POLICIES) }).strict(),
    response: WorldMapDataSchema,
  },
} as const;
