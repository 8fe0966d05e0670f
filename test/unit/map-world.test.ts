import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { admin1AreasOf, admin1Areas, admin1Index } from '../../src/shared/analytics/boundaries/admin1';
import { mapPresets } from '../../src/shared/analytics/map-presets';
import { choroplethClass, choroplethClasses, estimate, mapGroupsNote } from '../../src/shared/analytics/map-text';
import { worldMapData } from '../../src/shared/analytics/world-map';
import type { Event } from '../../src/shared/domain/event';

const event = (id: string, location: Event['location']): Event => ({
  id: `event--${id}`,
  title: id,
  category: 'attack',
  date: { value: '2024', precision: 'year' },
  location,
  scope: 'unknown',
  description: '',
  tags: [],
  marking: 'TLP:CLEAR',
  responsibility: [],
  citations: [],
});

const EVENTS: Event[] = [
  event('mog1', { country: 'SO', admin1: 'Banadir', lat: 2.03, lon: 45.3, geoPrecision: 'exact' }),
  event('mog2', { country: 'SO', admin1: 'Banaadir', lat: 2.03, lon: 45.3, geoPrecision: 'exact' }),
  event('kis', { country: 'SO', admin1: 'Lower Juba', lat: -0.36, lon: 42.54, geoPrecision: 'near' }),
  event('hargeisa', { country: 'SO', admin1: 'Woqooyi Galbeed', geoPrecision: 'admin1' }),
  event('so-only', { country: 'SO', geoPrecision: 'country' }),
  event('so-unknown-area', { country: 'SO', admin1: 'Nowhere Region', geoPrecision: 'admin1' }),
  event('mandera', { country: 'KE', admin1: 'North-Eastern', lat: 3.94, lon: 41.86, geoPrecision: 'admin2' }),
];

describe('admin-1 boundaries of every country (scripts/extract-admin1.mjs)', () => {
  const dir = new URL('../../src/shared/analytics/boundaries/admin1/', import.meta.url);
  it.each([
    ['SO', ['Banaadir', 'Bay', 'Jubbada Hoose', 'Somaliland']],
    ['ML', ['Gao', 'Kidal', 'Timbuktu', 'Mopti']],
    ['NG', ['Borno', 'Yobe', 'Adamawa', 'Lagos']],
    ['ET', ['Tigray', 'Amhara', 'Oromiya', 'Somali']],
    ['SY', ['Aleppo', 'Idlib', 'Ar Raqqah', 'Damascus']],
    ['AF', ['Kabul', 'Nangarhar', 'Kunar']],
    ['PK', ['Baluchistan', 'Punjab', 'Sind']],
  ])('%s ships its admin-1 shapes with their names, and counts know them', (country, names) => {
    const file = new URL(`${country}.json`, dir);
    expect(existsSync(file)).toBe(true);
    const asset = JSON.parse(readFileSync(file, 'utf8')) as { country: string; topologies: { type: string; objects: { admin1: { geometries: { properties: { name: string | null } }[] } } }[] };
    expect(asset.country).toBe(country);
    const shapeNames = asset.topologies.flatMap((t) => t.objects.admin1.geometries.map((g) => g.properties.name));
    for (const name of names) {
      expect(shapeNames).toContain(name);
      expect(admin1Index(country, name)).toBeGreaterThanOrEqual(0);
    }
    expect(asset.topologies.every((t) => t.type === 'Topology')).toBe(true);
  });

  it('has many countries, each small enough to load on its own', () => {
    const countries = new Set(admin1Areas().map((a) => a.country));
    expect(countries.size).toBeGreaterThan(200);
    for (const c of ['SO', 'KE', 'ML', 'NG', 'US', 'RU']) {
      const bytes = readFileSync(new URL(`${c}.json`, dir)).length;
      expect(bytes, c).toBeLessThan(120_000);
    }
  });

  it('folds common spellings onto Natural Earth names, and knows no area for a made-up name', () => {
    expect(admin1Index('SO', 'Banadir')).toBe(admin1Index('SO', 'Banaadir'));
    expect(admin1Index('SO', 'Lower Shabelle')).toBe(admin1Index('SO', 'Shabeellaha Hoose'));
    expect(admin1Index('SO', 'Awdal')).toBe(admin1Index('SO', 'Somaliland'));
    expect(admin1Index('SO', 'Nowhere Region')).toBe(-1);
    // A name is matched within its country only.
    expect(admin1Index('KE', 'Banadir')).toBe(-1);
  });
});

