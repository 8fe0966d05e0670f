import { createHash } from 'node:crypto';
import type { ReadHandleLike } from '../file-system';
import { blobKey, chunkAad, openChunk } from './crypto';
import { corruptBlob, damagedBlob, newerBlob } from './errors';
import { CHUNK_SIZE, chunkLength, chunkOffset, HEADER_LENGTH, layoutOf, parseHeader, SEALED_CHUNK_SIZE, TAG_LENGTH, type Layout } from './format';
import { StoreError } from '../store-error';

/** Chunks read per system call (1 MiB of plaintext). */
const CHUNKS_PER_READ = 16;

/** A plaintext byte range, end exclusive. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Reads exactly `length` bytes at `position` (into `buffer` when given), or fewer only where the file ends. */
async function readAt(handle: ReadHandleLike, length: number, position: number, buffer = Buffer.allocUnsafe(length)): Promise<Buffer> {
  let got = 0;
  while (got < length) {
    const read = await handle.read(buffer.subarray(got), position + got);
    if (read === 0) break;
    got += read;
  }
  return buffer.subarray(0, got);
}

/** An open blob whose header, layout and identity (its last chunk) have been checked. */
export interface OpenedBlob {
  layout: Layout;
  /** Yields the verified plaintext of `range` (the whole blob when omitted), chunk by chunk. */
  chunks(range?: ByteRange): AsyncGenerator<Buffer, void, undefined>;
}

/**
 * Checks a blob file before any byte of it is returned: magic and version, a length the format
 * allows, and the last chunk, which authenticates only under this case's key and only for the
 * content named `sha256` (so a blob swapped for another fails here, not part-way).
 */
export async function openBlob(handle: ReadHandleLike, dataKey: Buffer, sha256: string): Promise<OpenedBlob> {
  const fileLength = await handle.size();
  const header = await readAt(handle, HEADER_LENGTH, 0);
  if (header.length < HEADER_LENGTH) throw damagedBlob(sha256, 'it was cut short (it ends inside its header)', 'TRUNCATED_STORE');
  const check = parseHeader(header);
  if (!check.ok) {
    if (check.reason === 'newer-version') throw newerBlob(sha256, check.version ?? 0);
    throw damagedBlob(sha256, 'it does not start as a file kept by Casefile Workbench', 'CORRUPT_STORE');
  }
  const found = layoutOf(fileLength);
  if (!found) throw damagedBlob(sha256, 'it was cut short (its length ends part-way through a piece)', 'TRUNCATED_STORE');
  const layout: Layout = found;
  const key = blobKey(dataKey, check.salt);
  const expected = Buffer.from(sha256, 'hex');
  const lastIndex = layout.chunks - 1;

  const open = (index: number, sealed: Buffer): Buffer => {
    const last = index === lastIndex;
    const plain = openChunk(key, index, last, chunkAad(header, last ? expected : null), sealed);
    if (!plain) {
      throw corruptBlob(
        sha256,
        last
          ? `its last piece (${index + 1} of ${layout.chunks}) is corrupt: it fails authentication (altered, cut, moved, or kept for other content or another case)`
          : `piece ${index + 1} of ${layout.chunks} is corrupt: it fails authentication (altered, moved, or kept for another case)`,
      );
    }
    return plain;
  };
  const lastSealed = await readAt(handle, layout.lastLength + TAG_LENGTH, chunkOffset(lastIndex));
  const lastPlain = open(lastIndex, lastSealed);

  async function* chunks(range?: ByteRange): AsyncGenerator<Buffer, void, undefined> {
    const whole = range === undefined;
    const { start, end } = range ?? { start: 0, end: layout.size };
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > layout.size) {
      throw new StoreError('VALIDATION', `The range ${start}–${end} is outside the file's ${layout.size} bytes; nothing was read.`);
    }
    if (end === start && !whole) return;
    const hash = whole ? createHash('sha256') : null;
    // One buffer for every batch: chunks are decrypted out of it before the next read.
    const batchBuffer = Buffer.allocUnsafe(Math.min(CHUNKS_PER_READ, layout.chunks) * SEALED_CHUNK_SIZE);
    const first = Math.floor(start / CHUNK_SIZE);
    const lastNeeded = layout.size === 0 ? 0 : Math.floor((end - 1) / CHUNK_SIZE);
    for (let index = first; index <= lastNeeded; ) {
      const count = Math.min(CHUNKS_PER_READ, lastNeeded - index + 1);
      const lastInBatch = index + count - 1;
      const bytes = (count - 1) * SEALED_CHUNK_SIZE + chunkLength(layout, lastInBatch) + TAG_LENGTH;
      const batch = lastInBatch === lastIndex && count === 1 ? lastSealed : await readAt(handle, bytes, chunkOffset(index), batchBuffer);
      if (batch.length < bytes) throw damagedBlob(sha256, 'it was cut short while being read', 'TRUNCATED_STORE');
      for (let i = 0; i < count; i++, index++) {
        const plain = index === lastIndex ? lastPlain : open(index, batch.subarray(i * SEALED_CHUNK_SIZE, (i + 1) * SEALED_CHUNK_SIZE));
        hash?.update(plain);
        const from = index * CHUNK_SIZE;
        const slice = plain.subarray(Math.max(0, start - from), Math.min(plain.length, end - from));
        if (slice.length > 0) yield slice;
      }
    }
    if (hash && !hash.digest().equals(expected)) throw corruptBlob(sha256, 'its content is corrupt: it does not match its SHA-256');
  }

  return { layout, chunks };
}
