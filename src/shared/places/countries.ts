import countries from 'i18n-iso-countries';

/**
 * Country codes: the current ISO 3166-1 alpha-2 list (from i18n-iso-countries, which also carries
 * XK, the code in common use for Kosovo), and the codes ISO has withdrawn mapped to the code that
 * covers their place today, so old data lands on today's map.
 */
const CURRENT: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

/**
 * Withdrawn ISO 3166-1 codes (ISO 3166-3) and the current code that covers most of their area.
 * A country that split (CS, SU, YU, AN) goes to its largest successor; the import preview says so.
 */
export const RETIRED_COUNTRY_CODES: Readonly<Record<string, { current: string; was: string }>> = {
  AN: { current: 'CW', was: 'Netherlands Antilles' },
  BU: { current: 'MM', was: 'Burma' },
  CS: { current: 'RS', was: 'Serbia and Montenegro' },
  DD: { current: 'DE', was: 'German Democratic Republic' },
  DY: { current: 'BJ', was: 'Dahomey' },
  FX: { current: 'FR', was: 'Metropolitan France' },
  HV: { current: 'BF', was: 'Upper Volta' },
  NH: { current: 'VU', was: 'New Hebrides' },
  RH: { current: 'ZW', was: 'Southern Rhodesia' },
  SU: { current: 'RU', was: 'USSR' },
  TP: { current: 'TL', was: 'East Timor' },
  UK: { current: 'GB', was: 'United Kingdom (reserved code)' },
  VD: { current: 'VN', was: 'Democratic Republic of Vietnam' },
  YD: { current: 'YE', was: "People's Democratic Republic of Yemen" },
  YU: { current: 'RS', was: 'Yugoslavia' },
  ZR: { current: 'CD', was: 'Zaire' },
};

/** Every current alpha-2 code, sorted. */
export function currentCountryCodes(): string[] {
  return [...CURRENT].sort();
}

export function isCurrentCountryCode(code: string): boolean {
  return CURRENT.has(code);
}

/** What a code becomes: itself when current, its successor when withdrawn, null when neither. */
export type CountryCodeMapping = { code: string; retired?: { from: string; was: string } } | null;

export function currentCountryCode(code: string): CountryCodeMapping {
  const upper = code.trim().toUpperCase();
  if (CURRENT.has(upper)) return { code: upper };
  const retired = RETIRED_COUNTRY_CODES[upper];
  return retired ? { code: retired.current, retired: { from: upper, was: retired.was } } : null;
}

/** Counts withdrawn codes replaced while reading a file, for the import preview's notes. */
export class RetiredCodeTally {
  private readonly counts = new Map<string, number>();

  /** The current code for `code` (unchanged when already current or unknown), counting a replacement. */
  map(code: string): string {
    const mapped = currentCountryCode(code);
    if (!mapped) return code;
    if (mapped.retired) this.counts.set(mapped.retired.from, (this.counts.get(mapped.retired.from) ?? 0) + 1);
    return mapped.code;
  }

  notes(): string[] {
    return [...this.counts.entries()].map(([from, n]) => {
      const r = RETIRED_COUNTRY_CODES[from];
      return `${n.toLocaleString('en')} row${n === 1 ? '' : 's'} gave the withdrawn country code ${from} (${r?.was ?? from}); filed under ${r?.current ?? '?'}, the code that covers it today.`;
    });
  }
}
