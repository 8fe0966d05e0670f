import type { Location } from '../../domain/event';
import type { PlaceHit } from '../../places/place';

/** Finds the place called exactly `name` in `country` (the gazetteer's `lookUp`). */
export type FindPlace = (name: string, country: string) => PlaceHit | undefined;

const UNFOUND_SHOWN = 10;

/**
 * "Look up places" in the CSV import: a row with a place but no coordinates gets the gazetteer's
 * coordinates (precision "near": a populated place's centre) and, when it has none, its admin-1.
 * Counts what it filled and what it could not find, for the preview.
 */
export class CsvPlaceLookup {
  private readonly cache = new Map<string, PlaceHit | undefined>();
  private filled = 0;
  private readonly unfound = new Map<string, number>();

  constructor(private readonly find: FindPlace) {}

  /** The location with what the gazetteer knows added; unchanged when the row has coordinates. */
  fill(location: Location): Location {
    if (!location.place || (location.lat !== undefined && location.lon !== undefined)) return location;
    const key = `${location.country}\u0000${location.place}`;
    if (!this.cache.has(key)) this.cache.set(key, this.find(location.place, location.country));
    const hit = this.cache.get(key);
    if (!hit) {
      this.unfound.set(`${location.place} (${location.country})`, (this.unfound.get(`${location.place} (${location.country})`) ?? 0) + 1);
      return location;
    }
    this.filled++;
    return { ...location, lat: hit.lat, lon: hit.lon, ...(location.admin1 || !hit.admin1 ? {} : { admin1: hit.admin1 }), geoPrecision: 'near' };
  }

  notes(): string[] {
    const notes: string[] = [];
    const rows = (n: number) => `${n.toLocaleString('en')} row${n === 1 ? '' : 's'}`;
    if (this.filled > 0) notes.push(`${rows(this.filled)} got coordinates (precision "near") from the place list.`);
    if (this.unfound.size > 0) {
      const count = [...this.unfound.values()].reduce((a, b) => a + b, 0);
      const names = [...this.unfound.entries()].sort((a, b) => b[1] - a[1]).slice(0, UNFOUND_SHOWN).map(([name]) => name);
      notes.push(`${rows(count)} name${count === 1 ? 's' : ''} a place the place list does not have, and keep no coordinates: ${names.join(', ')}${this.unfound.size > UNFOUND_SHOWN ? ` and ${this.unfound.size - UNFOUND_SHOWN} more` : ''}.`);
    }
    return notes;
  }
}
