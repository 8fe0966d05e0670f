import { describe, expect, it } from 'vitest';
import { afPkProvinces, normaliseProvince, worldCountries } from '../../src/shared/analytics/boundaries';
import { buildMap } from '../../src/shared/analytics/map-model';
import { mapSvg } from '../../src/shared/analytics/svg';
import { FIXTURE_EVENTS } from './analytics-fixture';

const count = (map: ReturnType<typeof buildMap>, name: string) => map.regions.find((r) => r.name === name)?.count;

describe('offline boundaries', () => {
  it('bundles Afghan and Pakistani provinces and the world by ISO code', () => {
    // 34 shapes, 32 provinces as this Natural Earth edition draws them (before Daykundi and Panjshir were split off).
    expect(afPkProvinces().filter((b) => b.country === 'AF')).toHaveLength(34);
    expect(new Set(afPkProvinces().filter((b) => b.country === 'AF').map((b) => b.key)).size).toBe(32);
    expect(afPkProvinces().some((b) => b.key === 'PK:nwfp')).toBe(true);
    expect(worldCountries().find((c) => c.key === 'AF')?.name).toBe('Afghanistan');
    expect(normaliseProvince('Khyber Pakhtunkhwa')).toBe('nwfp');
  });
});

describe('choropleth counts', () => {
  it('counts events per province and leaves out those without one', () => {
    const map = buildMap(FIXTURE_EVENTS, 'af-pk', 'exclude');
    expect(count(map, 'Nangarhar')).toBe(2);
    expect(count(map, 'Kabul')).toBe(1);
    expect(count(map, 'N.W.F.P.')).toBe(1);
    expect(map.coverage).toMatchObject({ total: 6, excluded: 1, notApplicable: 1 });
    expect(map.max).toBe(2);
    // E1 has coordinates in Afghanistan; E6 (Moscow) is outside this map.
    expect(map.points).toHaveLength(1);
  });

  it('spreads an event without a province evenly over its country', () => {
    const map = buildMap(FIXTURE_EVENTS, 'af-pk', 'spread');
    const n = new Set(afPkProvinces().filter((b) => b.country === 'AF').map((b) => b.key)).size;
    expect(count(map, 'Kabul')).toBeCloseTo(1 + 1 / n, 9); // exact: its own event plus a share of the country-only one, not rounded
    expect(map.coverage).toMatchObject({ excluded: 0, approximate: 1 });
  });

  it('counts countries on the world map and draws a standalone SVG', () => {
    const map = buildMap(FIXTURE_EVENTS, 'world', 'exclude');
    expect(count(map, 'Afghanistan')).toBe(4);
    expect(count(map, 'Pakistan')).toBe(1);
    expect(count(map, 'Russia')).toBe(1);
    const svg = mapSvg(map);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title>Afghanistan: 4</title>');
  });
});
