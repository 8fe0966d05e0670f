/**
 * Hebrew letters → Latin, for matching Hebrew spellings of names (often of Arabic origin, as in
 * the press: חמאס Hamas, חיזבאללה Hizballah, אל-שבאב al-Shabab) against Latin and Arabic ones.
 * Vowel points are gone by now (normaliseName drops marks); a letter with a geresh (ג׳ j, ח׳ kh,
 * ע׳ gh…) arrives as the letter followed by U+05F3.
 */

const LETTERS: Record<string, string> = {
  א: 'a', ב: 'b', ג: 'g', ד: 'd', ה: 'h', ז: 'z', ח: 'h', ט: 't', כ: 'k', ך: 'kh', ל: 'l', מ: 'm', ם: 'm',
  נ: 'n', ן: 'n', ס: 's', ע: '', פ: 'f', ף: 'f', צ: 'ts', ץ: 'ts', ק: 'q', ר: 'r', ש: 'sh', ת: 't',
  װ: 'v', ײ: 'ei', ױ: 'oi',
};

/** The letters a geresh turns into sounds of Arabic or English loans. */
const WITH_GERESH: Record<string, string> = { ג: 'j', ז: 'zh', צ: 'ch', ץ: 'ch', ח: 'kh', ת: 'th', ע: 'gh', ד: 'dh', ט: 'z' };

export const GERESH = '\u05F3';
const VAV = 'ו';
const YOD = 'י';
const ALEF = 'א';
const HE = 'ה';

export function isHebrew(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x05d0 && code <= 0x05f4;
}

/** One Hebrew letter in Latin, looking at its neighbours (`chars[i - 1]`, `chars[i + 1]`). */
export function hebrewLetter(chars: readonly string[], i: number): string {
  const char = chars[i] as string;
  const before = chars[i - 1];
  const after = chars[i + 1];
  if (char === GERESH) return '';
  if (after === GERESH && WITH_GERESH[char]) return WITH_GERESH[char];
  if (char === VAV || char === YOD) {
    // Doubled: the consonant (וו v, יי y); alone: a consonant at the start or before a vowel letter, else a vowel.
    if (after === char) return '';
    if (before === char) return char === VAV ? 'v' : 'y';
    const consonantal = before === undefined || !isHebrew(before) || after === ALEF || after === VAV || after === YOD;
    if (char === VAV) return consonantal ? 'v' : 'o';
    return consonantal ? 'y' : 'i';
  }
  // Word-initial פ takes a dagesh and is p; elsewhere it is f.
  if (char === 'פ' && (before === undefined || !isHebrew(before))) return 'p';
  if (char === HE && (after === undefined || !isHebrew(after)) && before !== undefined && isHebrew(before)) return before === ALEF ? 'h' : 'a';
  return LETTERS[char] ?? '';
}
