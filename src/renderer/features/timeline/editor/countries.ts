import { currentCountryCode, currentCountryCodes } from '../../../../shared/places/countries';
import { countryName } from '../../../components/format';

let cached: Array<{ value: string; label: string }> | null = null;

/**
 * Every current ISO 3166-1 alpha-2 code as select options "Somalia (SO)". The list is ISO's, not
 * whatever the browser can name: withdrawn codes (DD, ZR) and groupings (EU, EZ) are not countries.
 */
export function countryOptions(keep?: string): Array<{ value: string; label: string }> {
  cached ??= currentCountryCodes()
    .map((code) => ({ value: code, label: `${countryName(code)} (${code})` }))
    .sort((x, y) => x.label.localeCompare(y.label));
  // A record saved with a withdrawn code keeps it, shown as such, until the analyst picks another.
  // A new event has no country until the analyst (or the case's most frequent one) gives it.
  if (keep === '') return [{ value: '', label: 'Choose a country' }, ...cached];
  const mapped = keep ? currentCountryCode(keep) : null;
  if (!keep || (mapped && !mapped.retired)) return cached;
  const note = mapped?.retired ? `withdrawn code (${mapped.retired.was}); today ${mapped.code}` : 'not an ISO 3166-1 code';
  return [{ value: keep, label: `${keep} (${note})` }, ...cached];
}
