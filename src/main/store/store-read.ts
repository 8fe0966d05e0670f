import { CaseIndex } from '../../shared/domain/apply';
import type { AuditEntry } from '../../shared/domain/audit';
import { CaseDocument, CURRENT_SCHEMA_VERSION } from '../../shared/domain/case';
import type { BlobStore } from './blobs';
import { ByteReader } from './byte-reader';
import type { DocumentAssembler } from './doc-segments';
import type { FileSystem, ReadHandleLike } from './file-system';
import { JOURNAL_MAGIC, readJournal, type JournalEntry, type JournalTail } from './journal';
import { JOURNAL_MAGIC_V1, readJournalV1 } from './journal-v1';
import { deriveKek } from './keys';
import { moveInlineAttachments } from './inline-attachments';
import { readLegacyBody } from './legacy-snapshot';
import { memoryGuard } from './memory-guard';
import { unwrapDataKey, type KeyHeader } from './snapshot-format';
import { keyHeaderOf, readLayout } from './snapshot-layout';
import { migrateDocument } from './migrate-document';
import { findAmendment, readAmended, type AmendBase } from './snapshot-amend';
import { newAssembler, readSnapshotV2 } from './snapshot-v2';
import { fromSystemError, StoreError } from './store-error';

/** A passphrase, or the data key itself as unwrapped by the OS keychain. */
export type Unlock = { passphrase: string } | { dataKey: Buffer };

export type OpenPhase = 'unlocking' | 'reading' | 'replaying';
export interface OpenProgress {
  phase: OpenPhase;
  /** Bytes of the file read so far (0 while unlocking). */
  done: number;
  total: number;
}

export interface ReadCase {
  doc: CaseDocument;
  index: CaseIndex;
  dataKey: Buffer;
  keyHeader: KeyHeader;
  lastSeq: number;
  replayed: number;
  tornTail: boolean;
  /** Byte length of the journal's intact part, or null when there is no journal. */
  journalValidLength: number | null;
  journalLength: number;
  migratedFrom: number[];
  setAsideDuplicates: number[];
  /** The snapshot or the journal is in a format before segments: fold at once to convert. */
  olderFormat: boolean;
  blobs: BlobStore | null;
  /** Files moved out of an older document into the blob folder. */
  movedAttachments: number;
  /** A read-only open of an older document: its inline files by SHA-256, kept in memory (nothing is written). */
  inlineFiles: Map<string, Buffer>;
  /** The lists the migration changed (the others are as the snapshot holds them). */
  migratedLists: string[];
  /** A plain segmented snapshot, which a migration may amend instead of rewriting (snapshot-amend.ts); null otherwise. */
  amendable: AmendBase | null;
}

export const journalPathOf = (storePath: string): string => `${storePath}.journal`;

/** Reads, authenticates and assembles a case (snapshot, then journal), in bounded pieces. */
export interface ReadOptions {
  onProgress?: (p: OpenProgress) => void;
  tuning: { legacyWholeBodyLimit?: number; heapLimitBytes?: number };
  /** Where files kept inside older documents are moved; null (a read-only open) only takes them out. */
  blobsFor: (dataKey: Buffer) => BlobStore | null;
  /**
   * Where the journal's bytes are read from: by default its own name; a writable open passes the
   * private copy it took (`own-journal.ts`), or null when there was no journal to copy.
   */
  journalFile?: string | null;
}

