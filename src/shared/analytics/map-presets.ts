import type { CountryCount } from './world-map';

/**
 * The Map view's presets, made from the data, largest first: every country the events are in,
 * and each group of neighbouring countries that all have events (a conflict across
 * a border reads as one region). Fit-to-data comes first and is the default; World comes last.
 */

export interface MapPreset {
  id: string;
  label: string;
  /** The countries the view fits (ISO alpha-2); empty for 'fit' (the data's bounds) and 'world'. */
  countries: string[];
  /** Events in those countries (for the label's count). */
  events: number;
}

/** Most presets offered, besides fit and world. */
export const MAP_PRESET_LIMIT = 24;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** A country's English name from its ISO alpha-2 code (the code itself when unknown). */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function joined(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Presets for `countries` (most events first). `neighbours(code)` lists the countries that share
 * a border with one; a region preset holds a country and its neighbours with events, named in
 * order of events, once per distinct set of countries.
 */
export function mapPresets(countries: readonly CountryCount[], neighbours: (code: string) => readonly string[]): MapPreset[] {
  const events = new Map(countries.map((c) => [c.country, c.events]));
  const regions: MapPreset[] = [];
  const seen = new Set<string>();
  for (const c of countries) {
    const members = [c.country, ...neighbours(c.country).filter((n) => events.has(n))].sort((a, b) => events.get(b)! - events.get(a)! || a.localeCompare(b));
    const id = `region:${[...members].sort().join('+')}`;
    if (members.length < 2 || seen.has(id)) continue;
    seen.add(id);
    regions.push({ id, label: joined(members.map(countryName)), countries: members, events: members.reduce((n, m) => n + events.get(m)!, 0) });
  }
  const single = countries.map((c): MapPreset => ({ id: `country:${c.country}`, label: countryName(c.country), countries: [c.country], events: c.events }));
  const total = countries.reduce((n, c) => n + c.events, 0);
  return [
    { id: 'fit', label: 'Fit to data', countries: [], events: total },
    // Largest first; a region has at least its largest country's events, so it comes before it.
    ...[...regions, ...single].sort((a, b) => b.events - a.events || b.countries.length - a.countries.length || a.label.localeCompare(b.label)).slice(0, MAP_PRESET_LIMIT),
    { id: 'world', label: 'World', countries: [], events: total },
  ];
}