describe('world map counts (analytics:world-map)', () => {
  it('counts exact events per country and admin-1 area, and says how the rest are grouped', () => {
    const map = worldMapData(EVENTS, 'exclude');
    expect(map.countries.map((c) => [c.country, c.events, c.withoutArea, c.withCoordinates])).toEqual([
      ['SO', 6, 2, 3],
      ['KE', 1, 0, 0],
    ]);
    const count = (country: string, name: string) => map.areas.find((a) => a.country === country && a.name === name)?.events;
    expect(count('SO', 'Banaadir')).toBe(2);
    expect(count('SO', 'Jubbada Hoose')).toBe(1);
    expect(count('SO', 'Somaliland')).toBe(1);
    expect(count('KE', 'North-Eastern')).toBe(1);
    expect(map.areas.every((a) => a.spread === 0)).toBe(true);
    // Admin2 precision has coordinates but is not drawn as a point: only exact and near are.
    expect(map.groups).toEqual({ events: 7, inAreas: 5, areas: 4, areaCountries: 2, countryOnly: 2, withoutPlace: 0, withCoordinates: 3, places: 2, hiddenPlaces: 0, spreadEvents: 0 });
    expect(map.places).toEqual([
      { lon: 45.3, lat: 2.03, events: 2 },
      { lon: 42.54, lat: -0.36, events: 1 },
    ]);
    expect(mapGroupsNote(map.groups, 'exclude')).toBe(
      '7 events shown: 5 events in 4 admin-1 areas of 2 countries; 2 events with a country but no admin-1 area the boundary data knows, not in any area. 3 events with coordinates at 2 places (distinct coordinates), drawn as dots and clusters.',
    );
  });

  it('spread shares events without an area over their country as estimates, kept apart so exact rows add up', () => {
    const map = worldMapData(EVENTS, 'spread');
    const somali = admin1AreasOf('SO').length;
    const banaadir = map.areas.find((a) => a.name === 'Banaadir')!;
    expect(banaadir.events).toBe(2);
    expect(banaadir.spread).toBeCloseTo(2 / somali, 10);
    const shares = map.areas.filter((a) => a.country === 'SO').reduce((n, a) => n + a.spread, 0);
    expect(shares).toBeCloseTo(2, 10);
    expect(map.areas.reduce((n, a) => n + a.events, 0)).toBe(map.groups.inAreas);
    expect(map.groups.spreadEvents).toBe(2);
    expect(estimate(banaadir.spread)).toMatch(/^≈0\.\d\d$/);
    expect(mapGroupsNote(map.groups, 'spread')).toContain('2 of them shared evenly over their country\'s areas as estimates (≈)');
  });

  it('fits the data: coordinates, and whole countries for events known only to the country or an area', () => {
    expect(worldMapData([], 'exclude').bounds).toBeNull();
    const [w, s, e, n] = worldMapData(EVENTS, 'exclude').bounds!;
    // Somalia's and Kenya's extents (Kenya's one event has no drawn coordinates).
    expect(w).toBeLessThan(34);
    expect(e).toBeGreaterThan(51);
    expect(s).toBeLessThan(-4);
    expect(n).toBeGreaterThan(11);
    const located = worldMapData([EVENTS[0]!, EVENTS[2]!], 'exclude').bounds!;
    expect(located).toEqual([42.54, -0.36, 45.3, 2.03]);
  });

  it('keeps the answer bounded: at most WORLD_MAP_POINT_LIMIT places, the busiest, the rest counted', () => {
    const many = Array.from({ length: 20_005 }, (_, i) => event(`p${i}`, { country: 'NG', lat: 4 + (i % 1000) * 0.001, lon: 3 + Math.floor(i / 1000) * 0.001, geoPrecision: 'exact' }));
    many.push(event('busy', { country: 'NG', lat: 4, lon: 3, geoPrecision: 'exact' }));
    const map = worldMapData(many, 'exclude');
    expect(map.places).toHaveLength(20_000);
    expect(map.groups.places).toBe(20_005);
    expect(map.groups.hiddenPlaces).toBe(5);
    expect(map.places[0]).toEqual({ lon: 3, lat: 4, events: 2 });
  });
});

