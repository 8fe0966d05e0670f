import { geoMercator, geoNaturalEarth1, geoPath, type GeoProjection } from 'd3-geo';
import type { Event } from '../domain/event';
import { afPkProvinces, BOUNDARY_ATTRIBUTION, normaliseProvince, worldCountries, type Boundary } from './boundaries';
import { countryName } from '../text/format';
import { emptyCoverage, type Coverage, type ImprecisionPolicy } from './imprecision';

export const MAP_SCOPES = ['af-pk', 'world'] as const;
export type MapScope = (typeof MAP_SCOPES)[number];

/** The countries the bundled province map ('af-pk') has shapes for, read from its boundary data. */
const PROVINCE_MAP_COUNTRIES: readonly string[] = [...new Set(afPkProvinces().map((b) => b.country!))];

/**
 * The map a report starts with, from the case's countries: the province map when every event is
 * in a country it has shapes for, the world map otherwise (and for a case with no events yet).
 */
export function defaultMapScope(countries: readonly string[]): MapScope {
  return countries.length > 0 && countries.every((c) => PROVINCE_MAP_COUNTRIES.includes(c)) ? 'af-pk' : 'world';
}

/** Each scope in words, the province map's named after the countries its data covers. */
export const MAP_SCOPE_LABELS: Record<MapScope, string> = {
  'af-pk': `${PROVINCE_MAP_COUNTRIES.map(countryName).join(' and ')} by province`,
  world: 'World by country',
};

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
  /** Places with known coordinates left without a dot because the map holds MAP_DOT_LIMIT dots already (the places with the fewest events). */
  hiddenPoints?: number;
  /** The largest region count (the legend's top). */
  max: number;
  coverage: Coverage;
  attribution: string;
}

/** Most dots on one map: the places with the most events are drawn; the note counts the others. */
export const MAP_DOT_LIMIT = 2_000;

const STEPS = ['#eef3f8', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/** Fill for a count: light grey-blue for none, then five steps up to the largest count. */
export function fillFor(count: number, max: number): string {
  if (count <= 0 || max <= 0) return STEPS[0]!;
  return STEPS[Math.min(5, 1 + Math.floor((count / max) * 4.999))]!;
}

/**
 * Where one event lands on one map is worked out once per event record and map (events are
 * immutable: an edit replaces the object), so a filter change only adds up numbers. It is kept
 * as one number, cell slot × region slots + region slot (no object to fetch per event):
 * region slot = region index + 2, or UNPLACED + 2, OFF_MAP + 2; cell slot = cell index + 1, or 0 for no dot.
 */
type Placement = number;

/** The event's country is on the map but its province (or country) is not known to the boundaries. */
const UNPLACED = -1;
/** The event's country is not on this map (the province map has shapes for a few countries only). */
const OFF_MAP = -2;

interface Projected {
  projection: GeoProjection;
  paths: string[];
  /** The distinct region keys (Natural Earth splits some provinces into several shapes). */
  regionKeys: string[];
  /** Each boundary's index in regionKeys. */
  boundaryRegion: number[];
  regionIndex: Map<string, number>;
  /** Region indexes of a country's provinces, over which an event without a province is spread. */
  provincesOf: Map<string, number[]>;
  /** Cell number (column × 100,000 + row) → its index, for every cell an event has landed in. */
  cells: Map<number, number>;
  placements: WeakMap<Event, Placement>;
  /** Where an event with a dot is, rounded to 0.1 px: a cell's dot sits where its first shown event is. */
  positions: WeakMap<Event, { x: number; y: number }>;
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
    const regionKeys = [...new Set(boundaries.map((b) => b.key))];
    const regionIndex = new Map(regionKeys.map((k, i) => [k, i]));
    const provincesOf = new Map<string, number[]>();
    for (const country of PROVINCE_MAP_COUNTRIES) provincesOf.set(country, [...new Set(boundaries.filter((b) => b.country === country).map((b) => regionIndex.get(b.key)!))]);
    cached = {
      projection,
      paths: boundaries.map((b) => path(b.feature) ?? ''),
      regionKeys,
      boundaryRegion: boundaries.map((b) => regionIndex.get(b.key)!),
      regionIndex,
      provincesOf,
      cells: new Map(),
      placements: new WeakMap(),
      positions: new WeakMap(),
    };
    projectedCache.set(key, cached);
  }
  return cached;
}

/** Works out where an event lands on a map (buildMap looks in map.placements first). */
function place(map: Projected, scope: MapScope, event: Event, width: number, height: number): Placement {
  const { country, admin1, lat, lon, geoPrecision } = event.location;
  let region: number;
  if (scope === 'world') region = map.regionIndex.get(country) ?? UNPLACED;
  else if (!PROVINCE_MAP_COUNTRIES.includes(country)) region = OFF_MAP;
  else region = (admin1 ? map.regionIndex.get(`${country}:${normaliseProvince(admin1)}`) : undefined) ?? UNPLACED;
  let cell = -1;
  if (lat !== undefined && lon !== undefined && (geoPrecision === 'exact' || geoPrecision === 'near')) {
    const p = map.projection([lon, lat]);
    if (p && p[0] >= 0 && p[1] >= 0 && p[0] <= width && p[1] <= height) {
      // One dot per 3-pixel cell: many events at one place are one dot that says how many.
      const number = Math.round(p[0] / 3) * 100_000 + Math.round(p[1] / 3);
      cell = map.cells.get(number) ?? map.cells.size;
      if (cell === map.cells.size) map.cells.set(number, cell);
      map.positions.set(event, { x: Math.round(p[0] * 10) / 10, y: Math.round(p[1] * 10) / 10 });
    }
  }
  const placement = (cell + 1) * regionSlots(map) + region + 2;
  map.placements.set(event, placement);
  return placement;
}

