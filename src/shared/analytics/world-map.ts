import type { Event } from '../domain/event';
import { admin1Areas, admin1AreasOf, admin1Index } from './boundaries/admin1';
import boundsByCountry from './boundaries/country-bounds.json';
import type { ImprecisionPolicy } from './imprecision';

/**
 * The world map's numbers, counted in main from the events the filter selects: events per
 * country and per admin-1 area (exact whole numbers; the 'spread' policy's shares of events
 * without an area are a separate estimate), and the places with coordinates as cluster input.
 * The renderer loads shapes and clusters; it never sees the events.
 */

/** Most places (distinct coordinates) sent to the renderer: the busiest are kept, the rest counted. */
export const WORLD_MAP_POINT_LIMIT = 20_000;
/** Coordinates are merged into places at 4 decimals (about 11 m). */
const PLACE_DECIMALS = 1e4;

export interface CountryCount {
  /** ISO 3166-1 alpha-2. */
  country: string;
  events: number;
  /** Of those, events in no admin-1 area the boundary data knows (none given, or a name it lacks). */
  withoutArea: number;
  /** Of those, events with coordinates (drawn as points). */
  withCoordinates: number;
}

export interface AreaCount {
  country: string;
  /** The area's name as Natural Earth spells it. */
  name: string;
  /** admin1Key: what the area's shapes are matched on. */
  key: string;
  /** Events placed in this area: exact. */
  events: number;
  /** Under 'spread': this area's even share of its country's events without an area (an estimate, may have decimals). */
  spread: number;
}

export interface MapPlace {
  lon: number;
  lat: number;
  events: number;
}

/** How the events are grouped on the map, so every "N places" says what a place is. */
export interface MapGroups {
  /** Events the filter selected. */
  events: number;
  /** Events in a known admin-1 area, the areas they are in, and the countries of those. */
  inAreas: number;
  areas: number;
  areaCountries: number;
  /** Events with a country but no admin-1 area the boundary data knows. */
  countryOnly: number;
  /** Events without a country. */
  withoutPlace: number;
  /** Events drawn as points (exact or near coordinates), and the distinct places they are at. */
  withCoordinates: number;
  places: number;
  /** Places not sent because WORLD_MAP_POINT_LIMIT were sent already (the quietest). */
  hiddenPlaces: number;
  /** Events whose 'spread' shares are in AreaCount.spread (0 under other policies). */
  spreadEvents: number;
}

export interface WorldMapData {
  policy: ImprecisionPolicy;
  /** Most events first. */
  countries: CountryCount[];
  /** Areas with events (or a spread share), most events first. */
  areas: AreaCount[];
  places: MapPlace[];
  /** [west, south, east, north] of what the events are known to cover, or null without any place. */
  bounds: [number, number, number, number] | null;
  groups: MapGroups;
}

/** Per event, worked out once (events are immutable: an edit replaces the object): its area (-1: none) and place (-1: none). */
interface Placement {
  area: number;
  place: number;
}

const placements = new WeakMap<Event, Placement>();
const placeIndex = new Map<string, number>();
const placeCoordinates: MapPlace[] = [];

function placeOf(event: Event): Placement {
  let placed = placements.get(event);
  if (placed) return placed;
  const { country, admin1, lat, lon, geoPrecision } = event.location;
  const area = country && admin1 ? admin1Index(country, admin1) : -1;
  let place = -1;
  if (lat !== undefined && lon !== undefined && (geoPrecision === 'exact' || geoPrecision === 'near')) {
    const rounded = { lon: Math.round(lon * PLACE_DECIMALS) / PLACE_DECIMALS, lat: Math.round(lat * PLACE_DECIMALS) / PLACE_DECIMALS };
    const key = `${rounded.lon},${rounded.lat}`;
    place = placeIndex.get(key) ?? placeCoordinates.length;
    if (place === placeCoordinates.length) {
      placeIndex.set(key, place);
      placeCoordinates.push({ ...rounded, events: 0 });
    }
  }
  placed = { area, place };
  placements.set(event, placed);
  return placed;
}

