import { z } from 'zod';
import { CHART_IDS, type ChartData } from '../../analytics/chart-data';
import { computeChart, DEFAULT_CHART_SETTINGS, type ChartSettings } from '../../analytics/dashboard';
import { buildMap, MAP_SCOPES, type MapModel } from '../../analytics/map-model';
import { ChartSettingsSchema } from '../../analytics/schemas';
import type { Event } from '../../domain/event';
import { eventMatches, EventFilter, seriesMatching } from '../../domain/filters';
import type { Series } from '../../domain/series';

/** What a figure may draw: each Analytics chart, or the map. */
export const FIGURE_CHARTS = [...CHART_IDS, 'map'] as const;
export type FigureChart = (typeof FIGURE_CHARTS)[number];

/** How the writer's Figure menu names each chart. */
export const FIGURE_CHART_LABELS: Record<FigureChart, string> = {
  'events-by-year-place': 'Events per year, by place',
  'fatalities-by-province': 'Fatalities by province',
  'monthly-measures': 'Two measures month by month',
  'seasonal-pattern': 'Seasonal pattern, internal and external',
  series: 'Sourced series',
  map: 'Map',
};

/**
 * A figure's `spec` attribute (a JSON string in the body): which chart, with the Analytics view's
 * settings and the shared filter it is drawn under. The figure is redrawn from the case each time
 * it is shown, checked or exported; nothing of its data is kept in the report.
 */
export const FigureSpec = z
  .object({
    chart: z.enum(FIGURE_CHARTS),
    /** The map's extent (the map only). */
    mapScope: z.enum(MAP_SCOPES).optional(),
    settings: ChartSettingsSchema,
    filter: EventFilter,
  })
  .strict();
export type FigureSpec = z.infer<typeof FigureSpec>;

/** The attributes of a `figure` node. */
export interface FigureAttrs {
  id: string;
  spec: string;
  caption: string;
  sourceLine: string;
  marking: string | null;
}

export type FigureData = { kind: 'chart'; chart: ChartData } | { kind: 'map'; map: MapModel };

export function figureSpec(chart: FigureChart, settings: ChartSettings = DEFAULT_CHART_SETTINGS, filter: EventFilter = {}, mapScope?: FigureSpec['mapScope']): FigureSpec {
  return { chart, settings, filter, ...(chart === 'map' ? { mapScope: mapScope ?? 'world' } : {}) };
}

/** The spec of a figure node, or an error message (a body edited by hand, a spec from a newer version). */
export function parseFigureSpec(json: unknown): { ok: true; spec: FigureSpec } | { ok: false; error: string } {
  if (typeof json !== 'string') return { ok: false, error: 'the figure has no chart settings' };
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, error: 'the figure’s chart settings are not valid JSON' };
  }
  const parsed = FigureSpec.safeParse(raw);
  if (!parsed.success) return { ok: false, error: `the figure’s chart settings are not valid (${parsed.error.issues[0]?.path.join('.') || 'spec'}: ${parsed.error.issues[0]?.message})` };
  return { ok: true, spec: parsed.data };
}

/** The figure's data, drawn from the case's events and series as its filter selects them. */
export function computeFigure(spec: FigureSpec, events: readonly Event[], series: readonly Series[]): FigureData {
  const selected = events.filter((e) => eventMatches(e, spec.filter));
  if (spec.chart === 'map') return { kind: 'map', map: buildMap(selected, spec.mapScope ?? 'af-pk', spec.settings.policy) };
  return { kind: 'chart', chart: computeChart(spec.chart, selected, seriesMatching(series, spec.filter), spec.settings) };
}

/** True when the figure has nothing to draw: no category with a value, or a map without a count or a dot. */
export function figureIsEmpty(data: FigureData): boolean {
  if (data.kind === 'map') return data.map.regions.every((r) => r.count === 0) && data.map.points.length === 0;
  return data.chart.categories.length === 0 || data.chart.series.every((s) => s.values.every((v) => v === 0));
}
