/**
 * Normalisation of names before matching: NFKC, case fold, diacritics fold, and the Arabic-script
 * spellings that differ only in letter variants (alef forms, Persian/Arabic yeh and kaf, teh
 * marbuta), tatweel or vowel marks (harakat, Hebrew niqqud, Ge'ez gemination marks). Pure and script-preserving: transliteration is a
 * separate step (./transliterate).
 */

/** Arabic-script letters that writers use interchangeably, mapped to one form. */
const ARABIC_LETTERS: Record<string, string> = {
  '\u06CC': '\u064A', // ی Persian yeh → ي
  '\u0649': '\u064A', // ى alef maksura → ي
  '\u06D0': '\u064A', // ې Pashto yeh
  '\u06CD': '\u064A', // ۍ Pashto yeh with tail
  '\u06A9': '\u0643', // ک Persian kaf → ك
  '\u06AA': '\u0643', // ڪ swash kaf
  '\u0629': '\u0647', // ة teh marbuta → ه
  '\u06D5': '\u0647', // ە ae
  '\u06C1': '\u0647', // ہ heh goal
  '\u06BE': '\u0647', // ھ heh doachashmee
  '\u0671': '\u0627', // ٱ alef wasla
  '\u0621': '', // ء lone hamza carries no letter of its own
};

const ARABIC_LETTER_PATTERN = new RegExp(`[${Object.keys(ARABIC_LETTERS).join('')}]`, 'gu');

/** Tatweel (kashida), a stretching stroke with no meaning. */
const TATWEEL = /\u0640/gu;

/** A Hebrew letter with a geresh (ג׳ j, ח׳ kh; often typed as an apostrophe): kept as the letter and U+05F3. */
const HEBREW_GERESH = /([\u05D0-\u05EA])['\u2019\u05F3]/gu;

/** Apostrophe-like marks used for ayn, hamza and the Uzbek oʻ gʻ: dropped without a gap. */
const APOSTROPHES = /['`\u2018\u2019\u02BB\u02BC\u02BE\u02BF\u02B9\u00B4]/gu;

/**
 * The comparable form of a name: NFKC, lower case, marks removed (é → e, أ → ا, й → и, harakat
 * gone), Arabic letter variants unified, punctuation turned into single spaces.
 */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(HEBREW_GERESH, '$1\u05F3')
    .replace(APOSTROPHES, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(TATWEEL, '')
    .replace(ARABIC_LETTER_PATTERN, (letter) => ARABIC_LETTERS[letter] ?? letter)
    .replace(/[^\p{L}\p{N}\u05F3]+/gu, ' ')
    .trim();
}

/** The words of a normalised name. */
export function nameTokens(normalised: string): string[] {
  return normalised.split(' ').filter((t) => t.length > 0);
}
