import { countryName } from '../../../components/format';

let cached: Array<{ value: string; label: string }> | null = null;

/** Every ISO 3166-1 alpha-2 code the browser can name, as select options "Afghanistan (AF)". */
export function countryOptions(): Array<{ value: string; label: string }> {
  if (cached) return cached;
  const list: Array<{ value: string; label: string }> = [];
  const A = 65;
  for (let a = 0; a < 26; a++) {
    for (let b = 0; b < 26; b++) {
      const code = String.fromCharCode(A + a, A + b);
      const name = countryName(code);
      if (name !== code && !/unknown/i.test(name)) list.push({ value: code, label: `${name} (${code})` });
    }
  }
  cached = list.sort((x, y) => x.label.localeCompare(y.label));
  return cached;
}
