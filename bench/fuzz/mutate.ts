import { prng } from '../generate';

/** Seeded byte mutations for the hostile-file fuzzer: flips, cuts, insertions, duplicated chunks, header edits. */

export type Rng = () => number;

/** The generator of one case: the run's seed, the format and the case number decide every byte. */
export function caseRng(seed: number, format: string, index: number): Rng {
  let h = seed >>> 0;
  for (const c of format) h = Math.imul(h ^ c.charCodeAt(0), 0x9e3779b1) >>> 0;
  return prng((h ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}

function int(rng: Rng, max: number): number {
  return Math.floor(rng() * max);
}

/** Tokens that steer parsers into their edge cases (quotes, brackets, delimiters, huge numbers, formulas). */
const TOKENS = ['"', '""', ',', ';', '\t', '\n', '\r', '\r\n', '[', ']', '{', '}', ':', '\\', '\\u0000', '-> X25519 ', '--- ', 'null', '1e999', '-0', '99999999999999999999', '=HYPERLINK("x")', '\u202e', '\uffff', 'PK\u0003\u0004', '<', '>', '&amp;'];

function insert(bytes: Buffer, at: number, piece: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]);
}

function randomPiece(rng: Rng): Buffer {
  if (rng() < 0.5) return Buffer.from(TOKENS[int(rng, TOKENS.length)] as string, 'utf8');
  return Buffer.from(Array.from({ length: 1 + int(rng, 32) }, () => int(rng, 256)));
}

export type Mutation = 'flip' | 'truncate' | 'insert' | 'duplicate' | 'header';
const MUTATIONS: readonly Mutation[] = ['flip', 'truncate', 'insert', 'duplicate', 'header'];

/**
 * One to three mutations of `input`. `headerEnd` bounds the "header" of the format (the age
 * header, a CSV's first line, a zip's first local header, a bundle's first bytes), where edits
 * reach the parser's first decisions.
 */
export function mutate(input: Uint8Array, rng: Rng, headerEnd: number): { bytes: Buffer; applied: Mutation[] } {
  let bytes: Buffer = Buffer.from(input);
  const applied: Mutation[] = [];
  for (let n = 1 + int(rng, 3); n > 0; n--) {
    const kind = MUTATIONS[int(rng, MUTATIONS.length)] as Mutation;
    applied.push(kind);
    const len = Math.max(1, bytes.length);
    switch (kind) {
      case 'flip':
        for (let k = 1 + int(rng, 8); k > 0 && bytes.length > 0; k--) {
          const at = int(rng, bytes.length);
          bytes[at] = (bytes[at] as number) ^ (1 << int(rng, 8));
        }
        break;
      case 'truncate':
        bytes = bytes.subarray(0, int(rng, len));
        break;
      case 'insert':
        bytes = insert(bytes, int(rng, len + 1), randomPiece(rng));
        break;
      case 'duplicate': {
        // A chunk copied elsewhere, sometimes many times over (a repeated stanza, row or entry).
        const from = int(rng, len);
        const chunk = bytes.subarray(from, from + 1 + int(rng, 512));
        const times = rng() < 0.2 ? 1 + int(rng, 2_000) : 1;
        bytes = insert(bytes, int(rng, len + 1), Buffer.concat(Array.from({ length: times }, () => chunk)));
        break;
      }
      case 'header': {
        const end = Math.max(1, Math.min(headerEnd, bytes.length));
        const at = int(rng, end);
        if (rng() < 0.5) bytes[at] = int(rng, 256);
        else bytes = insert(bytes, at, randomPiece(rng));
        break;
      }
    }
  }
  return { bytes, applied };
}
