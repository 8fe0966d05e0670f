import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { StoreError } from '../../store/store-error';

/** The user's own key pairs: Ed25519 for signing case files, age X25519 for receiving them. */
export interface OwnIdentity {
  name: string;
  /** PKCS#8 DER of the Ed25519 private key, base64. */
  signingPrivate: string;
  /** Raw 32-byte Ed25519 public key, base64. */
  signingKey: string;
  /** `AGE-SECRET-KEY-1…`, as age-keygen writes it. */
  ageIdentity: string;
  /** `age1…` */
  ageRecipient: string;
  createdAt: string;
}

/** A partner's public keys, named by the user. */
export interface PartnerKey {
  name: string;
  signingKey: string;
  ageRecipient?: string;
  addedAt: string;
}

export async function newIdentity(name: string, now = new Date()): Promise<OwnIdentity> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const ageIdentity = await generateX25519Identity();
  return {
    name,
    signingPrivate: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    signingKey: rawPublicKey(publicKey),
    ageIdentity,
    ageRecipient: await identityToRecipient(ageIdentity),
    createdAt: now.toISOString(),
  };
}

function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url').toString('base64');
}

/** 128 bits of SHA-256 over the raw signing key, as eight groups of four hex digits. */
export function fingerprint(signingKey: string): string {
  const hex = createHash('sha256').update(Buffer.from(signingKey, 'base64')).digest('hex').slice(0, 32);
  return hex.match(/.{4}/g)?.join(':') ?? hex;
}

export function signBytes(identity: OwnIdentity, data: Uint8Array): string {
  const key = createPrivateKey({ key: Buffer.from(identity.signingPrivate, 'base64'), format: 'der', type: 'pkcs8' });
  return sign(null, data, key).toString('base64');
}

export function verifyBytes(signingKey: string, data: Uint8Array, signature: string): boolean {
  try {
    const raw = Buffer.from(signingKey, 'base64');
    if (raw.length !== 32) return false;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    return verify(null, data, key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

const PUBLIC_HEADER = '# casefile public key v1';

/** The small text file a user hands to partners: name, signing key, age recipient. */
export function publicKeyText(identity: Pick<OwnIdentity, 'name' | 'signingKey' | 'ageRecipient'>): string {
  return [PUBLIC_HEADER, `name: ${identity.name}`, `signing: ed25519:${identity.signingKey}`, `age: ${identity.ageRecipient}`, `fingerprint: ${fingerprint(identity.signingKey)}`, ''].join('\n');
}

export function parsePublicKeyText(text: string, now = new Date()): PartnerKey {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z]+):\s*(.+?)\s*$/.exec(line);
    if (m) fields.set(m[1] as string, m[2] as string);
  }
  const signing = /^ed25519:([A-Za-z0-9+/]{43}=)$/.exec(fields.get('signing') ?? '');
  const age = fields.get('age');
  if (!text.startsWith(PUBLIC_HEADER) || !signing) {
    throw new StoreError('VALIDATION', 'This is not a Casefile public key file (it should start with "# casefile public key v1" and hold a "signing: ed25519:…" line). Ask your partner to export it again with `casefile keys export`.');
  }
  if (age !== undefined && !/^age1[02-9ac-hj-np-z]{58}$/.test(age)) throw new StoreError('VALIDATION', `The "age:" line is not an age X25519 recipient (age1…); the key was not imported.`);
  const signingKey = signing[1] as string;
  const stated = fields.get('fingerprint');
  if (stated && stated !== fingerprint(signingKey)) throw new StoreError('VALIDATION', 'The fingerprint in the file does not match its signing key: the file was altered. The key was not imported.');
  return { name: (fields.get('name') ?? 'partner').slice(0, 200), signingKey, ...(age ? { ageRecipient: age } : {}), addedAt: now.toISOString() };
}
