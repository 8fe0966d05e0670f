import { normaliseProvince } from './index';

/**
 * Spellings data sources use for areas Natural Earth names otherwise, per country, after
 * normaliseProvince (lower case, letters only). Somaliland's regions are one shape in Natural
 * Earth, so events in them count there.
 */
const COUNTRY_ALIASES: Record<string, Record<string, string>> = {
  SO: {
    banadir: 'banaadir', benadir: 'banaadir', mogadishu: 'banaadir', lowershabelle: 'shabeellahahoose', middleshabelle: 'shabeellahadhexe',
    lowerjuba: 'jubbadahoose', middlejuba: 'jubbadadhexe', hiraan: 'hiiraan', galgaduud: 'galguduud', nugal: 'nugaal',
    awdal: 'somaliland', woqooyigalbeed: 'somaliland', togdheer: 'somaliland', sool: 'somaliland', sanaag: 'somaliland',
  },
};

/** The key an admin-1 area's shapes and counts are matched on: country and normalised name, spellings folded. */
export function admin1Key(country: string, name: string): string {
  const plain = normaliseProvince(name);
  return `${country}:${COUNTRY_ALIASES[country]?.[plain] ?? plain}`;
}
