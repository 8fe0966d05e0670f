import { isArticle, tokenKeys, type TokenKeys } from './keys';
import { toLatin } from './transliterate';

/** One word of a query: the spellings it is looked up by (each with how much a match through it counts). */
export interface QueryWord {
  spellings: Array<{ keys: TokenKeys; weight: number }>;
  /** The article (al-, ال, אל, አል): a name without it still matches, a little lower. */
  optional: boolean;
}

/** A Hebrew word with its article ה joined (השבאב): the article is one letter. */
const HEBREW_ARTICLE = /^ה(?=[\u05D0-\u05EA]{3,})/u;

/**
 * The article written joined to its noun outside Arabic script (alshabaab, אלשבאב, አልሸባብ; Arabic
 * script is split in nameWords): [article, noun], or null. Only a query is split this way, as one
 * reading beside the word as written, since most words that start with "al" hold no article.
 */
export function splitJoinedArticle(word: string): [string, string] | null {
  const hebrew = HEBREW_ARTICLE.exec(word);
  if (hebrew) return ['ה', word.slice(1)];
  const chars = [...word];
  for (const length of [1, 2]) {
    const rest = chars.slice(length).join('');
    if (isArticle(chars.slice(0, length).join('')) && toLatin(rest).replace(/[aeiouy]/g, '').length >= 2 && [...rest].length >= 2) {
      return [chars.slice(0, length).join(''), rest];
    }
  }
  return null;
}

/** The spellings one query word is looked up by: as written and, for Latin "ch", the French sh (Chabab). */
export function queryWord(word: string): QueryWord {
  const spellings = [{ keys: tokenKeys(word), weight: 1 }];
  if (/^[a-z]*ch[a-z]*$/.test(word)) spellings.push({ keys: tokenKeys(word.replace(/ch/g, 'sh')), weight: 0.9 });
  return { spellings, optional: isArticle(word) || word === 'ה' };
}

/** The readings of a query's words: as written and, where words carry a joined article, split. */
export function queryReadings(words: readonly string[]): QueryWord[][] {
  const readings = [words.map(queryWord)];
  if (words.some((word) => splitJoinedArticle(word))) {
    readings.push(words.flatMap((word) => splitJoinedArticle(word) ?? [word]).map(queryWord));
  }
  return readings;
}
