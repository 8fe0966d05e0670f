import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, scrypt } from 'node:crypto';
import { Decrypter, Encrypter, Stanza, type Identity, type Recipient } from 'age-encryption';
import { StoreError } from '../../store/store-error';
import { ageErrorOf, ageHeaderRefusal, checkEncryptTo, type DecryptWith, type EncryptTo } from './age';

/**
 * age v1 (age-encryption.org/v1) as streams. The header — the file key wrapped for each
 * recipient, or for a passphrase — is made and opened by the `age-encryption` library; the
 * payload (STREAM: ChaCha20-Poly1305 over 64 KiB chunks, nonce = 11-byte big-endian counter ·
 * last-chunk flag, key = HKDF-SHA256(file key, 16-byte nonce, "payload")) is sealed and opened
 * here with node:crypto, which is about fifteen times faster than the library's JavaScript
 * cipher: gigabytes of evidence pass through it. The real `age` CLI reads what this writes
 * (test/unit/exchange-casefile-stream.test.ts).
 */
export const AGE_CHUNK = 64 * 1024;
const TAG = 16;
const NONCE = 16;
const MAGIC = Buffer.from('age-encryption.org/v1\n', 'latin1');
/** The longest header read: recipients are ~100 bytes each; this leaves room for thousands. */
const MAX_HEADER = 256 * 1024;
/** Sealed chunks gathered per yielded piece, so writes are ~1 MiB. */
const OUT_BATCH = 16;

/** The size of the age file for a payload of `plain` bytes, given its header's length. */
export function ageFileSize(headerLength: number, plain: number): number {
  return headerLength + NONCE + plain + TAG * Math.max(1, Math.ceil(plain / AGE_CHUNK));
}

export interface AgeSealer {
  /** The header bytes (up to and including the MAC line). */
  header: Uint8Array;
  /** The whole age file for `source`: header, nonce, then sealed chunks (~1 MiB a piece). */
  seal(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer, void, undefined>;
}

/** age's scrypt work factor for passphrases (as the library and the CLI use). */
const SCRYPT_LOG_N = 18;

/** Makes the header for `to` and returns a sealer for one file. */
export async function ageSealer(to: EncryptTo): Promise<AgeSealer> {
  checkEncryptTo(to);
  const encrypter = new Encrypter();
  let captured: Uint8Array | null = null;
  if (to.passphrase !== undefined) {
    // The library's scrypt runs in JavaScript (seconds); this stanza is the same, with node's.
    encrypter.addRecipient(scryptRecipient(to.passphrase, (fileKey) => (captured = fileKey.slice())));
  } else {
    for (const recipient of to.recipients) encrypter.addRecipient(recipient);
    // The library hands the file key to every recipient; this one keeps it and adds no stanza.
    encrypter.addRecipient({
      wrapFileKey(fileKey) {
        captured = fileKey.slice();
        return [];
      },
    });
  }
  // An empty payload is the 16-byte nonce and one empty last chunk (its 16-byte tag): the rest is the header.
  const empty = await encrypter.encrypt(new Uint8Array(0));
  const header = empty.slice(0, empty.length - NONCE - TAG);
  const fileKey: Uint8Array | null = captured;
  if (!fileKey) throw new StoreError('INTERNAL', 'The age header was made without a file key.');
  return { header, seal: (source) => sealPayload(source, header, fileKey) };
}

/**
 * age's scrypt recipient (age-encryption.org/v1, "scrypt" stanza): the file key sealed with
 * ChaCha20-Poly1305 (zero nonce) under scrypt(passphrase, "age-encryption.org/v1/scrypt" · salt,
 * N = 2^18, r = 8, p = 1). It must be the only stanza, which `checkEncryptTo` ensures.
 */
function scryptRecipient(passphrase: string, keep: (fileKey: Uint8Array) => void): Recipient {
  return {
    async wrapFileKey(fileKey) {
      keep(fileKey);
      const salt = randomBytes(16);
      const key = await scryptKey(passphrase, salt, SCRYPT_LOG_N);
      const cipher = createCipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: TAG });
      const body = Buffer.concat([cipher.update(fileKey), cipher.final(), cipher.getAuthTag()]);
      return [new Stanza(['scrypt', salt.toString('base64').replace(/=+$/, ''), String(SCRYPT_LOG_N)], body)];
    },
  };
}

/**
 * age's scrypt identity, as the library's, with node's native scrypt (the library's runs in
 * JavaScript: seconds for N = 2^18). It answers only a header whose one stanza is scrypt; a
 * wrong passphrase is "no match" (null), as age says it.
 */
