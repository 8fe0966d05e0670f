import { z } from 'zod';
import { newNonce, open, seal, type ScryptParams } from './keys';
import { StoreError } from './store-error';

/**
 * Snapshot file, format 1 (read for older cases; tests make such files). Layout (big-endian):
 *   "CFWSNAP1" (8 bytes) | header length (u32) | header (UTF-8 JSON) | body ciphertext + GCM tag
 * The header is the AAD of the body, so any change to it is detected once the key is known.
 * The data key is wrapped by the passphrase key with the key fields as AAD.
 */
export const SNAPSHOT_MAGIC = Buffer.from('CFWSNAP1', 'ascii');
export const FORMAT_VERSION = 1;

const Hex = z.string().regex(/^[0-9a-f]*$/);
export const SnapshotHeader = z
  .object({
    format: z.number().int(),
    caseId: z.string(),
    kdf: z.object({ id: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: Hex }).strict(),
    wrappedKey: z.object({ nonce: Hex, data: Hex }).strict(),
    bodyNonce: Hex,
    bodyLength: z.number().int().min(16),
    /** The last journal sequence number folded into this snapshot. */
    journalSeq: z.number().int().min(0),
    schemaVersion: z.number().int(),
    savedAt: z.string(),
  })
  .strict();
export type SnapshotHeader = z.infer<typeof SnapshotHeader>;

export interface KeyHeader {
  caseId: string;
  kdf: ScryptParams;
  wrappedKey: { nonce: string; data: string };
}

function keyWrapAad(caseId: string, kdf: ScryptParams): Buffer {
  return Buffer.from(`casefile-key-wrap:v1:${caseId}:${kdf.id}:${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}`, 'utf8');
}

export function wrapDataKey(kek: Buffer, dataKey: Buffer, caseId: string, kdf: ScryptParams): KeyHeader {
  const sealed = seal(kek, dataKey, keyWrapAad(caseId, kdf));
  return { caseId, kdf, wrappedKey: { nonce: sealed.nonce.toString('hex'), data: sealed.data.toString('hex') } };
}

export function unwrapDataKey(kek: Buffer, header: KeyHeader): Buffer {
  const key = open(
    kek,
    Buffer.from(header.wrappedKey.nonce, 'hex'),
    Buffer.from(header.wrappedKey.data, 'hex'),
    keyWrapAad(header.caseId, header.kdf),
  );
  if (!key) {
    throw new StoreError('WRONG_PASSPHRASE', 'That passphrase does not unlock this case. Check it and try again (passphrases are case-sensitive).');
  }
  return key;
}

/** Encodes a snapshot of a ready body in one go (fixtures and tests that need odd bodies). */
export function encodeSnapshot(dataKey: Buffer, key: KeyHeader, meta: SnapshotMeta, body: Uint8Array): Buffer {
  const nonce = newNonce();
  const aad = snapshotAad(key, meta, nonce, body.length);
  return Buffer.concat([aad, seal(dataKey, body, aad, nonce).data]);
}

interface SnapshotMeta {
  journalSeq: number;
  schemaVersion: number;
}

/** Magic, header length and header: the part before the body, and the body's AAD. */
function snapshotAad(key: KeyHeader, meta: SnapshotMeta, nonce: Buffer, plainLength: number): Buffer {
  const header: SnapshotHeader = {
    format: FORMAT_VERSION,
    caseId: key.caseId,
    kdf: key.kdf,
    wrappedKey: key.wrappedKey,
    bodyNonce: nonce.toString('hex'),
    bodyLength: plainLength + 16,
    journalSeq: meta.journalSeq,
    schemaVersion: meta.schemaVersion,
    savedAt: new Date().toISOString(),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(12);
  SNAPSHOT_MAGIC.copy(prefix, 0);
  prefix.writeUInt32BE(headerBytes.length, 8);
  return Buffer.concat([prefix, headerBytes]);
}

export interface ParsedSnapshot {
  header: SnapshotHeader;
  aad: Buffer;
  body: Buffer;
}

/** Reads the layout without any key: tells truncation, foreign files and newer formats apart. */
export function parseSnapshot(bytes: Buffer, path: string): ParsedSnapshot {
  if (bytes.length < 12 || !bytes.subarray(0, 8).equals(SNAPSHOT_MAGIC)) {
    // Cut inside the magic or the header-length field: our file, cut short.
    const head = bytes.subarray(0, Math.min(8, bytes.length));
    if (bytes.length < 12 && SNAPSHOT_MAGIC.subarray(0, head.length).equals(head)) {
      throw new StoreError('TRUNCATED_STORE', truncatedMessage(path));
    }
    throw new StoreError('CORRUPT_STORE', `${path} is not a Casefile Workbench case file (its first bytes are wrong). Pick the right file; nothing was changed.`);
  }
  const headerLength = bytes.readUInt32BE(8);
  if (headerLength > 1_000_000) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  if (bytes.length < 12 + headerLength) throw new StoreError('TRUNCATED_STORE', truncatedMessage(path));
  let header: SnapshotHeader;
  try {
    const parsed = SnapshotHeader.safeParse(JSON.parse(bytes.subarray(12, 12 + headerLength).toString('utf8')));
    if (!parsed.success) throw new Error('bad header');
    header = parsed.data;
  } catch {
    throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  }
  if (header.format > FORMAT_VERSION) {
    throw new StoreError('UNSUPPORTED_VERSION', `${path} was written by a newer Casefile Workbench (file format ${header.format}). Update the app to open it; nothing was changed.`);
  }
  const body = bytes.subarray(12 + headerLength);
  if (body.length < header.bodyLength) throw new StoreError('TRUNCATED_STORE', truncatedMessage(path));
  if (body.length > header.bodyLength) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  return { header, aad: bytes.subarray(0, 12 + headerLength), body };
}

export function decryptSnapshotBody(dataKey: Buffer, parsed: ParsedSnapshot, path: string): Buffer {
  const plain = open(dataKey, Buffer.from(parsed.header.bodyNonce, 'hex'), parsed.body, parsed.aad);
  if (!plain) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  return plain;
}

function truncatedMessage(path: string): string {
  return `${path} is cut short (truncated), perhaps by an interrupted copy. Restore it from your copy, or from ${path}.bak (the previous save; move ${path}.journal aside too, as its edits came after that save). Nothing was changed.`;
}

export function corruptMessage(path: string): string {
  return `${path} has been altered or damaged: its contents fail the integrity check. Restore it from your copy, or from ${path}.bak (the previous save; move ${path}.journal aside too, as its edits came after that save). Nothing was changed.`;
}
