import { geoMercator, geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { Event } from '../domain/event';
import { afPkProvinces, BOUNDARY_ATTRIBUTION, normaliseProvince, worldCountries, type Boundary } from './boundaries';
import { emptyCoverage, type Coverage, type ImprecisionPolicy } from './imprecision';

export const MAP_SCOPES = ['af-pk', 'world'] as const;
export type MapScope = (typeof MAP_SCOPES)[number];
export const MAP_SCOPE_LABELS: Record<MapScope, string> = { 'af-pk': 'Afghanistan and Pakistan by province', world: 'World by country' };

export interface MapRegion {
  key: string;
  name: string;
  /** SVG path data in the map's pixel space. */
  d: string;
  count: number;
  fill: string;
}

export interface MapPoint {
  x: number;
  y: number;
  /** Events at this coordinate. */
  count: number;
  /** Titles and dates of (the first few) events here, for the tooltip. */
  title: string;
}

/** A map ready to draw: shapes, fills, points and what was left out. Pure data, drawn as SVG by the app and the writers. */
export interface MapModel {
  scope: MapScope;
  title: string;
  width: number;
  height: number;
  regions: MapRegion[];
  points: MapPoint[];
  /** The largest region count (the legend's top). */
  max: number;
  coverage: Coverage;
  attribution: string;
}

const STEPS = ['#eef3f8', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/** Fill for a count: light grey-blue for none, then five steps up to the largest count. */
export function fillFor(count: number, max: number): string {
  if (count <= 0 || max <= 0) return STEPS[0]!;
  return STEPS[Math.min(5, 1 + Math.floor((count / max) * 4.999))]!;
}

const keyCache = new Map<string, Map<string, string>>();

/** 'AF:nangarhar' for ('AF', 'Nangarhar'), built once per name. */
function provinceKey(country: string, admin1: string): string {
  let byName = keyCache.get(country);
  if (!byName) keyCache.set(country, (byName = new Map()));
  let key = byName.get(admin1);
  if (key === undefined) byName.set(admin1, (key = `${country}:${normaliseProvince(admin1)}`));
  return key;
}

const countryProvinces = new Map<string, string[]>();

/** A country's province keys. Natural Earth splits some provinces into several shapes: one key each. */
function provinceKeys(country: string): string[] {
  let keys = countryProvinces.get(country);
  if (!keys) countryProvinces.set(country, (keys = [...new Set(afPkProvinces().filter((b) => b.country === country).map((b) => b.key))]));
  return keys;
}

/**
 * Counts events per region and projects the boundaries. On the province map an event without a
 * province (or one the boundary data does not know) is left out, or with the 'spread' policy
 * shared evenly over its country's provinces; 'first' has no meaning for places and leaves it out.
 */
export function buildMap(events: readonly Event[], scope: MapScope, policy: ImprecisionPolicy, width = 800, height = 560): MapModel {
  const boundaries = scope === 'world' ? worldCountries() : afPkProvinces();
  const byKey = new Map(boundaries.map((b) => [b.key, b]));
  const counts = new Map<string, number>();
  const coverage = emptyCoverage(policy);
  const bump = (key: string, w: number) => counts.set(key, (counts.get(key) ?? 0) + w);
  for (const event of events) {
    coverage.total++;
    if (scope === 'world') {
      if (byKey.has(event.location.country)) bump(event.location.country, 1);
      else coverage.excluded++;
      continue;
    }
    const country = event.location.country;
    if (country !== 'AF' && country !== 'PK') {
      coverage.notApplicable++;
      continue;
    }
    const key = event.location.admin1 ? provinceKey(country, event.location.admin1) : null;
    if (key && byKey.has(key)) {
      bump(key, 1);
    } else if (policy === 'spread') {
      const provinces = provinceKeys(country);
      for (const key of provinces) bump(key, 1 / provinces.length);
      coverage.approximate++;
    } else {
      coverage.excluded++;
    }
  }
  return project(scope, boundaries, counts, events, coverage, width, height);
}

interface Projected {
  projection: GeoProjection;
  paths: string[];
  /** Each event's pixel position (null: off the map), kept while the event object lives. */
  points: WeakMap<Event, [number, number] | null>;
}

// Boundaries never change while the app runs: project them once per map and size.
const projectedCache = new Map<string, Projected>();

function projected(scope: MapScope, boundaries: Boundary[], width: number, height: number): Projected {
  const key = `${scope}:${width}x${height}`;
  let cached = projectedCache.get(key);
  if (!cached) {
    const collection = { type: 'FeatureCollection' as const, features: boundaries.map((b) => b.feature) };
    const projection = (scope === 'world' ? geoNaturalEarth1() : geoMercator()).fitExtent(
      [
        [8, 8],
        [width - 8, height - 8],
      ],
      collection,
    );
    const path = geoPath(projection);
    cached = { projection, paths: boundaries.map((b) => path(b.feature) ?? ''), points: new WeakMap() };
    projectedCache.set(key, cached);
  }
  return cached;
}

function project(scope: MapScope, boundaries: Boundary[], counts: Map<string, number>, events: readonly Event[], coverage: Coverage, width: number, height: number): MapModel {
  const { projection, paths, points: pointCache } = projected(scope, boundaries, width, height);
  const max = Math.max(0, ...counts.values());
  const regions = boundaries
    .map((b, i) => {
      const count = counts.get(b.key) ?? 0;
      return { key: b.key, name: b.name, d: paths[i]!, count: Math.round(count * 10) / 10, fill: fillFor(count, max) };
    })
    .filter((r) => r.d !== '');
  // One dot per 3-pixel cell: many events at one place are one dot that says how many.
  const cells = new Map<number, { x: number; y: number; count: number; first: Event[] }>();
  for (const e of events) {
    const { lat, lon, geoPrecision } = e.location;
    if (lat === undefined || lon === undefined || (geoPrecision !== 'exact' && geoPrecision !== 'near')) continue;
    // Projecting is the costly part; a filter change reuses each event's position.
    let xy = pointCache.get(e);
    if (xy === undefined) {
      const p = projection([lon, lat]);
      xy = p && p[0] >= 0 && p[1] >= 0 && p[0] <= width && p[1] <= height ? [p[0], p[1]] : null;
      pointCache.set(e, xy);
    }
    if (!xy) continue;
    const cell = Math.round(xy[0] / 3) * 100_000 + Math.round(xy[1] / 3);
    const dot = cells.get(cell);
    if (dot) {
      dot.count++;
      if (dot.first.length < 3) dot.first.push(e);
    } else {
      cells.set(cell, { x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10, count: 1, first: [e] });
    }
  }
  const points: MapPoint[] = [...cells.values()].map((dot) => ({
    x: dot.x,
    y: dot.y,
    count: dot.count,
    title: dot.first.map((e) => `${e.title} (${e.date.value})`).join('\n') + (dot.count > 3 ? `\n… and ${dot.count - 3} more` : ''),
  }));
  return { scope, title: `Events: ${MAP_SCOPE_LABELS[scope]}`, width, height, regions, points, max: Math.round(max * 10) / 10, coverage, attribution: BOUNDARY_ATTRIBUTION };
}
