/**
 * A digest of a cited record as the row saw it, to tell later that it changed. Citations and a
 * source's reliability are left out: the row's support (the grades behind it) tracks those, and
 * says what changed in words ("re-graded B → D"). Two 53-bit hashes (cyrb53) over the canonical
 * text: enough to notice a change, not meant to resist forgery (the case is authenticated as a whole).
 */
export function digestOf(record: unknown): string {
  const text = canonicalWithout(record);
  return `${cyrb53(text, 0x9e3779b9).toString(16).padStart(14, '0')}${cyrb53(text, 0x85ebca6b).toString(16).padStart(14, '0')}`;
}

const SKIPPED = new Set(['citations', 'reliability']);

function canonicalWithout(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalWithout).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object)
    .filter((k) => !SKIPPED.has(k) && object[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalWithout(object[k])}`).join(',')}}`;
}

function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
