import { PLACE_SEARCH_MAX, type PlaceHit } from '../../../shared/places/place';
import { isCurrentCountryCode } from '../../../shared/places/countries';
import { gazetteerService } from '../../services/gazetteer-service';
import { StoreError } from '../../store/store-error';
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';

const USAGE = 'casefile places --search NAME [--country CC] [--limit N] [--json]';

/** One line per place: name, admin-1, country, latitude and longitude, population. */
function table(hits: PlaceHit[]): string {
  const width = (pick: (h: PlaceHit) => string) => Math.max(...hits.map((h) => pick(h).length));
  const nameWidth = width((h) => h.name);
  const adminWidth = width((h) => h.admin1 ?? '—');
  const rows = hits.map((h) =>
    [h.name.padEnd(nameWidth), (h.admin1 ?? '—').padEnd(adminWidth), h.country, h.lat.toFixed(5).padStart(9), h.lon.toFixed(5).padStart(10), h.population.toLocaleString('en').padStart(11)].join('  '),
  );
  return `${rows.join('\n')}\n`;
}

export const placesCommand: Command = {
  summary: 'look places up in the offline gazetteer (GeoNames places of 1,000 people or more): coordinates, country, admin-1',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['search', 'country', 'limit'] });
    const text = args.options.get('search')?.trim();
    if (!text || args.positionals.length > 0) throw new UsageError(`give the name to look for with --search\nusage: ${USAGE}`);
    const country = args.options.get('country')?.toUpperCase();
    if (country !== undefined && !isCurrentCountryCode(country)) throw new UsageError(`--country takes an ISO 3166-1 alpha-2 code such as SO or NG, not "${country}"`);
    const limitText = args.options.get('limit');
    const limit = limitText === undefined ? 10 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > PLACE_SEARCH_MAX) throw new UsageError(`--limit takes a whole number from 1 to ${PLACE_SEARCH_MAX}`);
    const found = await gazetteerService.search({ text, limit, ...(country ? { country } : {}) });
    if (!found.ok) throw new StoreError(found.error.code, found.error.message);
    if (args.flags.has('json')) return { stdout: `${JSON.stringify(found.value)}\n` };
    if (found.value.length === 0) return { stdout: '', stderr: `No place matches "${text}"${country ? ` in ${country}` : ''}.\n` };
    return { stdout: table(found.value) };
  },
};
