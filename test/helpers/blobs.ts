import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BlobStore } from '../../src/main/store/blobs';
import type { FileSystem } from '../../src/main/store/file-system';
import { tempDir } from './store';

export const KIB64 = 64 * 1024;

/** A blob folder in a fresh temp dir, as the case store will place it, and a store on it. */
export function newBlobStore(options: { key?: Buffer; fs?: FileSystem; dir?: string } = {}): { store: BlobStore; dir: string; key: Buffer } {
  const key = options.key ?? randomBytes(32);
  const dir = options.dir ?? join(tempDir('blobs'), 'case.cfcase.blobs');
  return { store: new BlobStore(dir, key, options.fs), dir, key };
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `bytes` as an async source, in pieces of `pieceSize` (so chunk boundaries fall mid-piece). */
export async function* sourceOf(bytes: Uint8Array, pieceSize = 10_000): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += pieceSize) yield bytes.subarray(at, Math.min(bytes.length, at + pieceSize));
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

/** Reads until the first error; returns what arrived before it and the error (or null). */
export async function readUntilError(chunks: AsyncIterable<Uint8Array>): Promise<{ got: Buffer; error: unknown }> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  } catch (error) {
    return { got: Buffer.concat(parts), error };
  }
  return { got: Buffer.concat(parts), error: null };
}

/** Files in a blob folder, split into blobs, temp files and anything else. */
export function blobFolder(dir: string): { blobs: string[]; temps: string[]; other: string[] } {
  let names: string[] = [];
  try {
    names = readdirSync(dir).sort();
  } catch {
    // No folder: nothing in it.
  }
  return {
    blobs: names.filter((n) => n.endsWith('.blob')),
    temps: names.filter((n) => n.endsWith('.tmp')),
    other: names.filter((n) => !n.endsWith('.blob') && !n.endsWith('.tmp')),
  };
}
