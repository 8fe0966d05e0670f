import { normaliseName } from '../names/normalise';

/** Text helpers shared by the importers. */

const folded = new Map<string, string>();

/** Case-insensitive, diacritics-folded form of a name, for matching ("Ḥaqqānī" = "haqqani"). */
export function foldName(text: string): string {
  // Imports fold the same actor, place and publisher names over and over: remember them.
  const known = folded.get(text);
  if (known !== undefined) return known;
  const result = foldUncached(text);
  if (folded.size > 50_000) folded.clear();
  folded.set(text, result);
  return result;
}

function foldUncached(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

const normalised = new Map<string, string>();

/**
 * The search index's normal form of a name (case, accents, punctuation aside), remembered: an
 * import normalises the same actor, province and type names row after row.
 */
export function normalisedName(text: string): string {
  const known = normalised.get(text);
  if (known !== undefined) return known;
  const result = normaliseName(text);
  if (normalised.size > 50_000) normalised.clear();
  normalised.set(text, result);
  return result;
}

/** A string made safe for the tail of a record id (letters, digits, dot, dash, underscore). */
export function idSlug(text: string, max = 60): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max);
}

/** Cuts text to a schema's maximum length, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Splits a "a; b; c" list, dropping blanks. */
export function splitList(text: string | undefined, separator: RegExp = /;/): string[] {
  if (!text) return [];
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Deep structural equality of JSON-like values, ignoring key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
