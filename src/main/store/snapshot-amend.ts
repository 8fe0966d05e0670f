import { z } from 'zod';
import type { ByteReader } from './byte-reader';
import { documentSegments, type DocumentAssembler } from './doc-segments';
import { headerDigest, sealSegment } from './segments';
import { framedHeader, readFrame, readSnapshotV2, type ReadV2, type SnapshotMeta } from './snapshot-v2';
import { StoreError } from './store-error';

/**
 * A schema migration's save, appended to a format-2 snapshot instead of rewriting it:
 *
 *   base snapshot (its bytes as they were) | "CFWAMND1" (8) | header length (u32) | header (JSON)
 *   | segment | … | final segment | "CFWAMEND" (8) | offset of "CFWAMND1" (u64)
 *
 * The header gives the snapshot's journal sequence and schema version from now on, and the base
 * segments the amendment replaces (`skip`: always the case header, and the segments of every list
 * the migration changed). The amendment's segments are the new case header and those lists,
 * sealed with the digest of the base's header and the amendment's header together, so they
 * belong to this base and this amendment only. A reader reads the amendment's case header, the
 * base's other segments, then the amendment's lists. The next full save writes a plain snapshot.
 * An older version sees bytes after the base's last segment and refuses the file.
 */
export const AMEND_MAGIC = Buffer.from('CFWAMND1', 'ascii');
export const AMEND_FOOTER_MAGIC = Buffer.from('CFWAMEND', 'ascii');
const FOOTER_BYTES = 16;
const MAX_AMEND_HEADER = 16 * 1024 * 1024;

export const AmendHeader = z
  .object({
    journalSeq: z.number().int().min(0),
    schemaVersion: z.number().int(),
    savedAt: z.string(),
    /** Base segments replaced by this amendment, by index. */
    skip: z.array(z.number().int().min(0)),
  })
  .strict();
export type AmendHeader = z.infer<typeof AmendHeader>;

/** What a migrating save needs to know of the snapshot it amends (learnt while reading it). */
export interface AmendBase {
  head: Buffer;
  /** The base's length: the amendment starts here. */
  size: number;
  /** What each base segment holds, by index (see readSnapshotV2). */
  kinds: string[];
}

/** The bytes to append to `base`: the amendment holding the case header and the lists in `changed`, as they are in `doc` now. */
export async function* encodeAmendment(
  dataKey: Buffer,
  base: AmendBase,
  meta: SnapshotMeta,
  changed: ReadonlySet<string>,
  doc: object,
  current: (collection: string, id: string) => unknown,
  segmentBytes?: number,
): AsyncGenerator<Buffer> {
  const skip = base.kinds.flatMap((kind, index) => (kind === 'meta' || changed.has(kind) ? [index] : []));
  const header: AmendHeader = { journalSeq: meta.journalSeq, schemaVersion: meta.schemaVersion, savedAt: new Date().toISOString(), skip };
  const amendHead = framedHeader(AMEND_MAGIC, header);
  yield amendHead;
  const digest = amendDigest(base.head, amendHead);
  let index = 0;
  let pending: Buffer | null = null;
  for await (const plaintext of documentSegments(doc, current, segmentBytes, changed)) {
    if (pending) yield* sealSegment(dataKey, digest, index++, false, [pending]);
    pending = plaintext;
  }
  if (pending) yield* sealSegment(dataKey, digest, index, true, [pending]);
  const footer = Buffer.alloc(FOOTER_BYTES);
  AMEND_FOOTER_MAGIC.copy(footer, 0);
  footer.writeBigUInt64BE(BigInt(base.size), 8);
  yield footer;
}

function amendDigest(baseHead: Buffer, amendHead: Buffer): Buffer {
  return headerDigest(Buffer.concat([baseHead, amendHead]));
}

export interface Amendment {
  header: AmendHeader;
  head: Buffer;
  /** Where the base ends and the amendment starts. */
  offset: number;
}

/** The amendment at the end of a format-2 snapshot, or null when it has none. */
export async function findAmendment(reader: ByteReader, path: string): Promise<Amendment | null> {
  const back = reader.position;
  try {
    if (reader.size < FOOTER_BYTES) return null;
    reader.rewindTo(reader.size - FOOTER_BYTES);
    const footer = await reader.take(FOOTER_BYTES);
    if (!footer?.subarray(0, 8).equals(AMEND_FOOTER_MAGIC)) return null;
    const offset = Number(footer.readBigUInt64BE(8));
    if (offset < back || offset > reader.size - FOOTER_BYTES - 12) throw altered(path);
    reader.rewindTo(offset);
    const prefix = await reader.take(12);
    if (!prefix?.subarray(0, 8).equals(AMEND_MAGIC)) throw altered(path);
    const length = prefix.readUInt32BE(8);
    const headerBytes = length <= MAX_AMEND_HEADER ? await reader.take(length) : null;
    if (!headerBytes) throw altered(path);
    let parsed;
    try {
      parsed = AmendHeader.safeParse(JSON.parse(headerBytes.toString('utf8')));
    } catch {
      throw altered(path);
    }
    if (!parsed.success) throw altered(path);
    return { header: parsed.data, head: Buffer.concat([prefix, headerBytes]), offset };
  } finally {
    reader.rewindTo(back);
  }
}

/**
 * Reads an amended snapshot: the amendment's case header, the base's segments it did not replace,
 * then the amendment's other segments. The reader stands just after the base's header.
 */
export async function readAmended(
  reader: ByteReader,
  baseHead: Buffer,
  amendment: Amendment,
  dataKey: Buffer,
  path: string,
  options: { assembler: DocumentAssembler; onProgress?: (p: { bytes: number; totalBytes: number }) => void; checkMemory?: () => void },
): Promise<ReadV2> {
  const baseStart = reader.position;
  // The base's own case header is always replaced.
  if (!amendment.header.skip.includes(0)) throw altered(path);
  const digest = amendDigest(baseHead, amendment.head);
  const end = reader.size - FOOTER_BYTES;
  const segmentsAt = amendment.offset + amendment.head.length;
  // Its case header first: the base's lists are added under it.
  reader.rewindTo(segmentsAt);
  const first = await readFrame(reader, dataKey, digest, 0, path, end);
  if (options.assembler.add(first.plaintext!) !== 'meta') throw altered(path);
  const afterFirst = reader.position;
  reader.rewindTo(baseStart);
  const read = await readSnapshotV2(reader, baseHead, dataKey, path, { ...options, end: amendment.offset, skip: new Set(amendment.header.skip) });
  reader.rewindTo(afterFirst);
  for (let index = 1, final = first.final; !final; index++) {
    const frame = await readFrame(reader, dataKey, digest, index, path, end);
    options.assembler.add(frame.plaintext!);
    options.checkMemory?.();
    final = frame.final;
  }
  if (reader.position !== end) throw altered(path);
  return read;
}

function altered(path: string): StoreError {
  return new StoreError('CORRUPT_STORE', `The schema update saved at the end of ${path} is damaged or was altered. Restore the case from your copy, or from ${path}.bak (the case before the update); nothing was changed.`);
}
