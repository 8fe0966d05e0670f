import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { ImportError, lineColumnOf } from './import-error';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export type FileKind = 'text' | 'xlsx' | 'json';

/** What the first bytes of a file say about it. */
export interface Sniffed {
  kind: FileKind;
  encoding: TextEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
  delimiter: string;
  /** The decoded start of the file, for format detection and the wizard's preview. */
  sample: string;
  size: number;
}

const SAMPLE_BYTES = 64 * 1024;
/** Bytes windows-1252 leaves undefined: text in it never has them. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const DELIMITERS = [',', ';', '\t', '|'] as const;

export async function readSample(path: string): Promise<{ bytes: Uint8Array; size: number }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { bytes: new Uint8Array(buffer.subarray(0, bytesRead)), size };
  } finally {
    await handle.close();
  }
}

/** Tells binary files, XLSX, JSON and text apart, and reads the text's encoding and delimiter. */
export function sniffBytes(bytes: Uint8Array, size: number, fileName: string): Sniffed {
  const file = basename(fileName);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { kind: 'xlsx', encoding: 'utf-8', bomLength: 0, delimiter: ',', sample: '', size };
  }
  const { encoding, bomLength } = detectEncoding(bytes, file);
  const sample = new TextDecoder(encoding).decode(bytes.subarray(bomLength), { stream: true });
  const kind: FileKind = /^\s*[[{]/.test(sample) ? 'json' : 'text';
  return { kind, encoding, bomLength, delimiter: kind === 'text' ? sniffDelimiter(sample) : ',', sample, size };
}

function detectEncoding(bytes: Uint8Array, file: string): { encoding: TextEncoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw unreadable(bytes, nul, file, 'this is a binary file (it contains NUL bytes), not CSV text. If it is UTF-16 text, save it as UTF-8 or with a byte-order mark.');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    // Not UTF-8: windows-1252 (what older ACLED files and Excel on Windows write) if plausible.
  }
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (UNDEFINED_1252.has(b)) throw unreadable(bytes, i, file, `byte 0x${b.toString(16)} fits neither UTF-8 nor windows-1252: the encoding is unknown. Save the file as UTF-8 and import it again.`);
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) controls++;
  }
  if (controls > bytes.length / 100) throw unreadable(bytes, 0, file, 'this looks like a binary file (many control bytes), not CSV text.');
  return { encoding: 'windows-1252', bomLength: 0 };
}

function unreadable(bytes: Uint8Array, offset: number, file: string, message: string): ImportError {
  const before = new TextDecoder('windows-1252').decode(bytes.subarray(0, offset));
  const { line, column } = lineColumnOf(before, before.length);
  return new ImportError({ file, line, column, message });
}

/** The delimiter that splits the first lines into the most, equally many, fields. */
export function sniffDelimiter(sample: string): string {
  const lines = sample.split(/\r?\n/).slice(0, 20).filter((l) => l.trim() !== '');
  if (lines.length > 1) lines.pop(); // the last may be cut short by the sample's end
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length / counts.length;
    const score = first * consistent;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === delimiter && !inQuotes) n++;
  }
  return n;
}
