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