export async function readCase(path: string, fs: FileSystem, unlock: Unlock, options: ReadOptions): Promise<ReadCase> {
  const onProgress = options.onProgress;
  const handle = await openForReading(fs, path, 'opening');
  let dataKey: Buffer;
  let keyHeader: KeyHeader;
  let raw: Record<string, unknown>;
  let assembler: DocumentAssembler | null = null;
  let journalSeq: number;
  let olderFormat: boolean;
  let amendable: AmendBase | null = null;
  try {
    const reader = await ByteReader.over(handle);
    const layout = await readLayout(reader, path);
    keyHeader = keyHeaderOf(layout);
    onProgress?.({ phase: 'unlocking', done: 0, total: reader.size });
    dataKey = 'dataKey' in unlock ? unlock.dataKey : unwrapDataKey(await deriveKek(unlock.passphrase, keyHeader.kdf), keyHeader);
    const guard = memoryGuard(path, reader.size, options.tuning.heapLimitBytes);
    journalSeq = layout.header.journalSeq;
    olderFormat = layout.format === 1;
    if (layout.format === 2) {
      const amendment = await findAmendment(reader, path);
      const reading = { onProgress: (p: { bytes: number; totalBytes: number }) => onProgress?.({ phase: 'reading', done: p.bytes, total: p.totalBytes }), checkMemory: () => guard.check(), assembler: newAssembler(path) };
      if (amendment) {
        await readAmended(reader, layout.head, amendment, dataKey, path, reading);
        journalSeq = amendment.header.journalSeq;
      } else {
        const { kinds } = await readSnapshotV2(reader, layout.head, dataKey, path, reading);
        amendable = { head: layout.head, size: reader.size, kinds };
      }
      assembler = reading.assembler;
      raw = assembler.partial;
    } else {
      onProgress?.({ phase: 'reading', done: 0, total: reader.size });
      raw = await readLegacyBody(reader, layout.header, layout.head, dataKey, path, options.tuning.legacyWholeBodyLimit, () => guard.check());
    }
  } catch (error) {
    // A read that fails part-way (EIO, a folder in place of the file) says so, like any other.
    throw fromSystemError(error, path, 'opening');
  } finally {
    await handle.close().catch(() => undefined);
  }

  const blobs = options.blobsFor(dataKey);
  // Older documents carry file bytes inline: into the blob folder before the migration drops them.
  const inlineFiles = new Map<string, Buffer>();
  let movedAttachments = typeof raw['schemaVersion'] === 'number' && raw['schemaVersion'] < 4 ? await moveInlineAttachments(raw, blobs, path, inlineFiles) : 0;
  const { doc, index, migratedFrom, migratedLists } = decodeDocument(raw, assembler, path);
  const journal = await replayJournal(path, fs, dataKey, keyHeader.caseId, journalSeq, index, onProgress, options.journalFile);
  // …and so may the entries of a journal written by an older version.
  if (journal.olderFormat) movedAttachments += await moveInlineAttachments(doc as unknown as Record<string, unknown>, blobs, path, inlineFiles);
  return {
    doc,
    index,
    dataKey,
    keyHeader,
    lastSeq: journal.lastSeq,
    replayed: journal.replayed,
    tornTail: journal.tail?.tornTail ?? false,
    journalValidLength: journal.tail?.validLength ?? null,
    journalLength: journal.length,
    migratedFrom,
    setAsideDuplicates: journal.setAsideDuplicates,
    olderFormat: olderFormat || journal.olderFormat,
    blobs,
    movedAttachments,
    inlineFiles,
    migratedLists,
    amendable,
  };
}

async function openForReading(fs: FileSystem, path: string, doing: string): Promise<ReadHandleLike> {
  try {
    return await fs.openRead(path);
  } catch (error) {
    throw fromSystemError(error, path, doing);
  }
}

function decodeDocument(raw: Record<string, unknown>, assembler: DocumentAssembler | null, path: string): { doc: CaseDocument; index: CaseIndex; migratedFrom: number[]; migratedLists: string[] } {
  if (raw['schemaVersion'] === CURRENT_SCHEMA_VERSION) {
    // Authenticated and written by this version after validation: trust it (validating 100k records would cost the open).
    const doc = raw as unknown as CaseDocument;
    const index = new CaseIndex(doc);
    assembler?.finish((collection, id) => index.get(collection as never, id));
    return { doc, index, migratedFrom: [], migratedLists: [] };
  }
  return migrateDocument(raw, assembler, path);
}

interface Replayed {
  lastSeq: number;
  replayed: number;
  tail: JournalTail | null;
  length: number;
  setAsideDuplicates: number[];
  olderFormat: boolean;
}