function scryptIdentity(passphrase: string): Identity {
  return {
    async unwrapFileKey(stanzas) {
      const stanza = stanzas.find((s) => s.args[0] === 'scrypt');
      if (!stanza) return null;
      if (stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
      const [, saltText, logNText] = stanza.args;
      if (stanza.args.length !== 3 || !saltText || !logNText || !/^[1-9][0-9]*$/.test(logNText) || !/^[A-Za-z0-9+/]{22}$/.test(saltText)) throw new Error('invalid scrypt stanza');
      const logN = Number(logNText);
      if (logN > 20) throw new Error('scrypt work factor is too high');
      if (stanza.body.length !== 32) throw new Error('invalid scrypt stanza');
      const key = await scryptKey(passphrase, Buffer.from(saltText, 'base64'), logN);
      const decipher = createDecipheriv('chacha20-poly1305', key, Buffer.alloc(12), { authTagLength: TAG });
      decipher.setAuthTag(stanza.body.subarray(16));
      const fileKey = decipher.update(stanza.body.subarray(0, 16));
      try {
        decipher.final();
      } catch {
        return null;
      }
      return new Uint8Array(fileKey);
    },
  };
}

/** scrypt(passphrase, "age-encryption.org/v1/scrypt" · salt, N = 2^logN, r = 8, p = 1), 32 bytes, off the main thread. */
function scryptKey(passphrase: string, salt: Buffer, logN: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(Buffer.from(passphrase, 'utf8'), Buffer.concat([Buffer.from('age-encryption.org/v1/scrypt', 'latin1'), salt]), 32, { N: 2 ** logN, r: 8, p: 1, maxmem: 2 ** logN * 1024 + 64 * 1024 * 1024 }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );
}

async function* sealPayload(source: AsyncIterable<Uint8Array>, header: Uint8Array, fileKey: Uint8Array): AsyncGenerator<Buffer, void, undefined> {
  const nonce = randomBytes(NONCE);
  const key = Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
  yield Buffer.concat([header, nonce]);
  const chunk = Buffer.allocUnsafe(AGE_CHUNK);
  let used = 0;
  let index = 0;
  let batch: Buffer[] = [];
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.length) {
      // A full chunk is sealed only once more bytes follow: the last chunk carries the last flag.
      if (used === AGE_CHUNK) {
        batch.push(sealChunk(key, index++, false, chunk));
        used = 0;
        if (batch.length >= OUT_BATCH) {
          yield Buffer.concat(batch);
          batch = [];
        }
      }
      const n = Math.min(AGE_CHUNK - used, piece.length - offset);
      chunk.set(piece.subarray(offset, offset + n), used);
      used += n;
      offset += n;
    }
  }
  batch.push(sealChunk(key, index, true, chunk.subarray(0, used)));
  yield Buffer.concat(batch);
}

function chunkNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeUIntBE(index, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function sealChunk(key: Buffer, index: number, last: boolean, plain: Buffer): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, chunkNonce(index, last), { authTagLength: TAG });
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return sealed;
}

/** A chunk of the payload failed authentication, or the payload ends where no chunk can: the file was altered or cut. */
export class DamagedPayload extends StoreError {
  constructor(
    readonly chunk: number,
    readonly detail: string,
  ) {
    super('CORRUPT_STORE', damagedPayloadMessage(detail));
  }
}

export function damagedPayloadMessage(detail: string): string {
  return `The file is damaged: it was altered or cut short after it was made (${detail}). Nothing was read from it; ask the sender for a new copy.`;
}

/**
 * Opens an age file given as pieces: reads the header (at most 256 KiB), unwraps the file key
 * with `using`, and returns the verified plaintext, chunk by chunk: no byte is returned before
 * its chunk authenticates, and the end is checked (a file cut at a chunk boundary fails too).
 */
export async function openAge(source: AsyncIterable<Uint8Array>, using: DecryptWith): Promise<AsyncGenerator<Buffer, void, undefined>> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    return await openHeader(iterator, using);
  } catch (error) {
    // Refused at the header: let the source close its file now.
    await iterator.return?.();
    throw error;
  }
}

