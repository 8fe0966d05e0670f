import namesByCountry from './admin1-names.json';
import { admin1Key } from './admin1-key';

/**
 * Every country's admin-1 areas (Natural Earth 1:10m, extracted by scripts/extract-admin1.mjs)
 * by name only: enough for main to count events per area without loading any shape. The shapes
 * are one file per country (admin1/XX.json), loaded by the renderer for the countries it draws.
 */

/** One admin-1 area: its country (ISO alpha-2) and the name Natural Earth gives it. */
export interface Admin1Area {
  country: string;
  name: string;
  /** admin1Key of the area (what shapes are matched on). */
  key: string;
}

const areas: Admin1Area[] = [];
const indexByKey = new Map<string, number>();
const areasOfCountry = new Map<string, number[]>();
for (const [country, names] of Object.entries(namesByCountry as Record<string, string[]>)) {
  const own: number[] = [];
  for (const name of names) {
    const key = admin1Key(country, name);
    // Natural Earth spells a few areas two ways in one country; the first spelling names the area.
    if (indexByKey.has(key)) continue;
    indexByKey.set(key, areas.length);
    own.push(areas.length);
    areas.push({ country, name, key });
  }
  areasOfCountry.set(country, own);
}

/** Every admin-1 area, indexed by admin1Index. */
export function admin1Areas(): readonly Admin1Area[] {
  return areas;
}

/** The area an event's country and admin-1 name fall in, or -1 when Natural Earth has no such area. */
export function admin1Index(country: string, name: string): number {
  return indexByKey.get(admin1Key(country, name)) ?? -1;
}

/** Indexes of a country's areas (empty when the boundary data has none for it). */
export function admin1AreasOf(country: string): readonly number[] {
  return areasOfCountry.get(country) ?? [];
}

/** Countries with admin-1 shapes (ISO alpha-2). */
export function countriesWithAdmin1(): string[] {
  return [...areasOfCountry.keys()];
}
