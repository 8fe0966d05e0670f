import { normaliseName, wholeNameKeys } from '../names';
import type { PlaceHit, PlaceQuery } from './place';

export const GAZETTEER_MAGIC = '#casefile-gazetteer 1';
const DEFAULT_LIMIT = 10;
const KEY_SLICE = 10_000;

/**
 * How well a place's name matches the query, best first. A name spelled as typed (marks and case
 * aside) beats one that only meets it through transliteration or folded spelling variants
 * (Могадишо → Mogadishu); a whole name beats a prefix, a prefix of the name a prefix of a later word.
 */
const enum Match {
  Exact = 0,
  Prefix = 1,
  WordPrefix = 2,
  FoldedExact = 3,
  FoldedPrefix = 4,
  None = 5,
}

/**
 * Folded keys collapse vowels, so Latin text meets many unrelated names through them (Kismayo ~
 * Çeşme): a Latin query uses them only when no name matches as typed, and from this many letters.
 */
const FOLDED_MIN_LATIN = 4;

/**
 * The gazetteer's places in columns (135,000 rows), with each name's normalised and folded keys
 * computed once, searched by a scan: a few milliseconds a query, so no tree is worth its memory.
 */
export class Gazetteer {
  private constructor(
    private readonly names: string[],
    private readonly keys: string[],
    private readonly folded: string[],
    private readonly countries: string[],
    private readonly admin1: Uint16Array,
    private readonly admin1Names: string[],
    private readonly lat: Float64Array,
    private readonly lon: Float64Array,
    private readonly population: Uint32Array,
  ) {}

  get size(): number {
    return this.names.length;
  }

  /**
   * Reads the text `scripts/build-gazetteer.mjs` writes; throws on anything else. Keying every
   * name takes a few seconds, so it runs in slices with `pause()` between them (main keeps
   * answering IPC meanwhile).
   */
  static async load(text: string, pause: () => Promise<void> = () => Promise.resolve()): Promise<Gazetteer> {
    const lines = text.split('\n');
    if (!lines[0]?.startsWith(GAZETTEER_MAGIC)) throw new Error('not a Casefile gazetteer file');
    const admin1Names = (lines[1] ?? '').split('\t');
    const rows = lines.slice(2).filter((line) => line.length > 0);
    const names: string[] = [];
    const countries: string[] = [];
    const admin1 = new Uint16Array(rows.length);
    const lat = new Float64Array(rows.length);
    const lon = new Float64Array(rows.length);
    const population = new Uint32Array(rows.length);
    rows.forEach((line, i) => {
      const [name = '', country = '', admin = '0', y = '0', x = '0', pop = '0'] = line.split('\t');
      names.push(name);
      countries.push(country);
      admin1[i] = Number(admin);
      lat[i] = Number(y);
      lon[i] = Number(x);
      population[i] = Number(pop);
    });
    const keys: string[] = [];
    const folded: string[] = [];
    for (let start = 0; start < names.length; start += KEY_SLICE) {
      for (const name of names.slice(start, start + KEY_SLICE)) {
        keys.push(normaliseName(name));
        folded.push(wholeNameKeys(name).folded);
      }
      await pause();
    }
    return new Gazetteer(names, keys, folded, countries, admin1, admin1Names, lat, lon, population);
  }

  /** Places whose name matches the text, best match first, then the most populous. */
  search(query: PlaceQuery): PlaceHit[] {
    const key = normaliseName(query.text);
    if (!key) return [];
    const latin = /^[a-z0-9 ]+$/.test(key);
    const folded = wholeNameKeys(query.text).folded;
    const limit = query.limit ?? DEFAULT_LIMIT;
    let found = this.scan(query.country, key, latin ? '' : folded);
    if (found.length === 0 && latin && key.length >= FOLDED_MIN_LATIN) found = this.scan(query.country, key, folded);
    found.sort((a, b) => a.match - b.match || (this.population[b.row] ?? 0) - (this.population[a.row] ?? 0));
    const hits: PlaceHit[] = [];
    const seen = new Set<string>();
    for (const { row } of found) {
      const hit = this.hit(row);
      const same = `${hit.name}\u0000${hit.country}\u0000${hit.admin1 ?? ''}`;
      if (seen.has(same)) continue; // a city's districts under its own name: the largest speaks for them
      seen.add(same);
      hits.push(hit);
      if (hits.length >= limit) break;
    }
    return hits;
  }

  /**
   * The place called exactly this (marks, case and spelling variants aside) in the country, the
   * most populous when several are; for filling rows of an import, where a prefix is no match.
   */
  lookUp(name: string, country?: string): PlaceHit | undefined {
    const key = normaliseName(name);
    if (!key) return undefined;
    const found = this.scan(country, key, wholeNameKeys(name).folded).filter((f) => f.match === Match.Exact || f.match === Match.FoldedExact);
    found.sort((a, b) => a.match - b.match || (this.population[b.row] ?? 0) - (this.population[a.row] ?? 0));
    return found[0] ? this.hit(found[0].row) : undefined;
  }

  private scan(country: string | undefined, key: string, folded: string): Array<{ row: number; match: Match }> {
    const found: Array<{ row: number; match: Match }> = [];
    for (let row = 0; row < this.names.length; row++) {
      if (country && this.countries[row] !== country) continue;
      const match = this.match(row, key, folded);
      if (match !== Match.None) found.push({ row, match });
    }
    return found;
  }

  private match(row: number, key: string, folded: string): Match {
    const name = this.keys[row] ?? '';
    if (name === key) return Match.Exact;
    if (name.startsWith(key)) return Match.Prefix;
    if (name.includes(` ${key}`)) return Match.WordPrefix;
    const rowFolded = this.folded[row] ?? '';
    if (folded) {
      if (rowFolded === folded) return Match.FoldedExact;
      if (rowFolded.startsWith(folded)) return Match.FoldedPrefix;
    }
    return Match.None;
  }

  private hit(row: number): PlaceHit {
    const admin = this.admin1[row] ?? 0;
    const admin1 = admin > 0 ? this.admin1Names[admin - 1] : undefined;
    return {
      name: this.names[row] ?? '',
      country: this.countries[row] ?? '',
      ...(admin1 ? { admin1 } : {}),
      lat: this.lat[row] ?? 0,
      lon: this.lon[row] ?? 0,
      population: this.population[row] ?? 0,
    };
  }
}
