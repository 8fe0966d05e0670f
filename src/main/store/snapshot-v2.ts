import { z } from 'zod';
import type { ByteReader } from './byte-reader';
import { DocumentAssembler, documentSegments } from './doc-segments';
import { headerDigest, MAX_SEGMENT_BYTES, openSegment, SEGMENT_FIXED, sealSegment } from './segments';
import type { KeyHeader } from './snapshot-format';
import { StoreError } from './store-error';

/**
 * Snapshot file, format 2 (all integers big-endian):
 *   "CFWSNAP2" (8) | header length (u32) | header (UTF-8 JSON) | segment | segment | … | final segment
 * Each segment is a bounded slice of the case (see doc-segments.ts), sealed on its own
 * (segments.ts) with the header's digest in its AAD. Nothing on the way in or out is a string or
 * a Buffer the size of the case.
 */
export const SNAPSHOT_MAGIC_V2 = Buffer.from('CFWSNAP2', 'ascii');
export const FORMAT_VERSION_V2 = 2;

const Hex = z.string().regex(/^[0-9a-f]*$/);
export const SnapshotHeaderV2 = z
  .object({
    format: z.literal(FORMAT_VERSION_V2),
    caseId: z.string(),
    kdf: z.object({ id: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: Hex }).strict(),
    wrappedKey: z.object({ nonce: Hex, data: Hex }).strict(),
    /** The last journal sequence number folded into this snapshot. */
    journalSeq: z.number().int().min(0),
    schemaVersion: z.number().int(),
    savedAt: z.string(),
  })
  .strict();
export type SnapshotHeaderV2 = z.infer<typeof SnapshotHeaderV2>;

export interface SnapshotMeta {
  journalSeq: number;
  schemaVersion: number;
}

/** The snapshot of `doc` as pieces to write in order; `current` tells the history which records are the case's own (see doc-segments.ts). */
/** A file's opening: its 8-byte magic, the JSON header's length (4 bytes, big-endian), the JSON header. */
export function framedHeader(magic: Buffer, header: object): Buffer {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const prefix = Buffer.alloc(12);
  magic.copy(prefix, 0);
  prefix.writeUInt32BE(headerBytes.length, 8);
  return Buffer.concat([prefix, headerBytes]);
}

export async function* encodeSnapshotV2(
  dataKey: Buffer,
  key: KeyHeader,
  meta: SnapshotMeta,
  doc: object,
  current: (collection: string, id: string) => unknown,
  segmentBytes?: number,
): AsyncGenerator<Buffer> {
  const header: SnapshotHeaderV2 = {
    format: FORMAT_VERSION_V2,
    caseId: key.caseId,
    kdf: key.kdf,
    wrappedKey: key.wrappedKey,
    journalSeq: meta.journalSeq,
    schemaVersion: meta.schemaVersion,
    savedAt: new Date().toISOString(),
  };
  const head = framedHeader(SNAPSHOT_MAGIC_V2, header);
  yield head;
  const digest = headerDigest(head);
  let index = 0;
  let pending: Buffer | null = null;
  for await (const plaintext of documentSegments(doc, current, segmentBytes)) {
    if (pending) yield* sealSegment(dataKey, digest, index++, false, [pending]);
    pending = plaintext;
  }
  // documentSegments always yields the case header first, so there is a last segment.
  if (pending) yield* sealSegment(dataKey, digest, index, true, [pending]);
}

export interface ReadProgress {
  bytes: number;
  totalBytes: number;
}

export interface ReadV2Options {
  onProgress?: (p: ReadProgress) => void;
  checkMemory?: () => void;
  /** Where the last segment must end (the file's end unless a migration's amendment follows). */
  end?: number;
  /** Segments authenticated but not assembled: the ones an amendment replaced (snapshot-amend.ts). */
  skip?: ReadonlySet<number>;
  /** Adds to this document instead of a new one (an amendment's case header came first). */
  assembler?: DocumentAssembler;
}

export interface ReadV2 {
  assembler: DocumentAssembler;
  /** What each segment held ('meta', a list's name, 'history'; '' for one passed over), by index. */
  kinds: string[];
}

