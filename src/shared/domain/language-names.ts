import tags from 'language-tags';
import { canonicalLanguageTag, isLanguageTag } from './language-tag';

/** A language the picker offers: its registered subtag and an English name. */
export interface LanguageOption {
  tag: string;
  name: string;
}

let displayNames: Intl.DisplayNames | null | undefined;

/** English names from the runtime's CLDR data where it has them (Intl.DisplayNames), else null. */
function intlNames(): Intl.DisplayNames | null {
  if (displayNames === undefined) {
    try {
      displayNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    } catch {
      displayNames = null;
    }
  }
  return displayNames;
}

/**
 * The English name of a tag: CLDR's (uz-Latn → "Uzbek (Latin)", fa-AF → "Dari" or "Persian
 * (Afghanistan)") or else the registry's description of its language subtag; null for a tag
 * that is not registered.
 */
export function languageName(tag: string): string | null {
  if (!isLanguageTag(tag)) return null;
  try {
    const named = intlNames()?.of(tag);
    if (named && named.toLowerCase() !== tag.toLowerCase()) return named;
  } catch {
    // A registered tag CLDR cannot parse (a private-use code): the registry below names it.
  }
  const language = tags(tag).language()?.descriptions()[0];
  return language ?? null;
}

let options: LanguageOption[] | null = null;

/** Every current language subtag of the IANA registry with a name, built once on first use (~8,000). */
export function allLanguages(): readonly LanguageOption[] {
  options ??= tags
    .search(/./)
    .filter((s): s is tags.Subtag => 'scope' in s && s.type() === 'language' && !s.deprecated() && s.scope() !== 'private-use')
    .map((s) => ({ tag: s.format(), name: languageName(s.format()) ?? s.descriptions()[0] ?? s.format() }));
  return options;
}

/**
 * Languages matching what is typed, best first: the tag itself, names starting with it, tags
 * starting with it, names containing it; two-letter codes (the widely used ones) before longer.
 */
export function searchLanguages(query: string, limit = 40): LanguageOption[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const rank = (o: LanguageOption): number => {
    const tag = o.tag.toLowerCase();
    const name = o.name.toLowerCase();
    if (tag === q) return 0;
    if (name === q) return 1;
    if (name.startsWith(q)) return 2;
    if (tag.startsWith(q)) return 3;
    if (name.includes(q)) return 4;
    return 9;
  };
  const ranked = allLanguages()
    .map((o) => ({ o, r: rank(o) }))
    .filter((x) => x.r < 9)
    .sort((a, b) => a.r - b.r || a.o.tag.length - b.o.tag.length || a.o.name.localeCompare(b.o.name))
    .map((x) => x.o);
  // A full tag typed (ps-Arab-AF) is offered as itself, named, ahead of its language.
  const typed = canonicalLanguageTag(query);
  if (typed.includes('-') && isLanguageTag(typed)) ranked.unshift({ tag: typed, name: languageName(typed) ?? typed });
  return ranked.slice(0, limit);
}

/**
 * What the analyst meant by the text left in the field: a tag (canonical case), or the tag of a
 * language typed by its English name ("Somali" → so); null when neither.
 */
export function resolveLanguage(text: string): string | null {
  const trimmed = text.trim();
  if (isLanguageTag(trimmed)) return canonicalLanguageTag(trimmed);
  const best = searchLanguages(trimmed, 1)[0];
  return best && best.name.toLowerCase() === trimmed.toLowerCase() ? best.tag : null;
}
