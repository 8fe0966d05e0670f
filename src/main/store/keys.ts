import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { StoreError } from './store-error';

/** scrypt at N = 2^17, r = 8, p = 1: about 128 MiB and a few hundred ms, once per unlock. */
export interface ScryptParams {
  id: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
}

export const MIN_SCRYPT_N = 2 ** 17;
/** Upper bound accepted when reading a header (1 GiB of scrypt memory at r = 8). */
export const MAX_SCRYPT_N = 2 ** 20;

export function newScryptParams(): ScryptParams {
  return { id: 'scrypt', N: MIN_SCRYPT_N, r: 8, p: 1, salt: randomBytes(16).toString('hex') };
}

/** Derives the key-encryption key from a passphrase (in the libuv pool, off the event loop). */
export function deriveKek(passphrase: string, params: ScryptParams): Promise<Buffer> {
  if (params.N < MIN_SCRYPT_N || params.r < 8 || params.p < 1) {
    return Promise.reject(new StoreError('CORRUPT_STORE', 'The case file asks for a key derivation weaker than this app allows; it was altered or is not ours.'));
  }
  // scrypt needs N to be a power of two; a tampered header must not make us allocate gigabytes.
  if ((params.N & (params.N - 1)) !== 0 || params.N > MAX_SCRYPT_N || params.r > 32 || params.p > 16 || 128 * params.N * params.r > 1024 ** 3) {
    return Promise.reject(new StoreError('CORRUPT_STORE', 'The case file asks for key derivation parameters this app does not accept; it was altered or is not ours.'));
  }
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(params.salt, 'hex'),
      32,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

export interface Sealed {
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte GCM tag. */
  data: Buffer;
}

/** AES-256-GCM with a fresh random 96-bit nonce; `aad` binds the ciphertext to its context. */
export function seal(key: Buffer, plaintext: Uint8Array, aad: Uint8Array, nonce: Buffer = newNonce()): Sealed {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { nonce, data: body };
}

/** Returns null when the key is wrong or anything covered by the tag was altered. */
export function open(key: Buffer, nonce: Uint8Array, data: Uint8Array, aad: Uint8Array): Buffer | null {
  if (data.length < 16 || nonce.length !== 12) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(data.subarray(data.length - 16));
  try {
    const body = decipher.update(data.subarray(0, data.length - 16));
    const rest = decipher.final();
    // GCM is a stream mode: final() is empty, so skip a copy of the whole body (100 MB at 100k events).
    return rest.length === 0 ? body : Buffer.concat([body, rest]);
  } catch {
    return null;
  }
}

/** A fresh random 96-bit GCM nonce; never reused under one key. */
export function newNonce(): Buffer {
  return randomBytes(12);
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}
