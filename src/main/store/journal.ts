import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { AuditEntry, Change } from '../../shared/domain/audit';
import type { ByteReader } from './byte-reader';
import { newNonce } from './keys';
import { StoreError } from './store-error';

/**
 * Journal file, format 2 (big-endian):
 *   "CFWJRNL2" (8) | case-id length (u16) | case id (UTF-8)
 *   then frames: length of the rest (u32) | seq (u64) | part (u32) | flags (u8) | nonce (12) | ciphertext + tag
 * One audit entry is one or more frames with its seq, parts 0, 1, 2…, the last flagged FINAL. Each
 * frame is sealed on its own with the data key; its AAD is the file prefix, seq, part and flags,
 * so frames cannot be reordered, moved to another case, edited, or passed off as an entry's end.
 * A part holds about PART_BYTES of the entry, so an import of a million rows is journaled, and
 * replayed, in bounded pieces: part 0 `{"e":{…entry without changes…},"c":[…]}`, then `{"c":[…]}`.
 * An entry counts only when its FINAL frame is on disk (and fsynced: the acknowledgement).
 *
 * Group commit writes up to MAX_BATCH_ENTRIES entries and fsyncs once. Every part of an entry
 * written after another in one batch says where its batch began, `"b":<first seq>` (absent: the
 * entry is a batch of its own), so a power cut that keeps a later sector of the batch and loses an
 * earlier one reads as a torn tail, not as damage to acknowledged edits.
 */
export const JOURNAL_MAGIC = Buffer.from('CFWJRNL2', 'ascii');
const FINAL = 0x01;
const FRAME_FIXED = 8 + 4 + 1 + 12 + 16;
const MAX_FRAME = 256 * 1024 * 1024;
export const PART_BYTES = 1024 * 1024;
/** Most entries one journal write and fsync may carry (the reader's bound when it tells a torn batch from damage). */
export const MAX_BATCH_ENTRIES = 256;

export function journalPrefix(caseId: string): Buffer {
  const id = Buffer.from(caseId, 'utf8');
  const prefix = Buffer.alloc(10 + id.length);
  JOURNAL_MAGIC.copy(prefix, 0);
  prefix.writeUInt16BE(id.length, 8);
  id.copy(prefix, 10);
  return prefix;
}

function frameAad(prefix: Buffer, seq: bigint, part: number, flags: number): Buffer {
  const tail = Buffer.alloc(13);
  tail.writeBigUInt64BE(seq, 0);
  tail.writeUInt32BE(part, 8);
  tail.writeUInt8(flags, 12);
  return Buffer.concat([prefix, tail]);
}

function sealFrame(dataKey: Buffer, prefix: Buffer, seq: number, part: number, final: boolean, plaintext: Buffer): Buffer[] {
  const flags = final ? FINAL : 0;
  const seqBig = BigInt(seq);
  const nonce = newNonce();
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
  cipher.setAAD(frameAad(prefix, seqBig, part, flags));
  const sealed = [cipher.update(plaintext), cipher.final(), cipher.getAuthTag()];
  const head = Buffer.alloc(4 + 8 + 4 + 1);
  head.writeUInt32BE(8 + 4 + 1 + 12 + sealed.reduce((sum, piece) => sum + piece.length, 0), 0);
  head.writeBigUInt64BE(seqBig, 4);
  head.writeUInt32BE(part, 12);
  head.writeUInt8(flags, 16);
  return [head, nonce, ...sealed];
}

/**
 * The frames of one entry, a part at a time: serialised change by change, so no text the size of
 * a large import is ever made. Gives the event loop a turn between parts.
 */
export async function* entryFrames(dataKey: Buffer, prefix: Buffer, entry: AuditEntry, partBytes = PART_BYTES, batchStart = entry.seq): AsyncGenerator<Buffer> {
  const { changes, ...head } = entry;
  const batch = batchStart === entry.seq ? '' : `"b":${batchStart},`;
  let part = 0;
  let pieces: string[] = [`{"e":${JSON.stringify(head)},${batch}"c":[`];
  let size = pieces[0]!.length;
  let comma = false;
  for (let i = 0; i < changes.length; i++) {
    const text = `${comma ? ',' : ''}${JSON.stringify(changes[i])}`;
    pieces.push(text);
    size += text.length;
    comma = true;
    if (size >= partBytes && i < changes.length - 1) {
      pieces.push(']}');
      yield* sealFrame(dataKey, prefix, entry.seq, part++, false, Buffer.from(pieces.join(''), 'utf8'));
      await new Promise<void>((resolve) => setImmediate(resolve));
      pieces = [`{${batch}"c":[`];
      size = pieces[0]!.length;
      comma = false;
    }
  }
  pieces.push(']}');
  yield* sealFrame(dataKey, prefix, entry.seq, part, true, Buffer.from(pieces.join(''), 'utf8'));
}

