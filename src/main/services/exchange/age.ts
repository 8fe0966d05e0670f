import { Encrypter } from 'age-encryption';
import { StoreError } from '../../store/store-error';

export interface EncryptTo {
  /** age X25519 recipients (`age1…`). */
  recipients: readonly string[];
  /** Or a passphrase (age's scrypt mode); age allows no other recipient beside it. */
  passphrase?: string;
}

export interface DecryptWith {
  identities: readonly string[];
  passphrase?: string;
}

/** Refuses what age cannot encrypt to, with a message that says what to do. */
export function checkEncryptTo(to: EncryptTo): void {
  if (to.passphrase !== undefined && to.recipients.length > 0) {
    throw new StoreError('VALIDATION', 'age encrypts a file either to recipients or to a passphrase, not both. Make two files, or pick one.');
  }
  if (to.passphrase === undefined && to.recipients.length === 0) throw new StoreError('VALIDATION', 'Nobody could open this file: give at least one recipient (an age1… key) or a passphrase.');
  for (const recipient of to.recipients) {
    if (!/^age1[02-9ac-hj-np-z]{58}$/.test(recipient)) throw new StoreError('VALIDATION', `“${recipient}” is not an age X25519 recipient (age1…, 62 characters).`);
  }
}

/** Encrypts bytes whole with the age-encryption library (small files, and tests that craft files). */
export async function ageEncrypt(plain: Uint8Array, to: EncryptTo): Promise<Uint8Array> {
  checkEncryptTo(to);
  const encrypter = new Encrypter();
  if (to.passphrase !== undefined) encrypter.setPassphrase(to.passphrase);
  for (const recipient of to.recipients) encrypter.addRecipient(recipient);
  return encrypter.encrypt(plain);
}

/** age's errors as messages that say what to do. */
export function ageErrorOf(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const message = (error as Error | undefined)?.message ?? String(error);
  if (/no identity matched/.test(message)) {
    return new StoreError(
      'WRONG_PASSPHRASE',
      'None of your keys opens this file: it was encrypted to someone else’s key or to another passphrase, or its header was altered. Check that the sender used your age key (`casefile keys list`), or try --identity / --passphrase-file.',
    );
  }
  if (/HMAC|invalid tag|stream|truncat|chunk|short/i.test(message)) {
    return new StoreError('CORRUPT_STORE', 'The file is damaged: it was altered or cut short after it was made. Nothing was read from it; ask the sender for a new copy.');
  }
  return new StoreError('CORRUPT_STORE', `The file's encryption layer cannot be read (${message}). It was altered or is not a case file; nothing was read from it.`);
}

export const AGE_MAGIC = 'age-encryption.org/v1\n';

export function notAgeFile(): StoreError {
  return new StoreError('CORRUPT_STORE', 'This is not a case file: it does not start like an age-encrypted file (or its first bytes were altered).');
}

/**
 * Bounds on the age header, checked before the age library parses it. The library reads any
 * number of stanzas of any length and tries every one against every key (about 1.5 ms each:
 * 10,000 stanzas took 18 s), and runs scrypt at whatever work factor a stanza names (2^20 takes
 * 1.1 GB and half a minute). A real header holds a few lines per recipient.
 */
export const MAX_AGE_HEADER_BYTES = 1024 * 1024;
export const MAX_AGE_STANZAS = 1_000;
/** age's own default, and what this app writes; each step up doubles time and memory (2^18: 256 MB). */
export const MAX_SCRYPT_LOG_N = 18;

/** Why the header of an age file (its magic already checked) should not be parsed, or null. */
export function ageHeaderRefusal(file: Uint8Array, withPassphrase: boolean): string | null {
  const bytes = Buffer.from(file.buffer, file.byteOffset, Math.min(file.byteLength, MAX_AGE_HEADER_BYTES));
  const end = bytes.indexOf('\n--- ');
  if (end < 0) return file.byteLength > MAX_AGE_HEADER_BYTES ? `its header runs past ${MAX_AGE_HEADER_BYTES / (1024 * 1024)} MB, where a real one is a few lines a recipient` : null;
  const header = bytes.subarray(0, end).toString('latin1');
  let stanzas = 0;
  for (let i = header.indexOf('\n-> '); i >= 0; i = header.indexOf('\n-> ', i + 1)) {
    if (++stanzas > MAX_AGE_STANZAS) return `it names more than ${MAX_AGE_STANZAS.toLocaleString('en')} recipients`;
  }
  if (withPassphrase) {
    for (const match of header.matchAll(/\n-> scrypt \S+ (\d+)/g)) {
      const logN = Number(match[1]);
      if (logN > MAX_SCRYPT_LOG_N) return `its passphrase is stretched with work factor 2^${logN}, beyond the 2^${MAX_SCRYPT_LOG_N} age uses (it would take ${logN <= 40 ? `${2 ** (logN - 20)} GB` : 'more than any computer has'} of memory); ask the sender to encrypt it again with age's defaults or to your age key`;
    }
  }
  return null;
}
