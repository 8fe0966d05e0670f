import type { ByteReader } from './byte-reader';
import { corruptMessage, SNAPSHOT_MAGIC, SnapshotHeader, type KeyHeader } from './snapshot-format';
import { SNAPSHOT_MAGIC_V2, SnapshotHeaderV2 } from './snapshot-v2';
import { StoreError } from './store-error';

/** What the start of a snapshot says, read without any key: which format, its header, and the header's bytes. */
export type SnapshotLayout =
  | { format: 1; header: SnapshotHeader; head: Buffer }
  | { format: 2; header: SnapshotHeaderV2; head: Buffer };

const MAX_HEADER = 1_000_000;

/** Reads magic, header length and header; tells truncation, foreign files and newer formats apart. */
export async function readLayout(reader: ByteReader, path: string): Promise<SnapshotLayout> {
  const prefix = await reader.take(12);
  if (!prefix) {
    reader.rewindTo(0);
    const head = (await reader.take(reader.remaining)) ?? Buffer.alloc(0);
    // Cut inside the magic or the header-length field: our file, cut short.
    if ([SNAPSHOT_MAGIC, SNAPSHOT_MAGIC_V2].some((magic) => magic.subarray(0, head.length).equals(head.subarray(0, 8)))) throw truncated(path);
    throw notOurs(path);
  }
  return layoutFrom(prefix, async (length) => reader.take(length), path);
}

/** The same from the first bytes of a file held in memory (tests, and tools that look at headers). */
export function layoutOf(bytes: Buffer, path: string): SnapshotLayout {
  if (bytes.length < 12) {
    if ([SNAPSHOT_MAGIC, SNAPSHOT_MAGIC_V2].some((magic) => magic.subarray(0, Math.min(8, bytes.length)).equals(bytes.subarray(0, 8)))) throw truncated(path);
    throw notOurs(path);
  }
  const headerLength = bytes.readUInt32BE(8);
  const magic = bytes.subarray(0, 8);
  if (!magic.equals(SNAPSHOT_MAGIC) && !magic.equals(SNAPSHOT_MAGIC_V2)) throw notOurs(path);
  if (headerLength > MAX_HEADER) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  if (bytes.length < 12 + headerLength) throw truncated(path);
  return decodeHeader(bytes.subarray(0, 12 + headerLength), path);
}

async function layoutFrom(prefix: Buffer, take: (length: number) => Promise<Buffer | null>, path: string): Promise<SnapshotLayout> {
  const magic = prefix.subarray(0, 8);
  if (!magic.equals(SNAPSHOT_MAGIC) && !magic.equals(SNAPSHOT_MAGIC_V2)) throw notOurs(path);
  const headerLength = prefix.readUInt32BE(8);
  if (headerLength > MAX_HEADER) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  const headerBytes = await take(headerLength);
  if (!headerBytes) throw truncated(path);
  return decodeHeader(Buffer.concat([prefix, headerBytes]), path);
}

function decodeHeader(head: Buffer, path: string): SnapshotLayout {
  const isV2 = head.subarray(0, 8).equals(SNAPSHOT_MAGIC_V2);
  let raw: unknown;
  try {
    raw = JSON.parse(head.subarray(12).toString('utf8'));
  } catch {
    throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && format > 2) {
    throw new StoreError('UNSUPPORTED_VERSION', `${path} was written by a newer Casefile Workbench (file format ${format}). Update the app to open it; nothing was changed.`);
  }
  if (isV2) {
    const parsed = SnapshotHeaderV2.safeParse(raw);
    if (!parsed.success) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
    return { format: 2, header: parsed.data, head };
  }
  const parsed = SnapshotHeader.safeParse(raw);
  if (!parsed.success || parsed.data.format !== 1) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  return { format: 1, header: parsed.data, head };
}

export function keyHeaderOf(layout: SnapshotLayout): KeyHeader {
  return { caseId: layout.header.caseId, kdf: layout.header.kdf, wrappedKey: layout.header.wrappedKey };
}

function truncated(path: string): StoreError {
  return new StoreError(
    'TRUNCATED_STORE',
    `${path} is cut short (truncated), perhaps by an interrupted copy. Restore it from your copy, or from ${path}.bak (the previous save; move ${path}.journal aside too, as its edits came after that save). Nothing was changed.`,
  );
}

function notOurs(path: string): StoreError {
  return new StoreError('CORRUPT_STORE', `${path} is not a Casefile Workbench case file (its first bytes are wrong). Pick the right file; nothing was changed.`);
}
