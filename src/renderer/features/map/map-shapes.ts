import { geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, neighbors } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import { admin1Key } from '../../../shared/analytics/boundaries/admin1-key';
import boundsByCountry from '../../../shared/analytics/boundaries/country-bounds.json';
import alpha2ByNumeric from '../../../shared/analytics/boundaries/world-110m-alpha2.json';
import { baseProjection } from './viewport';

/**
 * The shapes the Map view draws, as SVG path data in base pixels (viewport.ts): country outlines
 * from world-atlas (Natural Earth 1:110m), and admin-1 areas (Natural Earth 1:10m, one file per
 * country made by scripts/extract-admin1.mjs) loaded only for the countries the data is in.
 */

export interface Shape {
  /** ISO alpha-2 of the country. */
  country: string;
  /** The country's or the area's name as Natural Earth spells it. */
  name: string;
  /** What counts are matched on: the country code for outlines, admin1Key for areas. */
  key: string;
  d: string;
}

const path = geoPath(baseProjection);

interface WorldShapes {
  countries: Shape[];
  neighbours: Map<string, string[]>;
}

let worldShapes: WorldShapes | null = null;

/** Country outlines and which countries share a border (from the shared arcs of world-atlas). */
export function worldOutlines(): WorldShapes {
  if (worldShapes) return worldShapes;
  const topology = world as unknown as Topology;
  const collection = topology.objects.countries as GeometryCollection<{ name?: string }>;
  const codes = collection.geometries.map((g) => (alpha2ByNumeric as Record<string, string>)[String(g.id ?? '')] ?? '');
  const features = (feature(topology, collection) as FeatureCollection<Geometry, { name?: string }>).features;
  const countries = features.map((f, i) => ({ country: codes[i]!, key: codes[i]!, name: f.properties?.name ?? codes[i]!, d: path(f) ?? '' })).filter((s) => s.d !== '');
  const neighbours = new Map<string, string[]>();
  neighbors(collection.geometries).forEach((list, i) => {
    if (codes[i]) neighbours.set(codes[i], list.map((j) => codes[j]!).filter(Boolean));
  });
  worldShapes = { countries, neighbours };
  return worldShapes;
}

/** A country's [west, south, east, north] from its admin-1 shapes, or null when unknown. */
export function countryBounds(code: string): [number, number, number, number] | null {
  const b = (boundsByCountry as Record<string, number[]>)[code];
  return b && b.length === 4 ? [b[0]!, b[1]!, b[2]!, b[3]!] : null;
}

interface Admin1File {
  country: string;
  topologies: Topology[];
}

const admin1Cache = new Map<string, Promise<Shape[]>>();

/** A country's admin-1 shapes, loaded on first use (a separate chunk per country); [] when it has none. */
export function admin1Shapes(code: string): Promise<Shape[]> {
  if (!/^[A-Z]{2}$/.test(code) || !countryBounds(code)) return Promise.resolve([]);
  let loading = admin1Cache.get(code);
  if (!loading) {
    loading = import(`../../../shared/analytics/boundaries/admin1/${code}.json`).then((module: { default: Admin1File }) =>
      module.default.topologies.flatMap((t) => {
        const collection = feature(t, t.objects.admin1 as GeometryCollection<{ name: string | null }>) as FeatureCollection<Geometry, { name: string | null }>;
        return collection.features.flatMap((f: Feature<Geometry, { name: string | null }>) => {
          const d = path(f);
          return d && f.properties.name ? [{ country: code, name: f.properties.name, key: admin1Key(code, f.properties.name), d }] : [];
        });
      }),
    );
    // A failed load is not cached: the next draw tries again.
    loading.catch(() => admin1Cache.delete(code));
    admin1Cache.set(code, loading);
  }
  return loading;
}
