import tags from 'language-tags';

/**
 * BCP 47 language tags and ISO 15924 script codes, checked against the IANA subtag registry that
 * the `language-tags` package carries (language-subtag-registry). Any registered tag is accepted:
 * so, am, ha, sw, fa-AF, uz-Latn, tg-Cyrl, ps-Arab-AF, zh-Hant-TW, ar-001, und.
 */

/** Registry findings that do not make a tag wrong: a deprecated code still names its language (iw, in), and
 * RFC 5646 only advises against a script the language implies (ps-Arab-AF); neither is refused. */
// language-tags' Tag.ERR_DEPRECATED, ERR_SUPPRESS_SCRIPT, ERR_SUBTAG_DEPRECATED (the class is not exported).
const TOLERATED = new Set<number>([1, 10, 11]);

/** Longest tag we keep; real tags with a script, region and variant stay well under it. */
export const LANGUAGE_TAG_MAX = 35;

/** Private-use language codes (RFC 5646 §2.2.1): a team's own code for a dialect the registry lacks. */
const PRIVATE_USE_LANGUAGE = /^q[a-t][a-z]$/i;

/** Verdicts on tags seen before: a case repeats a handful of tags across thousands of aliases. */
const verdicts = new Map<string, string | null>();
const VERDICTS_MAX = 2_000;

/** Why `text` is not a usable language tag, in words; null when it is one. */
export function languageTagProblem(text: string): string | null {
  const known = verdicts.get(text);
  if (known !== undefined) return known;
  const verdict = checkTag(text);
  if (verdicts.size >= VERDICTS_MAX) verdicts.clear();
  verdicts.set(text, verdict);
  return verdict;
}

function checkTag(text: string): string | null {
  if (text.length === 0) return 'a language tag is needed, such as so, am or uz-Latn';
  if (text.length > LANGUAGE_TAG_MAX || !/^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(text)) return `“${text.slice(0, 40)}” is not a language tag: use a code such as so, am or uz-Latn`;
  const [first, ...rest] = text.split('-');
  // qaa–qtz are reserved for private use: the registry holds them as a range, not one by one.
  const tag = tags(PRIVATE_USE_LANGUAGE.test(first ?? '') ? ['und', ...rest].join('-') : text);
  const errors = tag.errors().filter((e) => !TOLERATED.has(e.code));
  if (errors.length === 0) return null;
  return `“${text}” is not a registered language tag: use a code such as so, am or uz-Latn`;
}

export function isLanguageTag(text: string): boolean {
  return languageTagProblem(text) === null;
}

/** The tag in the registry's conventional case (EN-us → en-US, UZ-latn → uz-Latn); unchanged when not a tag. */
export function canonicalLanguageTag(text: string): string {
  const trimmed = text.trim();
  return isLanguageTag(trimmed) && !PRIVATE_USE_LANGUAGE.test(trimmed.split('-')[0] ?? '') ? tags(trimmed).format() : trimmed;
}

/** True for a registered ISO 15924 script code in its conventional case (Latn, Arab, Ethi, Hebr, Deva). */
export function isScriptCode(text: string): boolean {
  return /^[A-Z][a-z]{3}$/.test(text) && tags.type(text, 'script') !== null;
}

/** The registry's English name of a script code (Ethi → Ethiopic); the code itself when unknown. */
export function scriptName(code: string): string {
  return tags.type(code, 'script')?.descriptions()[0] ?? code;
}