/** Counts per country, area and place: one pass, nothing after the loop but returning. */
function tally(events: readonly Event[]) {
  const result = { areaEvents: new Float64Array(admin1Areas().length), placeEvents: new Uint32Array(placeCoordinates.length + events.length), byCountry: new Map<string, CountryCount>(), withoutPlace: 0 };
  const { areaEvents, placeEvents, byCountry } = result;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const { area, place } = placeOf(event);
    if (place >= 0) placeEvents[place]!++;
    const country = event.location.country;
    if (!country) {
      result.withoutPlace++;
      continue;
    }
    let c = byCountry.get(country);
    if (!c) byCountry.set(country, (c = { country, events: 0, withoutArea: 0, withCoordinates: 0 }));
    c.events++;
    if (place >= 0) c.withCoordinates++;
    if (area >= 0) areaEvents[area]!++;
    else c.withoutArea++;
  }
  return result;
}

/**
 * The world map of `events`. Under 'spread' a country's events without an area are shared
 * evenly over its areas (kept apart from the exact counts); other policies leave them out of
 * the areas, and the groups say how many.
 */
export function worldMapData(events: readonly Event[], policy: ImprecisionPolicy): WorldMapData {
  const { areaEvents, placeEvents, byCountry, withoutPlace } = tally(events);
  const countries = [...byCountry.values()].sort((a, b) => b.events - a.events || a.country.localeCompare(b.country));
  const spreadShare = new Map<number, number>();
  let spreadEvents = 0;
  if (policy === 'spread') {
    for (const c of countries) {
      const own = admin1AreasOf(c.country);
      if (c.withoutArea === 0 || own.length === 0) continue;
      spreadEvents += c.withoutArea;
      for (const a of own) spreadShare.set(a, c.withoutArea / own.length);
    }
  }
  const all = admin1Areas();
  const areas: AreaCount[] = [];
  let inAreas = 0;
  const areaCountries = new Set<string>();
  for (let a = 0; a < all.length; a++) {
    const exact = areaEvents[a]!;
    const spread = spreadShare.get(a) ?? 0;
    if (exact === 0 && spread === 0) continue;
    areas.push({ ...all[a]!, events: exact, spread });
    inAreas += exact;
    if (exact > 0) areaCountries.add(all[a]!.country);
  }
  areas.sort((x, y) => y.events - x.events || y.spread - x.spread || x.country.localeCompare(y.country) || x.name.localeCompare(y.name));
  const used: MapPlace[] = [];
  let withCoordinates = 0;
  for (let p = 0; p < placeCoordinates.length; p++) {
    const n = placeEvents[p]!;
    if (n === 0) continue;
    withCoordinates += n;
    used.push({ ...placeCoordinates[p]!, events: n });
  }
  const places = used.length > WORLD_MAP_POINT_LIMIT ? [...used].sort((x, y) => y.events - x.events).slice(0, WORLD_MAP_POINT_LIMIT) : used;
  const countryOnly = countries.reduce((n, c) => n + c.withoutArea, 0);
  return {
    policy,
    countries,
    areas,
    places,
    bounds: dataBounds(used, countries),
    groups: { events: events.length, inAreas, areas: areas.filter((a) => a.events > 0).length, areaCountries: areaCountries.size, countryOnly, withoutPlace, withCoordinates, places: used.length, hiddenPlaces: used.length - places.length, spreadEvents },
  };
}

/** What the events cover: their coordinates, and the whole country of events known only to it (or its areas). */
function dataBounds(places: readonly MapPlace[], countries: readonly CountryCount[]): [number, number, number, number] | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const add = (lon: number, lat: number) => {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  };
  for (const p of places) add(p.lon, p.lat);
  for (const c of countries) {
    // Events known to the country or an area only: the country's whole extent (Natural Earth admin-1).
    const b = (boundsByCountry as Record<string, number[]>)[c.country];
    if (!b || c.withCoordinates === c.events) continue;
    add(b[0]!, b[1]!);
    add(b[2]!, b[3]!);
  }
  return w === Infinity ? null : [w, s, e, n];
}