function regionSlots(map: Projected): number {
  return map.regionKeys.length + 2;
}

interface Dot {
  x: number;
  y: number;
  count: number;
  /** The first few events here, for the tooltip. */
  first: Event[];
}

/**
 * Counts events per region and per dot. The per-event loop is a function of its own with nothing
 * after it, so the engine compiles it whole and keeps it compiled across filter changes.
 */
function tally(events: readonly Event[], map: Projected, scope: MapScope, policy: ImprecisionPolicy, width: number, height: number): { counts: Float64Array; coverage: Coverage; dots: Dot[] } {
  // Made before the loop: the loop's function must do nothing after it but return.
  const result = { counts: new Float64Array(map.regionKeys.length), coverage: emptyCoverage(policy), dots: [] as Dot[] };
  const { counts, coverage, dots } = result;
  // Dot of each cell (index + 1 into dots; 0: none yet). Sized for every cell known before plus
  // one new cell per event at most, since placing an event may find a new cell.
  const dotOfCell = new Int32Array(map.cells.size + events.length);
  const slots = regionSlots(map);
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    coverage.total++;
    const p = map.placements.get(event) ?? place(map, scope, event, width, height);
    const region = (p % slots) - 2;
    const cell = Math.floor(p / slots) - 1;
    if (region >= 0) {
      counts[region]! += 1;
    } else if (region === OFF_MAP) {
      coverage.notApplicable++;
    } else if (scope === 'af-pk' && policy === 'spread') {
      const provinces = map.provincesOf.get(event.location.country)!;
      for (const province of provinces) counts[province]! += 1 / provinces.length;
      coverage.approximate++;
      coverage.approximateFor.place++;
    } else {
      coverage.excluded++;
      coverage.excludedFor.place++;
    }
    if (cell < 0) continue;
    const dot = dotOfCell[cell]!;
    if (dot === 0) {
      const { x, y } = map.positions.get(event)!;
      dots.push({ x, y, count: 1, first: [event] });
      dotOfCell[cell] = dots.length;
    } else {
      const d = dots[dot - 1]!;
      d.count++;
      if (d.first.length < 3) d.first.push(event);
    }
  }
  return result;
}

/**
 * Counts events per region and projects the boundaries. On the province map an event without a
 * province (or one the boundary data does not know) is left out, or with the 'spread' policy
 * shared evenly over its country's provinces; 'first' has no meaning for places and leaves it out.
 */
export function buildMap(events: readonly Event[], scope: MapScope, policy: ImprecisionPolicy, width = 800, height = 560): MapModel {
  const boundaries = scope === 'world' ? worldCountries() : afPkProvinces();
  const map = projected(scope, boundaries, width, height);
  const { counts, coverage, dots } = tally(events, map, scope, policy, width, height);
  let max = 0;
  for (const count of counts) max = Math.max(max, count);
  const regions = boundaries
    .map((b, i) => {
      const count = counts[map.boundaryRegion[i]!]!;
      return { key: b.key, name: b.name, d: map.paths[i]!, count, fill: fillFor(count, max) };
    })
    .filter((r) => r.d !== '');
  const drawn = busiest(dots, MAP_DOT_LIMIT);
  const points: MapPoint[] = drawn.map((dot) => ({
    x: dot.x,
    y: dot.y,
    count: dot.count,
    title: dot.first.map((e) => `${e.title} (${e.date.value})`).join('\n') + (dot.count > 3 ? `\n… and ${dot.count - 3} more` : ''),
  }));
  const hidden = dots.length - drawn.length;
  return { scope, title: `Events: ${MAP_SCOPE_LABELS[scope]}`, width, height, regions, points, ...(hidden > 0 ? { hiddenPoints: hidden } : {}), max, coverage, attribution: BOUNDARY_ATTRIBUTION };
}

/**
 * One row per region with events, most first: a province or country drawn as several shapes
 * (Parwan, Uruzgan) is one row, not one per shape. For tables of the map's numbers.
 */
export function regionTotals(map: Pick<MapModel, 'regions'>): { key: string; name: string; count: number }[] {
  const seen = new Map<string, { key: string; name: string; count: number }>();
  for (const r of map.regions) if (r.count > 0 && !seen.has(r.key)) seen.set(r.key, { key: r.key, name: r.name, count: r.count });
  return [...seen.values()].sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
}

/** The `limit` dots with the most events (ties: the first found), in the order they were found. */
function busiest(dots: Dot[], limit: number): Dot[] {
  if (dots.length <= limit) return dots;
  const kept = dots
    .map((dot, i) => ({ dot, i }))
    .sort((a, b) => b.dot.count - a.dot.count || a.i - b.i)
    .slice(0, limit)
    .sort((a, b) => a.i - b.i);
  return kept.map((k) => k.dot);
}
