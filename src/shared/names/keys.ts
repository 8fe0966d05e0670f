import { nameTokens, normaliseName } from './normalise';
import { toLatin } from './transliterate';

/**
 * The keys one word of a name is matched by, from strict to loose:
 * - `plain`: the normalised word in its own script;
 * - `latin`: its transliteration;
 * - `folded`: the transliteration with spelling variants unified (kh/x, q/k, w/v, sh/s, ch, j/dj/zh,
 *   doubled letters) and every run of vowels written as one `a`: Khorasan = Khurasan = Xuroson;
 * - `skeleton`: `folded` without vowels, for scripts that leave short vowels out: خراسان = Khorasan.
 */
export interface TokenKeys {
  plain: string;
  latin: string;
  folded: string;
  skeleton: string;
}

/** Latin spelling variants, applied in order. */
const CANONICAL: Array<[RegExp, string]> = [
  [/dzh|dj|zh/g, 'j'],
  [/kh/g, 'x'],
  [/gh/g, 'g'],
  [/ph/g, 'f'],
  [/dh/g, 'd'],
  [/th/g, 't'],
  [/sh|sch/g, 's'],
  [/ch/g, '\uE000'],
  [/ck|c/g, 'k'],
  [/\uE000/g, 'c'],
  [/q/g, 'k'],
  [/w/g, 'v'],
  [/ts|tz/g, 'z'],
  // A silent trailing h: Allah/Alla, Muhajirah/Muhajira. Only at the end: before a consonant it is
  // mostly a real h that scripts without short vowels write next to one (حماس, חמאס hms = Hamas).
  [/h$/g, ''],
  // Teh marbuta is -a, or -at/-et before a noun: Wilaya/Wilayat/Vilayet, Haraka/Harakat, ولاية.
  [/(?<=[a-z]{3})[ae]t$/g, 'a'],
  [/([a-z])\1+/g, '$1'],
];

export function foldLatin(latin: string): string {
  let out = latin;
  for (const [pattern, replacement] of CANONICAL) out = out.replace(pattern, replacement);
  return out.replace(/[aeiouy]+/g, 'a');
}

export function tokenKeys(plain: string): TokenKeys {
  const latin = toLatin(plain);
  const folded = foldLatin(latin);
  return { plain, latin, folded, skeleton: folded.replace(/a/g, '').replace(/([a-z])\1+/g, '$1') };
}

/** The Arabic article written joined to its noun (الدولة): matched as its own word, like al-Dawla. */
const JOINED_ARTICLE = /^ال(?=\p{L}{2,})/u;

/** The Arabic article assimilated to a sun letter in Latin: ash-Shabaab, ad-Dawla, an-Nusra. */
const SUN_ARTICLE = /^[ae](?:[tdrzsnl]|sh|th|dh)$/;

/** The words of a name, normalised, with the joined Arabic article split off and sun-letter articles as al. */
export function nameWords(name: string): string[] {
  const words: string[] = [];
  const tokens = nameTokens(normaliseName(name));
  tokens.forEach((token, i) => {
    if (JOINED_ARTICLE.test(token)) words.push('ال', token.slice(2));
    else if (SUN_ARTICLE.test(token) && tokens[i + 1]?.startsWith(token.slice(1))) words.push('al');
    else words.push(token);
  });
  return words;
}

/** Whether a word is the Arabic article in any script: al, el, ul, ال, אל, አል. */
export function isArticle(word: string): boolean {
  return word.length <= 3 && foldLatin(toLatin(word)) === 'al';
}

/** Keys of every word of a name. */
export function nameKeys(name: string): TokenKeys[] {
  return nameWords(name).map(tokenKeys);
}

/** The keys of a whole name as one string (words joined), for comparing names rather than words. */
export function wholeNameKeys(name: string): { folded: string; skeleton: string } {
  const keys = nameKeys(name);
  return { folded: keys.map((k) => k.folded).join(' '), skeleton: keys.map((k) => k.skeleton).filter(Boolean).join(' ') };
}
