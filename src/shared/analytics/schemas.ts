import { z } from 'zod';
import { EventCategory, ResponsibilityKind } from '../domain/event';
import { DRAWN_CHART_IDS } from './chart-data';
import { IMPRECISION_POLICIES } from './imprecision';
import { MAP_DOT_LIMIT, MAP_SCOPES } from './map-model';
import { WORLD_MAP_POINT_LIMIT } from './world-map';

/** Schemas of the analytics data that crosses IPC (the types live beside the code that makes them). */

export const MeasureSchema = z.object({ category: EventCategory, responsibility: ResponsibilityKind.optional(), value: z.enum(['events', 'fatalities']) }).strict();

/** ChartSettings (dashboard.ts): the view's choices, and a report template's. */
export const ChartSettingsSchema = z
  .object({
    policy: z.enum(IMPRECISION_POLICIES),
    placeBy: z.enum(['province', 'country']),
    fatalityCategory: EventCategory,
    measureA: MeasureSchema,
    measureB: MeasureSchema,
    seriesIds: z.array(z.string()).max(100),
  })
  .strict();

export const CoverageSchema = z.object({
  total: z.number(),
  excluded: z.number(),
  approximate: z.number(),
  notApplicable: z.number(),
  excludedFor: z.object({ date: z.number(), place: z.number() }),
  approximateFor: z.object({ date: z.number(), place: z.number(), fatalities: z.number() }),
  policy: z.enum(IMPRECISION_POLICIES),
  unit: z.string(),
});

/** ChartData (chart-data.ts): a chart's numbers, small whatever the case's size (years or months by a few groups). */
export const ChartDataSchema = z.object({
  id: z.enum(DRAWN_CHART_IDS),
  title: z.string(),
  subtitle: z.string().optional(),
  kind: z.enum(['bar', 'stacked-bar', 'line', 'heatmap']),
  xLabel: z.string(),
  yLabel: z.string(),
  y2Label: z.string().optional(),
  categories: z.array(z.string()).max(5_000),
  series: z.array(z.object({ name: z.string(), values: z.array(z.number()).max(5_000), axis: z.union([z.literal(0), z.literal(1)]).optional() })).max(200),
  coverage: CoverageSchema,
});

/** MapModel (map-model.ts): boundaries as path data, and dots per 3-pixel cell. */
export const MapModelSchema = z.object({
  scope: z.enum(MAP_SCOPES),
  title: z.string(),
  width: z.number(),
  height: z.number(),
  regions: z.array(z.object({ key: z.string(), name: z.string(), d: z.string(), count: z.number(), fill: z.string() })).max(400),
  points: z.array(z.object({ x: z.number(), y: z.number(), count: z.number(), title: z.string() })).max(MAP_DOT_LIMIT),
  /** Places with known coordinates not drawn as dots because the map holds MAP_DOT_LIMIT already (the quietest). */
  hiddenPoints: z.number().int().optional(),
  max: z.number(),
  coverage: CoverageSchema,
  attribution: z.string(),
});

/** WorldMapData (world-map.ts): counts per country and admin-1 area, and places as cluster input; bounded whatever the case's size. */
export const WorldMapDataSchema = z.object({
  policy: z.enum(IMPRECISION_POLICIES),
  countries: z.array(z.object({ country: z.string(), events: z.number().int(), withoutArea: z.number().int(), withCoordinates: z.number().int() })).max(400),
  areas: z.array(z.object({ country: z.string(), name: z.string(), key: z.string(), events: z.number().int(), spread: z.number() })).max(6_000),
  places: z.array(z.object({ lon: z.number(), lat: z.number(), events: z.number().int() })).max(WORLD_MAP_POINT_LIMIT),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  groups: z.object({
    events: z.number().int(),
    inAreas: z.number().int(),
    areas: z.number().int(),
    areaCountries: z.number().int(),
    countryOnly: z.number().int(),
    withoutPlace: z.number().int(),
    withCoordinates: z.number().int(),
    places: z.number().int(),
    hiddenPlaces: z.number().int(),
    spreadEvents: z.number().int(),
  }),
});
