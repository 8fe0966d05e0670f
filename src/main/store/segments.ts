import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { newNonce } from './keys';

/**
 * A sealed segment: one bounded piece of a larger whole (a snapshot), sealed on its own with
 * AES-256-GCM so it can be read, checked and parsed without the rest.
 *
 *   u32 length of what follows | u8 flags | nonce (12) | ciphertext | tag (16)
 *
 * The AAD binds the segment to its file (a digest of the file's header), to its position and to
 * its flags, so segments cannot be moved between files, reordered, dropped from the middle, or
 * passed off as the last one: the last segment carries FINAL, and a file that ends without it
 * was cut short.
 */
export const SEGMENT_FINAL = 0x01;
export const SEGMENT_FIXED = 1 + 12 + 16;
/** A segment frame's length field may not claim more than this (a damaged field must not make us allocate gigabytes). */
export const MAX_SEGMENT_BYTES = 256 * 1024 * 1024;

export function headerDigest(headerBytes: Uint8Array): Buffer {
  return createHash('sha256').update('casefile-segments:v2\0').update(headerBytes).digest();
}

function segmentAad(digest: Buffer, index: number, flags: number): Buffer {
  const aad = Buffer.alloc(digest.length + 9);
  digest.copy(aad, 0);
  aad.writeBigUInt64BE(BigInt(index), digest.length);
  aad.writeUInt8(flags, digest.length + 8);
  return aad;
}

/** The frame of one segment, as pieces to write in order (the plaintext may come in pieces too). */
export function sealSegment(key: Buffer, digest: Buffer, index: number, final: boolean, plaintext: readonly Uint8Array[]): Buffer[] {
  const flags = final ? SEGMENT_FINAL : 0;
  const nonce = newNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(segmentAad(digest, index, flags));
  const sealed = plaintext.map((piece) => cipher.update(piece));
  sealed.push(cipher.final(), cipher.getAuthTag());
  const head = Buffer.alloc(5);
  head.writeUInt32BE(1 + 12 + sealed.reduce((sum, piece) => sum + piece.length, 0), 0);
  head.writeUInt8(flags, 4);
  return [head, nonce, ...sealed];
}

/** The plaintext of a segment frame's body (`flags · nonce · ciphertext · tag`), or null when it fails authentication. */
export function openSegment(key: Buffer, digest: Buffer, index: number, body: Buffer): { plaintext: Buffer; final: boolean } | null {
  if (body.length < SEGMENT_FIXED) return null;
  const flags = body.readUInt8(0);
  const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(1, 13));
  decipher.setAAD(segmentAad(digest, index, flags));
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    const plaintext = decipher.update(body.subarray(13, body.length - 16));
    decipher.final();
    return { plaintext, final: (flags & SEGMENT_FINAL) !== 0 };
  } catch {
    return null;
  }
}
