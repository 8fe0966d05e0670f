import { getHeapStatistics } from 'node:v8';

/**
 * A guard in front of JSON.parse for whole files that come from someone else (a received
 * .casefile's case data, a STIX bundle). The text's length says little about what parsing it
 * costs: 470 MB of `[0],` is a hundred million arrays, several GB of heap, and the process dies
 * out of memory. One fast pass over the text counts what parsing would build, and the parse is
 * refused when that is beyond what this process can hold, absurd for what the file says it holds,
 * or nested deeper than records ever are. See docs/exchange-format.md ("Opening a received file").
 */

/** What parsing a JSON text would build, counted without building it. */
export interface JsonShape {
  arrays: number;
  objects: number;
  /** Object members (`"key": value`). */
  members: number;
  strings: number;
  /** Bytes inside strings (keys included): an upper bound of their characters. */
  stringChars: number;
  numbers: number;
  /** true, false, null. */
  literals: number;
  maxDepth: number;
}

/**
 * Heap bytes per thing parsed, from V8's layout on 64-bit (no pointer compression, as Node ships):
 * an array is a 4-word header plus a 2-word element store; an object a header and in-object
 * slots; every value takes an 8-byte slot in its parent; a number may be a 16-byte HeapNumber;
 * a string a 16-byte header plus its characters (two bytes each at worst); a member the map
 * entries new keys need. Measured on Node 20: 1.1–1.3× what crafted arrays and objects take, up to
 * 4× for real case data (keys and short strings are shared), 0.98× for objects with unique keys.
 */
const COST = { array: 48, object: 64, member: 48, slot: 8, number: 16, string: 24, char: 2 } as const;
/**
 * What a parse may take of the heap still free: the parsed value is validated (and copied, in
 * part) after, so it must leave room for about as much again.
 */
const SHARE_OF_FREE_HEAP = 0.4;
/** Records nest a handful of levels (a citation in a claim in an event in the payload): 32 is far beyond. */
export const MAX_JSON_DEPTH = 32;

/**
 * One pass over the UTF-8 text: counts, and the deepest nesting. Does not validate (JSON.parse
 * does that after). Strings are skipped with a native search from quote to quote; a quote after
 * an odd run of backslashes is escaped (UTF-8 never puts 0x22 or 0x5c inside a multi-byte character).
 */
export function jsonShape(text: Uint8Array | string): JsonShape {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const shape: JsonShape = { arrays: 0, objects: 0, members: 0, strings: 0, stringChars: 0, numbers: 0, literals: 0, maxDepth: 0 };
  let depth = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    switch (bytes[i]) {
      case 0x22: {
        let end = i + 1;
        for (;;) {
          const q = bytes.indexOf(0x22, end);
          if (q < 0) {
            end = n;
            break;
          }
          let k = q - 1;
          while (k > i && bytes[k] === 0x5c) k--;
          end = q;
          if ((q - 1 - k) % 2 === 0) break;
          end = q + 1;
        }
        shape.strings++;
        shape.stringChars += end - i - 1;
        i = end + 1;
        continue;
      }
      case 0x5b:
        shape.arrays++;
        if (++depth > shape.maxDepth) shape.maxDepth = depth;
        break;
      case 0x7b:
        shape.objects++;
        if (++depth > shape.maxDepth) shape.maxDepth = depth;
        break;
      case 0x5d:
      case 0x7d:
        depth--;
        break;
      case 0x3a:
        shape.members++;
        break;
      case 0x74: // true
      case 0x66: // false
      case 0x6e: // null
        shape.literals++;
        while (i + 1 < n && (bytes[i + 1] as number) >= 0x61 && (bytes[i + 1] as number) <= 0x7a) i++;
        break;
      case 0x2d:
      case 0x30:
      case 0x31:
      case 0x32:
      case 0x33:
      case 0x34:
      case 0x35:
      case 0x36:
      case 0x37:
      case 0x38:
      case 0x39:
        shape.numbers++;
        while (i + 1 < n && isNumberByte(bytes[i + 1] as number)) i++;
        break;
    }
    i++;
  }
  return shape;
}

function isNumberByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2b || c === 0x2d || c === 0x65 || c === 0x45;
}

/** Heap bytes parsing a text of this shape would take, at most (see COST). */
export function parseCost(shape: JsonShape): number {
  const values = shape.arrays + shape.objects + shape.strings - shape.members + shape.numbers + shape.literals;
  return (
    shape.arrays * COST.array +
    shape.objects * COST.object +
    shape.members * COST.member +
    values * COST.slot +
    shape.numbers * COST.number +
    shape.strings * COST.string +
    shape.stringChars * COST.char
  );
}

export interface JsonLimits {
  /** Most containers (arrays and objects) the text may hold for what it claims to be. */
  maxContainers?: number;
  /** Free heap to judge by; default: what V8 reports now. For tests. */
  freeHeap?: number;
}

/**
 * Why parsing `text` should be refused, in words for the analyst (ending "It was not read."; the
 * caller adds what to do), or null when it may be parsed. `what` names the file (and part).
 */
export function jsonParseRefusal(text: Uint8Array | string, what: string, limits: JsonLimits = {}): string | null {
  const shape = jsonShape(text);
  if (shape.maxDepth > MAX_JSON_DEPTH) return `${what} nests ${shape.maxDepth} levels deep; records never nest more than ${MAX_JSON_DEPTH}. It was not read.`;
  const containers = shape.arrays + shape.objects;
  if (limits.maxContainers !== undefined && containers > limits.maxContainers) {
    return `${what} holds ${containers.toLocaleString('en')} lists and objects, far more than the records it says it holds could need (at most ${limits.maxContainers.toLocaleString('en')}). It was not read; it is damaged or was made to exhaust memory.`;
  }
  const cost = parseCost(shape);
  const heap = getHeapStatistics();
  const free = limits.freeHeap ?? heap.heap_size_limit - heap.used_heap_size;
  if (cost > free * SHARE_OF_FREE_HEAP) {
    return `${what} would take about ${mb(cost)} of memory to read, more than this process can spare (${mb(free * SHARE_OF_FREE_HEAP)} of ${mb(free)} free). It was not read.`;
  }
  return null;
}

function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}
