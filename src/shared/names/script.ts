/** The scripts a name can be written in, as far as matching cares. */
export type NameScript = 'Latn' | 'Arab' | 'Cyrl' | 'mixed' | 'other';

const ARABIC = /\p{Script=Arabic}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** The script most of the letters of `text` are in; 'mixed' when two scripts each hold a third or more. */
export function detectScript(text: string): NameScript {
  let arab = 0;
  let cyrl = 0;
  let latn = 0;
  let other = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    if (ARABIC.test(char)) arab++;
    else if (CYRILLIC.test(char)) cyrl++;
    else if (LATIN.test(char)) latn++;
    else other++;
  }
  const total = arab + cyrl + latn + other;
  if (total === 0) return 'other';
  const counts: Array<[NameScript, number]> = [
    ['Arab', arab],
    ['Cyrl', cyrl],
    ['Latn', latn],
    ['other', other],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  const [first, second] = counts as [[NameScript, number], [NameScript, number]];
  if (second[1] * 3 >= total) return 'mixed';
  return first[0];
}

/** True when the text holds right-to-left letters (Arabic script), so views give it `dir="auto"` and an RTL font. */
export function isRightToLeft(text: string): boolean {
  return ARABIC.test(text);
}
