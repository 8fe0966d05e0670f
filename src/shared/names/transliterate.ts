/**
 * Transliteration of normalised (lower-case, mark-free) names to plain Latin letters, so that
 * Вилояти Хуросон (Tajik), Вилаят Хорасан (Russian), ولایت خراسان (Dari) and Viloyati Khuroson
 * meet on one spelling; Ge'ez (./ethiopic) and Hebrew (./hebrew) letters likewise. The output is a
 * matching aid, not a scholarly romanisation.
 */
import { ethiopicSyllable, isEthiopic } from './ethiopic';
import { hebrewLetter, isHebrew } from './hebrew';

/** Russian and Tajik Cyrillic (after normaliseName: й → и, ё → е, ӣ → и, ӯ → у). */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ў: 'u',
  // Tajik
  ҳ: 'h', қ: 'q', ғ: 'gh', ҷ: 'j',
  // Kazakh/Uzbek/Kyrgyz Cyrillic letters seen in Central Asian names
  ң: 'ng', ө: 'o', ү: 'u', ұ: 'u', ә: 'a', һ: 'h', ҙ: 'z',
};

/** Consonants of the Arabic script as written in Arabic, Dari/Persian and Pashto. */
const ARABIC: Record<string, string> = {
  ا: 'a', ب: 'b', پ: 'p', ت: 't', ث: 's', ج: 'j', چ: 'ch', ح: 'h', خ: 'kh', د: 'd', ذ: 'z', ر: 'r',
  ز: 'z', ژ: 'zh', س: 's', ش: 'sh', ص: 's', ض: 'z', ط: 't', ظ: 'z', ع: '', غ: 'gh', ف: 'f', ق: 'q',
  ك: 'k', گ: 'g', ل: 'l', م: 'm', ن: 'n', ه: 'h',
  // Pashto
  ټ: 't', ډ: 'd', ړ: 'r', ږ: 'zh', ښ: 'sh', ځ: 'dz', څ: 'ts', ڼ: 'n', ګ: 'g',
  // Urdu letters seen in Pakistani names
  ٹ: 't', ڈ: 'd', ڑ: 'r', ں: 'n',
};

const WAW = 'و';
const YEH = 'ي';
const ALEF = 'ا';

/** Latin letters with their marks already removed pass through; other scripts are dropped. */
export function toLatin(token: string): string {
  let out = '';
  const chars = [...token];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    if (/[a-z0-9 ]/.test(char)) {
      out += char;
      continue;
    }
    if (isEthiopic(char)) {
      out += ethiopicSyllable(char, i === 0);
      continue;
    }
    if (isHebrew(char)) {
      out += hebrewLetter(chars, i);
      continue;
    }
    const cyrillic = CYRILLIC[char];
    if (cyrillic !== undefined) {
      out += cyrillic;
      continue;
    }
    if (char === WAW || char === YEH) {
      out += arabicSemivowel(char, chars[i - 1], chars[i + 1]);
      continue;
    }
    if (char === 'ه' && i === chars.length - 1 && i > 0) {
      // A final heh (or teh marbuta, folded into it) is mostly the vowel -a/-e: Qaida, Hizbullah's -a.
      out += chars[i - 1] === ALEF ? 'h' : 'a';
      continue;
    }
    const arabic = ARABIC[char];
    if (arabic !== undefined) out += arabic;
    else if (/\p{L}/u.test(char)) out += ''; // an unknown letter: contributes nothing rather than noise
  }
  return out;
}

/** و and ي are consonants (w, y) at the start of a word or before a vowel letter, long vowels (u, i) otherwise. */
function arabicSemivowel(char: string, before: string | undefined, after: string | undefined): string {
  const consonantal = before === undefined || after === ALEF || after === WAW || after === YEH;
  if (char === WAW) return consonantal ? 'w' : 'u';
  return consonantal ? 'y' : 'i';
}
