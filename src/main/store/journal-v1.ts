import { createCipheriv } from 'node:crypto';
import { newNonce, open } from './keys';
import { StoreError } from './store-error';

/**
 * The journal as written before format 2 (read for migration, and by tests that make old files).
 * Journal file layout (big-endian):
 *   "CFWJRNL1" (8) | case-id length (u16) | case id (UTF-8)
 *   then records: length of the rest (u32) | seq (u64) | nonce (12) | ciphertext + tag
 * Each record is sealed with the data key; its AAD is the file prefix plus its seq, so records
 * cannot be reordered, moved to another case or edited without detection.
 */
export const JOURNAL_MAGIC_V1 = Buffer.from('CFWJRNL1', 'ascii');
const RECORD_FIXED = 8 + 12 + 16;

export function journalPrefixV1(caseId: string): Buffer {
  const id = Buffer.from(caseId, 'utf8');
  const prefix = Buffer.alloc(10 + id.length);
  JOURNAL_MAGIC_V1.copy(prefix, 0);
  prefix.writeUInt16BE(id.length, 8);
  id.copy(prefix, 10);
  return prefix;
}

function recordAad(prefix: Buffer, seq: bigint): Buffer {
  const seqBytes = Buffer.alloc(8);
  seqBytes.writeBigUInt64BE(seq);
  return Buffer.concat([prefix, seqBytes]);
}

/**
 * One sealed record as pieces to write in order, so a large entry (an import of 100,000 rows)
 * is never held as one contiguous plaintext, ciphertext and record at once.
 */
function encodeRecordPieces(dataKey: Buffer, prefix: Buffer, seq: number, payload: readonly Buffer[]): Buffer[] {
  const seqBig = BigInt(seq);
  const nonce = newNonce();
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
  cipher.setAAD(recordAad(prefix, seqBig));
  const sealed = payload.map((chunk) => cipher.update(chunk));
  sealed.push(cipher.final(), cipher.getAuthTag());
  const sealedLength = sealed.reduce((sum, piece) => sum + piece.length, 0);
  const head = Buffer.alloc(4 + 8);
  head.writeUInt32BE(8 + 12 + sealedLength, 0);
  head.writeBigUInt64BE(seqBig, 4);
  return [head, nonce, ...sealed];
}

export function encodeRecordV1(dataKey: Buffer, prefix: Buffer, seq: number, payload: Uint8Array): Buffer {
  return Buffer.concat(encodeRecordPieces(dataKey, prefix, seq, [Buffer.from(payload)]));
}

export interface JournalRead {
  /** Each record with its byte offset in the file. */
  records: Array<{ seq: number; payload: Buffer; offset: number }>;
  /** Byte length of the intact part; anything past it is an unfinished append from a crash. */
  validLength: number;
  /** True when an unfinished last record was found and set aside. */
  tornTail: boolean;
}

/**
 * Decodes and authenticates every record. A damaged record followed by others means the file
 * was altered (an append is only acknowledged once it and all before it are on disk); a damaged
 * last record is an append cut short by a crash, never acknowledged, and is reported as torn.
 */
export function readJournalV1(bytes: Buffer, dataKey: Buffer, caseId: string, path: string): JournalRead {
  const prefix = journalPrefixV1(caseId);
  if (bytes.length < prefix.length) {
    // A journal is created whole (temp + rename); a short one was cut after the fact.
    throw new StoreError('TRUNCATED_STORE', `The journal ${path} is cut short. Restore the case folder from a copy.`);
  }
  if (!bytes.subarray(0, prefix.length).equals(prefix)) {
    throw new StoreError('CORRUPT_STORE', `The journal ${path} does not belong to this case or was altered. Restore it from a copy; nothing was changed.`);
  }
  const records: JournalRead['records'] = [];
  let offset = prefix.length;
  while (offset < bytes.length) {
    const remaining = bytes.length - offset;
    const length = remaining >= 4 ? bytes.readUInt32BE(offset) : -1;
    const complete = length >= RECORD_FIXED && remaining >= 4 + length;
    const isLast = !complete || offset + 4 + length === bytes.length;
    let payload: Buffer | null = null;
    let seq = -1;
    if (complete) {
      const seqBig = bytes.readBigUInt64BE(offset + 4);
      seq = Number(seqBig);
      const nonce = bytes.subarray(offset + 12, offset + 24);
      const data = bytes.subarray(offset + 24, offset + 4 + length);
      payload = open(dataKey, nonce, data, recordAad(prefix, seqBig));
    }
    if (!payload) {
      // A damaged length field also makes a record look unfinished: it is a torn tail only if no
      // intact record follows it (discarding the rest would silently lose acknowledged edits).
      if (isLast && !intactRecordFollows(bytes, offset, dataKey, prefix)) return { records, validLength: offset, tornTail: true };
      throw new StoreError('CORRUPT_STORE', `The journal ${path} was altered or damaged at byte ${offset}. Restore it from a copy; nothing was changed.`);
    }
    records.push({ seq, payload, offset });
    offset += 4 + length;
  }
  return { records, validLength: offset, tornTail: false };
}

/** True when a whole, authentic record with the next seq starts somewhere after `offset`. */
function intactRecordFollows(bytes: Buffer, offset: number, dataKey: Buffer, prefix: Buffer): boolean {
  if (bytes.length - offset < 12) return false;
  const next = bytes.readBigUInt64BE(offset + 4) + 1n;
  const needle = Buffer.alloc(8);
  needle.writeBigUInt64BE(next);
  for (let hit = bytes.indexOf(needle, offset + 12); hit !== -1; hit = bytes.indexOf(needle, hit + 1)) {
    const start = hit - 4;
    const length = bytes.readUInt32BE(start);
    if (length < RECORD_FIXED || start + 4 + length > bytes.length) continue;
    const data = bytes.subarray(start + 24, start + 4 + length);
    if (open(dataKey, bytes.subarray(start + 12, start + 24), data, recordAad(prefix, next))) return true;
  }
  return false;
}