export interface JournalEntry {
  seq: number;
  entry: AuditEntry;
  /** Byte offset of the entry's first frame. */
  offset: number;
}

export interface JournalTail {
  /** Byte length of the intact part; anything past it is an unfinished append from a crash. */
  validLength: number;
  /** True when an unfinished last entry was found and set aside. */
  tornTail: boolean;
}

/**
 * Reads the journal entry by entry (`onEntry` for each whole one), authenticating every frame.
 * A damaged frame followed by an intact frame of a later entry means the file was altered (an
 * entry is acknowledged only when it and all before it are on disk). A damaged or missing piece
 * of the last entry is an append a crash cut short, never acknowledged: it is reported as torn.
 */
export async function readJournal(
  reader: ByteReader,
  dataKey: Buffer,
  caseId: string,
  path: string,
  onEntry: (entry: JournalEntry) => void | Promise<void>,
  /**
   * The seq the journal's first new entry takes (the snapshot's journalSeq + 1). A crash can tear
   * the first append of a fresh journal so its seq field reads as zeros: the entry's own later
   * frames must not then pass for later, acknowledged edits.
   */
  firstNewSeq = 0,
): Promise<JournalTail> {
  const prefix = journalPrefix(caseId);
  const head = await reader.take(prefix.length);
  if (!head) throw new StoreError('TRUNCATED_STORE', `The journal ${path} is cut short. Restore the case folder from a copy.`);
  if (!head.equals(prefix)) {
    throw new StoreError('CORRUPT_STORE', `The journal ${path} does not belong to this case or was altered. Restore it from a copy; nothing was changed.`);
  }
  let lastGood = -1;
  let current: { seq: number; offset: number; parts: unknown[]; next: number } | null = null;
  while (reader.remaining > 0) {
    const at = reader.position;
    const frame = await readFrame(reader, dataKey, prefix);
    if (!frame) {
      const damagedSeq = current ? current.seq : lastGood >= 0 ? lastGood + 1 : Math.max(await seqFieldAt(reader, at), firstNewSeq);
      if (await laterEntryFollows(reader, at, damagedSeq, dataKey, prefix)) {
        throw new StoreError('CORRUPT_STORE', `The journal ${path} was altered or damaged at byte ${at}. Restore it from a copy; nothing was changed.`);
      }
      return { validLength: current ? current.offset : at, tornTail: true };
    }
    if (current && frame.seq !== current.seq) {
      throw new StoreError('CORRUPT_STORE', `The journal ${path} breaks off edit ${current.seq} at byte ${at} and goes on with edit ${frame.seq}; it was altered. Restore it from a copy; nothing was changed.`);
    }
    if (!current) current = { seq: frame.seq, offset: at, parts: [], next: 0 };
    if (frame.part !== current.next) {
      throw new StoreError('CORRUPT_STORE', `The journal ${path} holds part ${frame.part} of edit ${frame.seq} where part ${current.next} belongs; it was altered. Restore it from a copy; nothing was changed.`);
    }
    current.parts.push(parsePart(frame.plaintext, path));
    current.next++;
    if (frame.final) {
      await onEntry({ seq: current.seq, offset: current.offset, entry: assemble(current.parts, path) });
      lastGood = current.seq;
      current = null;
    }
  }
  // Frames of an entry without its FINAL frame: cut short by a crash before it was acknowledged.
  return current ? { validLength: current.offset, tornTail: true } : { validLength: reader.position, tornTail: false };
}

/** The seq field of the frame at `at` as written (it may itself be damaged), for a journal's very first frame. */
async function seqFieldAt(reader: ByteReader, at: number): Promise<number> {
  reader.rewindTo(at + 4);
  const field = await reader.take(8);
  reader.rewindTo(at);
  return field ? Number(field.readBigUInt64BE(0)) : 0;
}

interface Frame {
  seq: number;
  part: number;
  final: boolean;
  plaintext: Buffer;
}