export function newAssembler(path: string): DocumentAssembler {
  return new DocumentAssembler((detail) => new StoreError('CORRUPT_STORE', `${path} decrypted, but ${detail}; it was written by a faulty version or altered. Restore it from ${path}.bak; nothing was changed.`));
}

/**
 * Reads, authenticates and assembles a format-2 body, a segment at a time. `head` is the file's
 * magic, header length and header (the digest's input); the reader stands just after it.
 * `checkMemory` is called after each segment and throws when memory runs short.
 */
export async function readSnapshotV2(reader: ByteReader, head: Buffer, dataKey: Buffer, path: string, options: ReadV2Options): Promise<ReadV2> {
  const digest = headerDigest(head);
  const assembler = options.assembler ?? newAssembler(path);
  const kinds: string[] = [];
  const end = options.end ?? reader.size;
  for (let index = 0; ; index++) {
    const frame = await readFrame(reader, dataKey, digest, index, path, end, options.skip?.has(index) ?? false);
    kinds.push(frame.plaintext ? assembler.add(frame.plaintext) : '');
    options.onProgress?.({ bytes: reader.position, totalBytes: reader.size });
    options.checkMemory?.();
    if (frame.final) {
      if (reader.position !== end) throw new StoreError('CORRUPT_STORE', `${path} goes on after its last part (${reader.size - reader.position} bytes at byte ${reader.position}); it was altered. Restore it from ${path}.bak; nothing was changed.`);
      return { assembler, kinds };
    }
  }
}

/** Reads the segment frame at the reader's position, authenticated (its plaintext dropped when `pass`); `end` is where the body must stop. */
export async function readFrame(reader: ByteReader, dataKey: Buffer, digest: Buffer, index: number, path: string, end: number, pass = false): Promise<{ plaintext: Buffer | null; final: boolean }> {
  const at = reader.position;
  if (end - at < 4) throw truncated(path, index);
  const lengthField = await reader.take(4);
  if (!lengthField) throw truncated(path, index);
  const length = lengthField.readUInt32BE(0);
  if (length < SEGMENT_FIXED || length > MAX_SEGMENT_BYTES) throw await damaged(reader, at, index, path, dataKey, digest, 'has an impossible length field');
  const body = length <= end - reader.position ? await reader.take(length) : null;
  if (!body) throw truncated(path, index);
  // A segment passed over is authenticated all the same: its length and FINAL flag say where
  // the segments after it are, and unchecked they could be made to swallow them (Review #13).
  const opened = openSegment(dataKey, digest, index, body);
  if (!opened) throw await damaged(reader, at, index, path, dataKey, digest, 'fails its integrity check');
  return pass ? { plaintext: null, final: opened.final } : opened;
}

function truncated(path: string, index: number): StoreError {
  return new StoreError(
    'TRUNCATED_STORE',
    `${path} is cut short (truncated) after part ${index}, perhaps by an interrupted copy: its last part is missing. Restore it from your copy, or from ${path}.bak (the previous save; move ${path}.journal aside too, as its edits came after the lost save). Nothing was changed.`,
  );
}

/**
 * Names the damaged segment, and counts how many of the others are intact, so the analyst knows
 * what a restore would bring back.
 */
async function damaged(reader: ByteReader, at: number, index: number, path: string, dataKey: Buffer, digest: Buffer, why: string): Promise<StoreError> {
  let intactAfter = 0;
  let scanned = 0;
  // Walk on from the next frame (when the length field is sane) and count what still authenticates.
  for (let next = index + 1; reader.remaining >= 4 && scanned < 100_000; next++, scanned++) {
    const field = await reader.take(4);
    const length = field ? field.readUInt32BE(0) : 0;
    if (!field || length < SEGMENT_FIXED || length > MAX_SEGMENT_BYTES) break;
    const body = await reader.take(length);
    if (!body) break;
    if (openSegment(dataKey, digest, next, body)) intactAfter++;
  }
  return new StoreError(
    'CORRUPT_STORE',
    `Part ${index + 1} of ${path} (from byte ${at}) ${why}: the file was altered or damaged on disk. The ${index} part(s) before it${intactAfter > 0 ? ` and ${intactAfter} after it` : ''} are intact. Restore the case from your copy, or from ${path}.bak (the previous save; move ${path}.journal aside too, as its edits came after the damaged save); nothing was changed.`,
  );
}
