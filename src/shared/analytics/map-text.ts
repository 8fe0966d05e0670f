import type { ImprecisionPolicy } from './imprecision';
import type { MapGroups } from './world-map';

/**
 * What the map's numbers mean, in words: every count says what it counts (events, admin-1 areas,
 * countries, places with coordinates), exact numbers are printed whole, and estimates (the
 * 'spread' policy's shares) carry "≈" so nobody adds them up as counts.
 */

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

/** An exact count, grouped by thousands. */
export function exact(n: number): string {
  return whole.format(n);
}

/** An estimated share: "≈" and two decimals (three below 0.01, so no share prints as zero). */
export function estimate(n: number): string {
  return `≈${n > 0 && n < 0.01 ? n.toFixed(3) : n.toFixed(2)}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${exact(n)} ${n === 1 ? one : many}`;
}

/** How the events are grouped on the map, e.g. "40 events in 12 admin-1 areas of 3 countries; …". */
export function mapGroupsNote(g: MapGroups, policy: ImprecisionPolicy): string {
  const parts = [`${plural(g.inAreas, 'event')} in ${plural(g.areas, 'admin-1 area')} of ${plural(g.areaCountries, 'country', 'countries')}`];
  if (g.countryOnly > 0) {
    const fate = policy === 'spread' ? (g.spreadEvents > 0 ? `; ${exact(g.spreadEvents)} of them shared evenly over their country's areas as estimates (≈)` : '') : ', not in any area';
    parts.push(`${plural(g.countryOnly, 'event')} with a country but no admin-1 area the boundary data knows${fate}`);
  }
  if (g.withoutPlace > 0) parts.push(`${plural(g.withoutPlace, 'event')} without a place`);
  const dots = `${plural(g.withCoordinates, 'event')} with coordinates at ${plural(g.places, 'place')} (distinct coordinates), drawn as dots and clusters${g.hiddenPlaces > 0 ? `; the ${exact(g.hiddenPlaces)} places with the fewest events are not drawn` : ''}`;
  return `${plural(g.events, 'event')} shown: ${parts.join('; ')}. ${dots}.`;
}

/** Upper bounds of the choropleth's five classes for counts up to `max` (whole numbers, rising; fewer when max is small). */
export function choroplethClasses(max: number): number[] {
  if (max <= 0) return [];
  const top = Math.ceil(max);
  const bounds = [1, 2, 3, 4, 5].map((i) => Math.ceil((top * i) / 5));
  return [...new Set(bounds)];
}

/** The class (0-based) of a value; -1 for none. */
export function choroplethClass(value: number, classes: readonly number[]): number {
  if (value <= 0) return -1;
  const i = classes.findIndex((upper) => value <= upper);
  return i < 0 ? classes.length - 1 : i;
}
