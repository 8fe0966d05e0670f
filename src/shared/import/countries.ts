import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json';
import { currentCountryCode } from '../places/countries';
import { foldName } from './text';

countries.registerLocale(en);

/**
 * Names the datasets use that the ISO list does not (ACLED's and GTD's spellings, and GTD's
 * countries that no longer exist, mapped to their ISO 3166-3 former codes or successor).
 */
const EXTRA_NAMES: Record<string, string> = {
  syria: 'SY',
  'democratic republic of congo': 'CD',
  'democratic republic of the congo': 'CD',
  'republic of congo': 'CG',
  "people's republic of the congo": 'CG',
  'west bank and gaza strip': 'PS',
  'west bank': 'PS',
  'gaza strip': 'PS',
  'bosnia-herzegovina': 'BA',
  macedonia: 'MK',
  'north macedonia': 'MK',
  'east timor': 'TL',
  'ivory coast': 'CI',
  "cote d'ivoire": 'CI',
  eswatini: 'SZ',
  swaziland: 'SZ',
  'cape verde': 'CV',
  'vatican city': 'VA',
  'south korea': 'KR',
  'north korea': 'KP',
  laos: 'LA',
  moldova: 'MD',
  bolivia: 'BO',
  venezuela: 'VE',
  tanzania: 'TZ',
  micronesia: 'FM',
  'st. lucia': 'LC',
  'st. kitts and nevis': 'KN',
  'caribbean netherlands': 'BQ',
  'saint-martin': 'MF',
  'sint maarten': 'SX',
  'falkland islands': 'FK',
  'soviet union': 'SU',
  yugoslavia: 'YU',
  czechoslovakia: 'CS',
  'serbia-montenegro': 'CS',
  'serbia and montenegro': 'CS',
  'east germany (gdr)': 'DD',
  'west germany (frg)': 'DE',
  zaire: 'CD',
  rhodesia: 'ZW',
  'south vietnam': 'VN',
  'north yemen': 'YE',
  'south yemen': 'YE',
  'new hebrides': 'VU',
  'western sahara': 'EH',
  kosovo: 'XK',
};

let folded: Map<string, string> | null = null;

/** Every English name and alias of every country, folded, once. */
function foldedNames(): Map<string, string> {
  if (folded) return folded;
  const map = new Map<string, string>();
  const all = countries.getNames('en', { select: 'all' });
  for (const [code, names] of Object.entries(all)) {
    for (const name of names) map.set(foldName(name), code);
  }
  for (const [name, code] of Object.entries(EXTRA_NAMES)) map.set(name, code);
  folded = map;
  return map;
}

/** ISO 3166-1 numeric (ACLED's `iso`, e.g. "4" or "004") to alpha-2, or null when unknown. */
export function alpha2FromNumeric(code: string): string | null {
  const trimmed = code.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  return countries.numericToAlpha2(trimmed.padStart(3, '0')) ?? null;
}

/** An English country name (ACLED's `country`, GTD's `country_txt`) to alpha-2, or null. */
export function alpha2FromName(name: string): string | null {
  const key = foldName(name);
  if (!key) return null;
  const code = foldedNames().get(key);
  // Names of countries that are gone map to their former code; the case files today's.
  return code === undefined ? null : (currentCountryCode(code)?.code ?? code);
}

/** An alpha-2 (current or withdrawn) or alpha-3 code, or a name, to a current alpha-2 (the generic CSV mapping's country column). */
export function alpha2FromAny(text: string): string | null {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = currentCountryCode(trimmed);
    if (code) return code.code;
  }
  if (/^[A-Za-z]{3}$/.test(trimmed)) {
    const code = countries.alpha3ToAlpha2(trimmed.toUpperCase());
    if (code) return code;
  }
  return alpha2FromNumeric(trimmed) ?? alpha2FromName(trimmed);
}
