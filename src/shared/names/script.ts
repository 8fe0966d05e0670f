/**
 * The script a name is written in, as an ISO 15924 code, as far as matching and display care:
 * 'mixed' when two scripts each hold a third or more of its letters, 'other' when it has no
 * letter of a script listed here.
 */
export type NameScript = string;

/**
 * Scripts analysts meet in names, by ISO 15924 code. JavaScript's \p{Script=…} takes these codes
 * as aliases, so each test is the Unicode Script property itself. Han, kana and Hangul are listed
 * by their own codes (Hani, Hira, Kana, Hang).
 */
const SCRIPTS = [
  'Latn', 'Arab', 'Cyrl', 'Ethi', 'Hebr', 'Deva', 'Beng', 'Guru', 'Gujr', 'Orya', 'Taml', 'Telu', 'Knda', 'Mlym', 'Sinh',
  'Thaa', 'Syrc', 'Tfng', 'Nkoo', 'Adlm', 'Vaii', 'Grek', 'Armn', 'Geor', 'Thai', 'Laoo', 'Khmr', 'Mymr', 'Tibt', 'Mong',
  'Hani', 'Hira', 'Kana', 'Hang',
] as const;

const TESTS = SCRIPTS.map((code) => [code, new RegExp(`\\p{Script=${code}}`, 'u')] as const);

/** Scripts written right to left. */
const RIGHT_TO_LEFT = /[\p{Script=Arab}\p{Script=Hebr}\p{Script=Syrc}\p{Script=Thaa}\p{Script=Nkoo}\p{Script=Adlm}]/u;

/** The ISO 15924 code of one letter's script, or 'other'. */
export function scriptOfLetter(char: string): string {
  for (const [code, test] of TESTS) if (test.test(char)) return code;
  return 'other';
}

/** The script most of the letters of `text` are in; 'mixed' when two scripts each hold a third or more. */
export function detectScript(text: string): NameScript {
  const counts = new Map<string, number>();
  let total = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    const code = scriptOfLetter(char);
    counts.set(code, (counts.get(code) ?? 0) + 1);
    total++;
  }
  if (total === 0) return 'other';
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (second && second[1] * 3 >= total) return 'mixed';
  return first?.[0] ?? 'other';
}

/** True when the text holds right-to-left letters (Arabic, Hebrew, Syriac, Thaana, N'Ko, Adlam), so views give it `dir="auto"`. */
export function isRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text);
}
