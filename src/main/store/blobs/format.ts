/**
 * The blob file format, version 1 (docs/ARCHITECTURE.md, "Attachments: the blob folder").
 *
 *   "CFWBLOB1" (8) | version (1) | salt (16) | chunk 0 | chunk 1 | … | chunk n-1
 *   chunk i = AES-256-GCM(blob key, nonce(i, last), plaintext[i·64 KiB, (i+1)·64 KiB)) + 16-byte tag
 *
 * The blob key is HKDF-SHA256(data key, salt, "casefile-blob-v1"); the nonce is age's STREAM
 * nonce: an 11-byte big-endian chunk counter and a last-chunk flag byte. Every chunk but the last
 * holds exactly 64 KiB, so chunk i sits at a fixed offset and a range read seeks straight to it.
 * The last chunk holds 1..64 KiB (0 only when the whole blob is empty). The header is the AAD of
 * every chunk; the last chunk's AAD also carries the plaintext SHA-256, which binds the file to
 * the content it was written for (a blob swapped for another of the same case fails there).
 */
export const BLOB_MAGIC = Buffer.from('CFWBLOB1', 'ascii');
export const BLOB_VERSION = 1;
export const SALT_LENGTH = 16;
export const HEADER_LENGTH = BLOB_MAGIC.length + 1 + SALT_LENGTH;
export const CHUNK_SIZE = 64 * 1024;
export const TAG_LENGTH = 16;
export const SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_LENGTH;

export function encodeHeader(salt: Buffer): Buffer {
  if (salt.length !== SALT_LENGTH) throw new Error(`a blob salt is ${SALT_LENGTH} bytes`);
  return Buffer.concat([BLOB_MAGIC, Buffer.from([BLOB_VERSION]), salt]);
}

export type HeaderCheck = { ok: true; salt: Buffer } | { ok: false; reason: 'not-a-blob' | 'newer-version'; version?: number };

/** Checks magic and version of a header read from disk (the chunks authenticate the rest). */
export function parseHeader(header: Buffer): HeaderCheck {
  if (header.length < HEADER_LENGTH || !header.subarray(0, BLOB_MAGIC.length).equals(BLOB_MAGIC)) return { ok: false, reason: 'not-a-blob' };
  const version = header[BLOB_MAGIC.length] as number;
  if (version > BLOB_VERSION) return { ok: false, reason: 'newer-version', version };
  if (version !== BLOB_VERSION) return { ok: false, reason: 'not-a-blob' };
  return { ok: true, salt: Buffer.from(header.subarray(BLOB_MAGIC.length + 1, HEADER_LENGTH)) };
}

/** age's STREAM nonce: 11-byte big-endian counter || 1 byte, 1 on the last chunk. */
export function chunkNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  // Chunk indexes stay far below 2^48 (16 EiB of plaintext), so 6 bytes of the 11 suffice.
  nonce.writeUIntBE(index, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

export function chunkOffset(index: number): number {
  return HEADER_LENGTH + index * SEALED_CHUNK_SIZE;
}

/** Where the chunks of a blob file of `fileLength` bytes lie, or null when no blob has that length. */
export interface Layout {
  chunks: number;
  /** Plaintext bytes in the last chunk. */
  lastLength: number;
  /** Plaintext bytes in the blob. */
  size: number;
}

export function layoutOf(fileLength: number): Layout | null {
  const body = fileLength - HEADER_LENGTH;
  if (body < TAG_LENGTH) return null;
  const full = Math.floor(body / SEALED_CHUNK_SIZE);
  const rest = body % SEALED_CHUNK_SIZE;
  if (rest === 0) return { chunks: full, lastLength: CHUNK_SIZE, size: full * CHUNK_SIZE };
  // A last chunk shorter than a tag was cut; an empty last chunk follows no full one.
  if (rest < TAG_LENGTH || (rest === TAG_LENGTH && full > 0)) return null;
  return { chunks: full + 1, lastLength: rest - TAG_LENGTH, size: full * CHUNK_SIZE + rest - TAG_LENGTH };
}

/** The plaintext length of chunk `index` of a blob laid out as `layout`. */
export function chunkLength(layout: Layout, index: number): number {
  return index === layout.chunks - 1 ? layout.lastLength : CHUNK_SIZE;
}