async function readFrame(reader: ByteReader, dataKey: Buffer, prefix: Buffer): Promise<Frame | null> {
  const start = reader.position;
  const lengthField = await reader.take(4);
  const length = lengthField ? lengthField.readUInt32BE(0) : -1;
  if (length < FRAME_FIXED || length > MAX_FRAME || length > reader.remaining) {
    reader.rewindTo(start);
    return null;
  }
  const body = (await reader.take(length))!;
  const seqBig = body.readBigUInt64BE(0);
  const part = body.readUInt32BE(8);
  const flags = body.readUInt8(12);
  const decipher = createDecipheriv('aes-256-gcm', dataKey, body.subarray(13, 25));
  decipher.setAAD(frameAad(prefix, seqBig, part, flags));
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    const plaintext = decipher.update(body.subarray(25, body.length - 16));
    decipher.final();
    return { seq: Number(seqBig), part, final: (flags & FINAL) !== 0, plaintext };
  } catch {
    reader.rewindTo(start);
    return null;
  }
}

/**
 * True when an intact frame of an entry of a batch after the damaged entry's starts somewhere
 * after `from`: then the damaged entry had been acknowledged (its batch's fsync came before the
 * next batch was written), and the damage is not a crash's doing. Entries of the damaged entry's
 * own batch may survive a cut beside it (their sectors reached the disk, its did not): they were
 * never acknowledged either. The next batch starts at most MAX_BATCH_ENTRIES after the damaged
 * entry, so frames of seqs up to one past that are looked for. Scans in windows.
 * A crafted file could plant a fake frame start at every byte, each declaring a long frame: the
 * bytes authenticated are capped (twice the file, plus a little), and a scan that runs out of
 * budget answers true, so the damage is reported rather than passed off as a crash's leftover.
 */
async function laterEntryFollows(reader: ByteReader, from: number, damagedSeq: number, dataKey: Buffer, prefix: Buffer): Promise<boolean> {
  const low = Math.max(0, damagedSeq + 1);
  const high = low + MAX_BATCH_ENTRIES;
  const TWO_32 = 2 ** 32;
  const WINDOW = 4 * 1024 * 1024;
  let budget = 2 * reader.size + 16 * 1024 * 1024;
  for (let start = from + 1; start + 4 + FRAME_FIXED <= reader.size; start += WINDOW) {
    reader.rewindTo(start);
    const window = await reader.take(Math.min(WINDOW + 12, reader.remaining));
    if (!window) break;
    const last = Math.min(WINDOW, window.length - 12);
    for (let at = 0; at < last; at++) {
      // A frame start: length (u32), then seq (u64) in the range looked for.
      const hi = window.readUInt32BE(at + 4);
      if (hi !== Math.floor(low / TWO_32) && hi !== Math.floor(high / TWO_32)) continue;
      const seq = hi * TWO_32 + window.readUInt32BE(at + 8);
      if (seq < low || seq > high) continue;
      const declared = window.readUInt32BE(at);
      if (declared < FRAME_FIXED || declared > MAX_FRAME || start + at + 4 + declared > reader.size) continue;
      budget -= declared;
      if (budget < 0) return true;
      reader.rewindTo(start + at);
      const frame = await readFrame(reader, dataKey, prefix);
      if (frame && batchStartOf(frame) > damagedSeq) return true;
    }
  }
  return false;
}

/** The first seq of the batch a frame was written in (its own seq when it was a batch of its own). */
function batchStartOf(frame: Frame): number {
  try {
    const part = JSON.parse(frame.plaintext.toString('utf8')) as { b?: unknown };
    return typeof part.b === 'number' && Number.isSafeInteger(part.b) && part.b <= frame.seq ? part.b : frame.seq;
  } catch {
    return frame.seq;
  }
}

function parsePart(plaintext: Buffer, path: string): unknown {
  try {
    return JSON.parse(plaintext.toString('utf8')) as unknown;
  } catch {
    throw new StoreError('CORRUPT_STORE', `An edit in ${path} cannot be read. Restore it from a copy.`);
  }
}

function assemble(parts: readonly unknown[], path: string): AuditEntry {
  const first = parts[0] as { e?: Omit<AuditEntry, 'changes'>; c?: Change[] } | undefined;
  if (!first?.e || !Array.isArray(first.c)) throw new StoreError('CORRUPT_STORE', `An edit in ${path} cannot be read. Restore it from a copy.`);
  const changes: Change[] = first.c;
  for (const part of parts.slice(1)) {
    const more = (part as { c?: Change[] }).c;
    if (!Array.isArray(more)) throw new StoreError('CORRUPT_STORE', `An edit in ${path} cannot be read. Restore it from a copy.`);
    for (const change of more) changes.push(change);
  }
  return { ...first.e, changes } as AuditEntry;
}
