import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { chunkNonce, TAG_LENGTH } from './format';

const BLOB_KEY_INFO = 'casefile-blob-v1';
const NAME_KEY_INFO = 'casefile-blob-name-v1';

/** The per-blob key: HKDF-SHA256(data key, the blob's random salt, "casefile-blob-v1"). */
export function blobKey(dataKey: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, salt, BLOB_KEY_INFO, 32));
}

/** The key that turns a plaintext SHA-256 into a file name: HKDF-SHA256(data key, no salt, "casefile-blob-name-v1"). */
export function nameKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), NAME_KEY_INFO, 32));
}

/**
 * A blob's file name: hex HMAC-SHA256(name key, the 32 raw bytes of the plaintext SHA-256).
 * Without the case's key nobody can tell which content a name stands for, nor confirm a guess.
 */
export function blobFileName(key: Buffer, sha256: string): string {
  return `${createHmac('sha256', key).update(Buffer.from(sha256, 'hex')).digest('hex')}.blob`;
}

/** The AAD of chunk: the header, and for the last chunk also the plaintext SHA-256 (raw). */
export function chunkAad(header: Buffer, lastSha256: Buffer | null): Buffer {
  return lastSha256 ? Buffer.concat([header, lastSha256]) : header;
}

/** Seals one chunk: its ciphertext and its 16-byte tag, which follow each other on disk. */
export function sealChunk(key: Buffer, index: number, last: boolean, aad: Buffer, plaintext: Uint8Array): [ciphertext: Buffer, tag: Buffer] {
  const cipher = createCipheriv('aes-256-gcm', key, chunkNonce(index, last));
  cipher.setAAD(aad);
  const body = cipher.update(plaintext);
  cipher.final();
  return [body, cipher.getAuthTag()];
}

/** Opens one sealed chunk; null when it fails authentication (altered, moved, cut, or another key). */
export function openChunk(key: Buffer, index: number, last: boolean, aad: Buffer, sealed: Buffer): Buffer | null {
  if (sealed.length < TAG_LENGTH) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, chunkNonce(index, last));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
  try {
    const body = decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH));
    decipher.final();
    return body;
  } catch {
    return null;
  }
}
