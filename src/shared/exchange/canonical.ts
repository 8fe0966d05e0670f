/**
 * JSON with object keys sorted at every level, so equal values give equal text whatever order
 * their keys were written in. Used for version hashes and field comparison in merges.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  // Records built by our schemas usually come with sorted-enough keys; sort only when needed.
  for (let i = 1; i < keys.length; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      break;
    }
  }
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

/** A hash of text, supplied by the runtime (main uses SHA-256); kept out of shared code. */
export type HashText = (text: string) => string;

/** The collections a case file carries. Saved views stay personal; attachments travel as parts. */
export const EXCHANGED = ['events', 'actors', 'relationships', 'sources', 'series', 'matrices', 'matrixRows'] as const;
export type Exchanged = (typeof EXCHANGED)[number];
