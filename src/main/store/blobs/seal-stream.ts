import { createHash, randomBytes } from 'node:crypto';
import type { FileHandleLike } from '../file-system';
import { BatchWriter } from './batch-writer';
import { blobKey, chunkAad, sealChunk } from './crypto';
import { tooLarge } from './errors';
import { CHUNK_SIZE, encodeHeader, SALT_LENGTH } from './format';

export interface SealOptions {
  /** Called after each piece of the source with the plaintext bytes read so far. */
  onProgress?(bytesRead: number): void;
  /** Refuse (VALIDATION) as soon as the source passes this many bytes. */
  maxBytes?: number;
}

/**
 * Reads `pieces` once and writes them to `handle` as a sealed blob (format.ts), hashing as it
 * goes. Holds one 64 KiB chunk back, because only the end of the source tells whether it is the
 * last. Memory stays at a chunk plus two write batches, whatever the size.
 */
export async function sealStream(pieces: AsyncIterable<Uint8Array>, handle: FileHandleLike, dataKey: Buffer, options: SealOptions): Promise<{ sha256: string; size: number }> {
  const salt = randomBytes(SALT_LENGTH);
  const header = encodeHeader(salt);
  const key = blobKey(dataKey, salt);
  const hash = createHash('sha256');
  // A file of known, small size needs buffers no larger than it (plus a header and a tag).
  const out = new BatchWriter(handle, options.maxBytes === undefined ? undefined : options.maxBytes + 1024);
  const held = Buffer.allocUnsafe(options.maxBytes === undefined ? CHUNK_SIZE : Math.min(CHUNK_SIZE, options.maxBytes));
  let filled = 0;
  let index = 0;
  let size = 0;
  try {
    await out.push(header);
    for await (const piece of pieces) {
      size += piece.length;
      if (options.maxBytes !== undefined && size > options.maxBytes) throw tooLarge(options.maxBytes);
      hash.update(piece);
      for (let at = 0; at < piece.length; ) {
        if (filled === CHUNK_SIZE) {
          // More bytes follow, so the held chunk is not the last one.
          for (const part of sealChunk(key, index++, false, header, held)) await out.push(part);
          filled = 0;
        }
        const take = Math.min(CHUNK_SIZE - filled, piece.length - at);
        held.set(piece.subarray(at, at + take), filled);
        filled += take;
        at += take;
      }
      options.onProgress?.(size);
    }
    const digest = hash.digest();
    for (const part of sealChunk(key, index, true, chunkAad(header, digest), held.subarray(0, filled))) await out.push(part);
    await out.flush();
    return { sha256: digest.toString('hex'), size };
  } catch (error) {
    await out.settle();
    throw error;
  }
}
