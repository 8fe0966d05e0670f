/**
 * Ge'ez (Ethiopic) syllables → Latin, for matching Amharic, Tigrinya and Oromo-in-Ge'ez spellings
 * against Latin ones: አል-ሸባብ → al-shabab, ሶማሊያ → somaliya. Each syllable is a consonant row of
 * eight code points (U+1200–U+137F) whose position in the row gives the vowel ("order"). A
 * matching aid in the manner of the simplified romanisations in news copy, not BGN/PCGN.
 */

/** The consonant of each row, by the row's first code point. '' is a vowel carrier (glottal stop, ayn). */
const ROWS: ReadonlyArray<[number, string]> = [
  [0x1200, 'h'], [0x1208, 'l'], [0x1210, 'h'], [0x1218, 'm'], [0x1220, 's'], [0x1228, 'r'], [0x1230, 's'], [0x1238, 'sh'],
  [0x1240, 'q'], [0x1248, 'qw'], [0x1250, 'q'], [0x1258, 'qw'], [0x1260, 'b'], [0x1268, 'v'], [0x1270, 't'], [0x1278, 'ch'],
  [0x1280, 'h'], [0x1288, 'hw'], [0x1290, 'n'], [0x1298, 'ny'], [0x12a0, ''], [0x12a8, 'k'], [0x12b0, 'kw'], [0x12b8, 'kh'],
  [0x12c0, 'khw'], [0x12c8, 'w'], [0x12d0, ''], [0x12d8, 'z'], [0x12e0, 'zh'], [0x12e8, 'y'], [0x12f0, 'd'], [0x12f8, 'd'],
  [0x1300, 'j'], [0x1308, 'g'], [0x1310, 'gw'], [0x1318, 'ng'], [0x1320, 't'], [0x1328, 'ch'], [0x1330, 'p'], [0x1338, 'ts'],
  [0x1340, 'ts'], [0x1348, 'f'], [0x1350, 'p'],
];

const CONSONANTS = new Map<number, string>(ROWS);

/** Rows of labialised consonants (qw, hw, kw, khw, gw) hold five syllables at these positions. */
const LABIALISED = new Set([0x1248, 0x1258, 0x1288, 0x12b0, 0x12c0, 0x1310]);

/**
 * The vowel of each order: 1st ä (written a, as news copy does: ሸባብ Shabaab), u, i, a, e, 6th ə or
 * none (left out: the skeleton key then meets spellings with or without it), o, and the 8th -wa.
 */
const ORDERS = ['a', 'u', 'i', 'a', 'e', '', 'o', 'wa'];

/** Word-initial እ (glottal, 6th order) is read i/e: እስላም Islam, እንግሊዝ Inglis. */
const GLOTTAL_SIXTH = 0x12a5;

export function isEthiopic(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x1200 && code <= 0x137f;
}

/** One Ethiopic syllable in Latin letters; '' for punctuation, numerals and letters outside the rows. */
export function ethiopicSyllable(char: string, wordInitial: boolean): string {
  const code = char.codePointAt(0) ?? 0;
  if (code === GLOTTAL_SIXTH && wordInitial) return 'i';
  const row = code & ~0x7;
  const consonant = CONSONANTS.get(row);
  if (consonant === undefined) return '';
  const order = code - row;
  const vowel = ORDERS[order] ?? '';
  if (LABIALISED.has(row)) return order === 5 ? consonant.slice(0, -1) + 'u' : `${consonant}${vowel === 'wa' ? '' : vowel}`;
  return consonant + vowel;
}