async function openHeader(iterator: AsyncIterator<Uint8Array>, using: DecryptWith): Promise<AsyncGenerator<Buffer, void, undefined>> {
  let held: Buffer = Buffer.alloc(0);
  let ended = false;
  const more = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      return false;
    }
    const piece = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    held = held.length === 0 ? piece : Buffer.concat([held, piece]);
    return true;
  };
  // The header: the magic line, stanzas, and the MAC line "--- …\n".
  let headerEnd = -1;
  for (let searched = 0; headerEnd < 0; ) {
    if (held.length >= MAGIC.length && !held.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new StoreError('CORRUPT_STORE', 'This is not a case file: it does not start like an age-encrypted file (or its first bytes were altered).');
    }
    const mac = held.indexOf('\n--- ', Math.max(0, searched - 5));
    if (mac >= 0) {
      const end = held.indexOf('\n', mac + 1);
      if (end >= 0) headerEnd = end + 1;
    }
    if (headerEnd >= 0) break;
    searched = held.length;
    if (held.length > MAX_HEADER) throw new StoreError('CORRUPT_STORE', 'This is not a case file, or it is damaged: its age header does not end within 256 KiB.');
    if (!(await more())) {
      throw new StoreError('CORRUPT_STORE', held.length < MAGIC.length ? 'This is not a case file: it does not start like an age-encrypted file.' : 'The file is damaged: it was altered or cut short inside its header. Nothing was read from it.');
    }
  }
  const header = held.subarray(0, headerEnd);
  const refused = ageHeaderRefusal(header, using.passphrase !== undefined);
  if (refused) throw new StoreError('CORRUPT_STORE', `The file's encryption header cannot be opened: ${refused}. It was altered or made to exhaust this computer; nothing was read from it.`);
  const decrypter = new Decrypter();
  for (const identity of using.identities) decrypter.addIdentity(identity);
  if (using.passphrase !== undefined) decrypter.addIdentity(scryptIdentity(using.passphrase));
  let fileKey: Uint8Array;
  try {
    fileKey = await decrypter.decryptHeader(header);
  } catch (error) {
    throw ageErrorOf(error);
  }
  held = held.subarray(headerEnd);
  while (held.length < NONCE) if (!(await more())) throw new DamagedPayload(0, 'it ends right after its header');
  const key = Buffer.from(hkdfSync('sha256', fileKey, held.subarray(0, NONCE), 'payload', 32));
  held = held.subarray(NONCE);
  return openPayload(key, held, iterator);
}

async function* openPayload(key: Buffer, first: Buffer, iterator: AsyncIterator<Uint8Array>): AsyncGenerator<Buffer, void, undefined> {
  const chunk = Buffer.allocUnsafe(AGE_CHUNK + TAG);
  let used = 0;
  let index = 0;
  const take = function* (piece: Uint8Array): Generator<Buffer> {
    let offset = 0;
    while (offset < piece.length) {
      // A full chunk is opened only once more bytes follow, so the last one is opened as last.
      if (used === chunk.length) {
        yield openChunk(key, index++, false, chunk);
        used = 0;
      }
      const n = Math.min(chunk.length - used, piece.length - offset);
      chunk.set(piece.subarray(offset, offset + n), used);
      used += n;
      offset += n;
    }
  };
  try {
    yield* take(first);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      yield* take(next.value);
    }
  } finally {
    // Stopped early (an error further on): let the source close its file.
    await iterator.return?.();
  }
  if (used < TAG) throw new DamagedPayload(index, `it ends part-way through piece ${index + 1} of its encrypted content`);
  const plain = openChunk(key, index, true, chunk.subarray(0, used));
  if (plain.length === 0 && index > 0) throw new DamagedPayload(index, 'its encrypted content ends with an empty piece, which age never writes');
  yield plain;
}

function openChunk(key: Buffer, index: number, last: boolean, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('chacha20-poly1305', key, chunkNonce(index, last), { authTagLength: TAG });
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  const plain = decipher.update(sealed.subarray(0, sealed.length - TAG));
  try {
    decipher.final();
  } catch {
    // A full chunk that fails as "not last" may be the real last chunk of a file cut right after it.
    throw new DamagedPayload(index, `piece ${index + 1} of its encrypted content fails authentication`);
  }
  return plain;
}

/** Decrypts a whole age file held in memory (small files and tests; case files are read as streams). */
export async function ageDecrypt(file: Uint8Array, using: DecryptWith): Promise<Uint8Array> {
  const pieces: Buffer[] = [];
  for await (const piece of await openAge(onePiece(file), using)) pieces.push(piece);
  return new Uint8Array(Buffer.concat(pieces));
}

/** Bytes in memory as a source of one piece. */
export async function* onePiece(bytes: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  yield bytes;
}