/**
 * Replays the journal's entries after the snapshot's last one. Entries must continue the sequence;
 * two entries with one number side by side (written by versions before format 2 after a failed
 * fsync) keep the second, acknowledged one and report the first.
 */
async function replayJournal(
  path: string,
  fs: FileSystem,
  dataKey: Buffer,
  caseId: string,
  snapshotSeq: number,
  index: CaseIndex,
  onProgress?: (p: OpenProgress) => void,
  readFrom?: string | null,
): Promise<Replayed> {
  // Messages name the journal, whichever copy of it is read.
  const file = journalPathOf(path);
  const none: Replayed = { lastSeq: snapshotSeq, replayed: 0, tail: null, length: 0, setAsideDuplicates: [], olderFormat: false };
  if (readFrom === null) return none;
  let handle: ReadHandleLike;
  try {
    handle = await fs.openRead(readFrom ?? file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return none;
    throw fromSystemError(error, file, 'opening');
  }
  let lastSeq = snapshotSeq;
  let replayed = 0;
  let previous: number | null = null;
  let held: JournalEntry | null = null;
  const setAsideDuplicates: number[] = [];
  const apply = (next: JournalEntry): void => {
    if (previous !== null && next.seq !== previous + 1 && next.seq !== previous) {
      throw new StoreError('CORRUPT_STORE', `The journal ${file} jumps from edit ${previous} to ${next.seq}; it was altered. Restore it from a copy; nothing was changed.`);
    }
    previous = next.seq;
    if (held && held.seq === next.seq) {
      if (held.seq > lastSeq) setAsideDuplicates.push(held.seq);
      held = next;
      return;
    }
    if (held) replayOne(held);
    held = next;
  };
  const replayOne = (entry: JournalEntry): void => {
    if (entry.seq <= lastSeq) return; // already folded into the snapshot before a crash
    if (entry.seq !== lastSeq + 1) {
      throw new StoreError('CORRUPT_STORE', `The journal ${file} skips from edit ${lastSeq} to ${entry.seq}; it was altered. Restore it from a copy; nothing was changed.`);
    }
    index.applyEntry(entry.entry);
    lastSeq = entry.seq;
    replayed++;
  };
  try {
    const reader = await ByteReader.over(handle);
    const magic = await reader.take(8);
    reader.rewindTo(0);
    const older = magic?.equals(JOURNAL_MAGIC_V1) ?? false;
    let tail: JournalTail;
    if (older) {
      // Journals before format 2 were folded small (16 MiB) except for one batch: read whole.
      const bytes = (await reader.take(reader.size)) ?? Buffer.alloc(0);
      const read = readJournalV1(bytes, dataKey, caseId, file);
      for (const record of read.records) apply({ seq: record.seq, offset: record.offset, entry: parseV1Entry(record.payload, file) });
      tail = { validLength: read.validLength, tornTail: read.tornTail };
    } else {
      if (magic && !magic.equals(JOURNAL_MAGIC)) {
        throw new StoreError('CORRUPT_STORE', `The journal ${file} does not belong to this case or was altered. Restore it from a copy; nothing was changed.`);
      }
      tail = await readJournal(
        reader,
        dataKey,
        caseId,
        file,
        (entry) => {
          apply(entry);
          onProgress?.({ phase: 'replaying', done: reader.position, total: reader.size });
        },
        snapshotSeq + 1,
      );
    }
    const last = held as JournalEntry | null;
    if (last) replayOne(last);
    return { lastSeq, replayed, tail, length: reader.size, setAsideDuplicates, olderFormat: older };
  } catch (error) {
    throw fromSystemError(error, file, 'opening');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function parseV1Entry(payload: Buffer, path: string): AuditEntry {
  try {
    return JSON.parse(payload.toString('utf8')) as AuditEntry;
  } catch {
    throw new StoreError('CORRUPT_STORE', `An edit in ${path} cannot be read. Restore it from a copy.`);
  }
}
