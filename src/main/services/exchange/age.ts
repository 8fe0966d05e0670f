import { Decrypter, Encrypter } from 'age-encryption';
import { StoreError } from '../../store/store-error';

export interface EncryptTo {
  /** age X25519 recipients (`age1…`). */
  recipients: readonly string[];
  /** Or a passphrase (age's scrypt mode); age allows no other recipient beside it. */
  passphrase?: string;
}

export async function ageEncrypt(plain: Uint8Array, to: EncryptTo): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  if (to.passphrase !== undefined && to.recipients.length > 0) {
    throw new StoreError('VALIDATION', 'age encrypts a file either to recipients or to a passphrase, not both. Make two files, or pick one.');
  }
  if (to.passphrase !== undefined) encrypter.setPassphrase(to.passphrase);
  else if (to.recipients.length === 0) throw new StoreError('VALIDATION', 'Nobody could open this file: give at least one recipient (an age1… key) or a passphrase.');
  for (const recipient of to.recipients) {
    if (!/^age1[02-9ac-hj-np-z]{58}$/.test(recipient)) throw new StoreError('VALIDATION', `“${recipient}” is not an age X25519 recipient (age1…, 62 characters).`);
    encrypter.addRecipient(recipient);
  }
  return encrypter.encrypt(plain);
}

export interface DecryptWith {
  identities: readonly string[];
  passphrase?: string;
}

const AGE_MAGIC = 'age-encryption.org/v1\n';

/** Decrypts, turning age's errors into messages that say what to do. */
export async function ageDecrypt(file: Uint8Array, using: DecryptWith): Promise<Uint8Array> {
  if (Buffer.from(file.subarray(0, AGE_MAGIC.length)).toString('latin1') !== AGE_MAGIC) {
    throw new StoreError('CORRUPT_STORE', 'This is not a case file: it does not start like an age-encrypted file (or its first bytes were altered).');
  }
  const decrypter = new Decrypter();
  for (const identity of using.identities) decrypter.addIdentity(identity);
  if (using.passphrase !== undefined) decrypter.addPassphrase(using.passphrase);
  try {
    return await decrypter.decrypt(file);
  } catch (error) {
    const message = (error as Error).message ?? '';
    if (/no identity matched/.test(message)) {
      throw new StoreError(
        'WRONG_PASSPHRASE',
        'None of your keys opens this file: it was encrypted to someone else’s key or to another passphrase, or its header was altered. Check that the sender used your age key (`casefile keys list`), or try --identity / --passphrase-file.',
      );
    }
    if (/invalid tag|stream|truncat|chunk|short/i.test(message)) {
      throw new StoreError('CORRUPT_STORE', 'The file is damaged: it was altered or cut short after it was made. Nothing was read from it; ask the sender for a new copy.');
    }
    throw new StoreError('CORRUPT_STORE', `The file's encryption layer cannot be read (${message}). It was altered or is not a case file; nothing was read from it.`);
  }
}