describe('map presets from the data', () => {
  const counts = [
    { country: 'AF', events: 40, withoutArea: 0, withCoordinates: 0 },
    { country: 'SO', events: 30, withoutArea: 0, withCoordinates: 0 },
    { country: 'PK', events: 10, withoutArea: 0, withCoordinates: 0 },
    { country: 'KE', events: 5, withoutArea: 0, withCoordinates: 0 },
    { country: 'DE', events: 1, withoutArea: 0, withCoordinates: 0 },
  ];
  const borders: Record<string, string[]> = { AF: ['PK', 'IR', 'TJ'], PK: ['AF', 'IN', 'IR'], SO: ['KE', 'ET', 'DJ'], KE: ['SO', 'ET', 'TZ'], DE: ['FR', 'PL'] };
  const presets = mapPresets(counts, (c) => borders[c] ?? []);

  it('starts with fit-to-data, ends with the world, and lists neighbouring regions and countries largest first', () => {
    expect(presets.map((p) => p.label)).toEqual(['Fit to data', 'Afghanistan and Pakistan', 'Afghanistan', 'Somalia and Kenya', 'Somalia', 'Pakistan', 'Kenya', 'Germany', 'World']);
    expect(presets.find((p) => p.label === 'Somalia and Kenya')).toMatchObject({ countries: ['SO', 'KE'], events: 35 });
  });

  it('offers no region of one country, and nothing but fit and world without data', () => {
    expect(presets.filter((p) => p.id.startsWith('region:')).every((p) => p.countries.length > 1)).toBe(true);
    expect(mapPresets([], () => []).map((p) => p.id)).toEqual(['fit', 'world']);
  });
});

describe('choropleth classes', () => {
  it('are whole-number ranges that cover the largest value', () => {
    expect(choroplethClasses(12)).toEqual([3, 5, 8, 10, 12]);
    expect(choroplethClasses(2)).toEqual([1, 2]);
    expect(choroplethClasses(0)).toEqual([]);
    const classes = choroplethClasses(12);
    expect(choroplethClass(0, classes)).toBe(-1);
    expect(choroplethClass(1, classes)).toBe(0);
    expect(choroplethClass(12, classes)).toBe(4);
    expect(choroplethClass(3.2, classes)).toBe(1);
  });
});

describe('the Markdown map table', () => {
  it('has one row per province (shapes merged), exact whole counts, spread shares marked ≈, and a total that adds up', async () => {
    const { buildMap } = await import('../../src/shared/analytics/map-model');
    const { reportMarkdown } = await import('../../src/main/services/report/markdown');
    const events = [
      event('parwan1', { country: 'AF', admin1: 'Parwan', geoPrecision: 'admin1' }),
      event('parwan2', { country: 'AF', admin1: 'Parwan', geoPrecision: 'admin1' }),
      event('kabul', { country: 'AF', admin1: 'Kabul', geoPrecision: 'admin1' }),
      event('af-only', { country: 'AF', geoPrecision: 'country' }),
    ];
    const markdown = (policy: 'exclude' | 'spread') =>
      reportMarkdown({ title: 'T', marking: 'TLP:CLEAR', blocks: [{ type: 'map', map: buildMap(events, 'af-pk', policy) }], footnotes: [], leftOut: [], size: { sections: [], pages: 1 } } as never);
    const exclude = markdown('exclude');
    expect(exclude.match(/^\| Parwan \|/gm)).toHaveLength(1);
    expect(exclude).toContain('| Parwan | 2 |');
    expect(exclude).toContain('| **Total** | 3 |');
    const spread = markdown('spread');
    // One event shared over Afghanistan's 32 provinces: 2 + 1/32 for Parwan, never rounded to a whole number.
    expect(spread).toContain('| Parwan | ≈2.03 |');
    expect(spread).toContain('| **Total** | 4 |');
  });
});
