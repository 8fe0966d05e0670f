import type { Adapter } from 'lowdb';
import { AuditEntry } from '../../shared/domain/audit';
import { CaseIndex } from '../../shared/domain/apply';
import { CaseDocument, CURRENT_SCHEMA_VERSION } from '../../shared/domain/case';
import { migrateToCurrent } from '../../shared/domain/migrations';
import { removeLeftoverTemps, writeFileAtomic } from './atomic-write';
import { nodeFileSystem, type FileHandleLike, type FileSystem } from './file-system';
import { encodeRecordPieces, journalPrefix, readJournal } from './journal';
import { serializeInSlices } from './serialize';
import { deriveKek, newDataKey, newScryptParams } from './keys';
import { acquireLock } from './lock';
import { decryptSnapshotBody, encodeSnapshotOf, parseSnapshot, unwrapDataKey, wrapDataKey, type KeyHeader } from './snapshot-format';
import { fromSystemError, StoreError } from './store-error';

export interface OpenReport {
  /** Journal records replayed on top of the snapshot. */
  replayed: number;
  /** An append cut short by a crash was found and discarded (it had never been acknowledged). */
  discardedTornTail: boolean;
  /** Migrations applied, by the version they lifted from. */
  migratedFrom: number[];
}

export interface StoreOptions {
  fs?: FileSystem;
  /** Skip the single-writer lock (read-only tools such as `casefile dump`). */
  readOnly?: boolean;
}

/** A passphrase, or the data key itself as unwrapped by the OS keychain. */
export type Unlock = { passphrase: string } | { dataKey: Buffer };

export const journalPathOf = (storePath: string): string => `${storePath}.journal`;

/**
 * The encrypted, crash-safe case store, and lowdb's adapter for it.
 * - `read()` returns the document: snapshot decrypted, journal replayed.
 * - `append(entry)` persists one audit entry: one sealed record, fsynced; its cost does not
 *   depend on the size of the case.
 * - `write(doc)` (lowdb's save) folds everything into a new snapshot and empties the journal.
 */
export class CaseStore implements Adapter<CaseDocument> {
  private journal: FileHandleLike | null = null;
  private closed = false;
  private lastSeq: number;
  private journalBytes = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly index: CaseIndex;

  private constructor(
    readonly path: string,
    private readonly fs: FileSystem,
    private readonly dataKey: Buffer,
    private readonly keyHeader: KeyHeader,
    private readonly doc: CaseDocument,
    lastSeq: number,
    readonly report: OpenReport,
    private readonly releaseLock: () => Promise<void>,
    index?: CaseIndex,
  ) {
    this.lastSeq = lastSeq;
    this.index = index ?? new CaseIndex(doc);
  }

  /** Creates a new case file; refuses to overwrite anything. */
  static async create(path: string, passphrase: string, doc: CaseDocument, options: StoreOptions = {}): Promise<CaseStore> {
    const fs = options.fs ?? nodeFileSystem;
    if ((await fs.exists(path)) || (await fs.exists(journalPathOf(path)))) {
      throw new StoreError('ALREADY_EXISTS', `${path} already exists. Choose another name, or open it instead.`);
    }
    const kdf = newScryptParams();
    const dataKey = newDataKey();
    const keyHeader = wrapDataKey(await deriveKek(passphrase, kdf), dataKey, doc.id, kdf);
    const lastSeq = doc.history.at(-1)?.seq ?? 0;
    const release = options.readOnly ? async () => undefined : await acquireLock(path);
    let written = false;
    try {
      await writeFileAtomic(fs, path, await encodeSnapshotOf(dataKey, keyHeader, { journalSeq: lastSeq, schemaVersion: doc.schemaVersion }, doc), { backup: false });
      written = true;
      const store = new CaseStore(path, fs, dataKey, keyHeader, doc, lastSeq, { replayed: 0, discardedTornTail: false, migratedFrom: [] }, release);
      await store.resetJournal();
      return store;
    } catch (error) {
      // Leave the folder as it was: a half-made case would block a retry with ALREADY_EXISTS.
      if (written) {
        await fs.unlink(journalPathOf(path)).catch(() => undefined);
        await fs.unlink(path).catch(() => undefined);
      }
      await release();
      throw error;
    }
  }

  /** Opens and unlocks a case file, replaying its journal. Never writes unless asked to. */
  static async open(path: string, unlock: Unlock, options: StoreOptions = {}): Promise<CaseStore> {
    // Lock before reading: a writer in another process may be mid-fold (new snapshot, fresh
    // journal), and reading its files half-way would look like tampering.
    const release = options.readOnly ? async () => undefined : await acquireLock(path);
    if (!options.readOnly) await removeLeftoverTemps(path);
    try {
      return await CaseStore.openLocked(path, unlock, options, release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  private static async openLocked(path: string, unlock: Unlock, options: StoreOptions, release: () => Promise<void>): Promise<CaseStore> {
    const fs = options.fs ?? nodeFileSystem;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path);
    } catch (error) {
      throw fromSystemError(error, path, 'opening');
    }
    const parsed = parseSnapshot(bytes, path);
    const keyHeader: KeyHeader = { caseId: parsed.header.caseId, kdf: parsed.header.kdf, wrappedKey: parsed.header.wrappedKey };
    const dataKey = 'dataKey' in unlock ? unlock.dataKey : unwrapDataKey(await deriveKek(unlock.passphrase, keyHeader.kdf), keyHeader);
    const plain = decryptSnapshotBody(dataKey, parsed, path);
    const { doc, migratedFrom } = decodeDocument(plain, path);

    const journalFile = journalPathOf(path);
    let journalBytes: Buffer | null = null;
    try {
      journalBytes = await fs.readFile(journalFile);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fromSystemError(error, journalFile, 'opening');
    }
    let lastSeq = parsed.header.journalSeq;
    let replayed = 0;
    let tornTail = false;
    let validLength = 0;
    // Built once: replay uses it, then the store keeps it (100k records take a while to index).
    const index = new CaseIndex(doc);
    if (journalBytes) {
      const journal = readJournal(journalBytes, dataKey, keyHeader.caseId, journalFile);
      for (const record of journal.records) {
        if (record.seq <= lastSeq) continue; // already folded into the snapshot before a crash
        if (record.seq !== lastSeq + 1) {
          throw new StoreError('CORRUPT_STORE', `The journal ${journalFile} skips from edit ${lastSeq} to ${record.seq}; it was altered. Restore it from a copy.`);
        }
        index.applyEntry(parseEntry(record.payload, journalFile));
        lastSeq = record.seq;
        replayed++;
      }
      tornTail = journal.tornTail;
      validLength = journal.validLength;
    }
    const store = new CaseStore(path, fs, dataKey, keyHeader, doc, lastSeq, { replayed, discardedTornTail: tornTail, migratedFrom }, release, index);
    if (!options.readOnly) {
      if (!journalBytes) await store.resetJournal();
      else await store.openJournalForAppend(journalBytes.length, validLength);
    }
    return store;
  }

  /** The case's data key, for wrapping by the OS keychain as a second way in. */
  exportDataKey(): Buffer {
    return Buffer.from(this.dataKey);
  }

  /** lowdb: the document as decrypted and replayed at open. */
  async read(): Promise<CaseDocument> {
    return this.doc;
  }

  /** lowdb: a full save folds the journal into a new snapshot. */
  async write(doc: CaseDocument): Promise<void> {
    if (doc !== this.doc) throw new StoreError('INTERNAL', 'Only the open document can be saved; edits go through commit().');
    await this.enqueue(() => this.fold());
  }

  get sequence(): number {
    return this.lastSeq;
  }

  get journalSize(): number {
    return this.journalBytes;
  }

  /** The open document. Change it only through `commit`, or the journal will not know. */
  get document(): CaseDocument {
    return this.doc;
  }

  /** Look-ups by id, kept current by `commit`. */
  get records(): CaseIndex {
    return this.index;
  }

  /**
   * Persists one audit entry and then applies it, all in the store's queue: `build` sees the
   * case as it stands after every earlier commit, and the entry is on disk (the
   * acknowledgement) before the document shows it, so a snapshot never runs ahead of the journal.
   * A failed write leaves both the file and the document as they were.
   */
  commit(build: (records: CaseIndex, seq: number) => AuditEntry): Promise<AuditEntry> {
    return this.enqueue(async () => {
      if (this.closed) throw new StoreError('NO_CASE_OPEN', 'The case is closed.');
      const entry = build(this.index, this.lastSeq + 1);
      if (entry.seq !== this.lastSeq + 1) throw new StoreError('CONFLICT', `Edit ${entry.seq} is out of order (expected ${this.lastSeq + 1}).`);
      const record = encodeRecordPieces(this.dataKey, journalPrefix(this.keyHeader.caseId), entry.seq, await serializeInSlices(entry));
      const recordLength = record.reduce((sum, piece) => sum + piece.length, 0);
      // After a failed fold or append the handle may be gone: reopen the journal from disk first.
      const journal = this.journal ?? (await this.reopenJournal());
      try {
        for (const piece of record) await journal.write(piece);
        await journal.sync();
      } catch (error) {
        // Cut the partial record off so the next append starts clean; the edit was not acknowledged.
        // If even that fails, drop the handle: the next commit rereads the file and cuts the torn tail.
        const cut = await journal.truncate(this.journalBytes).then(
          () => true,
          () => false,
        );
        if (!cut) {
          await journal.close().catch(() => undefined);
          this.journal = null;
        }
        throw fromSystemError(error, journalPathOf(this.path), 'saving an edit to');
      }
      this.journalBytes += recordLength;
      this.lastSeq = entry.seq;
      this.index.applyEntry(entry);
      return entry;
    });
  }

  async close(): Promise<void> {
    try {
      await this.enqueue(async () => {
        this.closed = true;
        const journal = this.journal;
        this.journal = null;
        await journal?.close();
      });
    } finally {
      await this.releaseLock();
    }
  }

  private async fold(): Promise<void> {
    const snapshot = await encodeSnapshotOf(this.dataKey, this.keyHeader, { journalSeq: this.lastSeq, schemaVersion: CURRENT_SCHEMA_VERSION }, this.doc);
    await writeFileAtomic(this.fs, this.path, snapshot, { backup: true });
    // The new snapshot holds every journaled edit: a crash from here on merely replays nothing.
    await this.resetJournal();
  }

  private async resetJournal(): Promise<void> {
    const file = journalPathOf(this.path);
    // Drop the old handle first: once the new file is renamed in, the old one appends to nothing.
    // If anything below fails, the next commit reopens whichever journal is on disk.
    const old = this.journal;
    this.journal = null;
    await old?.close().catch(() => undefined);
    const prefix = journalPrefix(this.keyHeader.caseId);
    await writeFileAtomic(this.fs, file, prefix, { backup: false });
    await this.openJournalForAppend(prefix.length, prefix.length);
  }

  /**
   * Reopens the journal on disk after a failure left no handle. Whatever is there is consistent
   * with memory: the old journal (edits up to now, a torn tail at most) or a fresh one after a fold
   * whose snapshot already holds every edit.
   */
  private async reopenJournal(): Promise<FileHandleLike> {
    const file = journalPathOf(this.path);
    let bytes: Buffer | null = null;
    try {
      bytes = await this.fs.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fromSystemError(error, file, 'opening');
    }
    if (!bytes) await this.resetJournal();
    else await this.openJournalForAppend(bytes.length, readJournal(bytes, this.dataKey, this.keyHeader.caseId, file).validLength);
    if (!this.journal) throw new StoreError('IO', `Could not reopen the journal ${file}.`);
    return this.journal;
  }

  private async openJournalForAppend(length: number, validLength: number): Promise<void> {
    const file = journalPathOf(this.path);
    let handle: FileHandleLike | null = null;
    try {
      handle = await this.fs.openAppend(file);
      if (length > validLength) {
        await handle.truncate(validLength);
        await handle.sync();
      }
    } catch (error) {
      // Never keep a handle that would append after a torn tail.
      await handle?.close().catch(() => undefined);
      throw fromSystemError(error, file, 'opening');
    }
    this.journal = handle;
    this.journalBytes = validLength;
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function decodeDocument(plain: Buffer, path: string): { doc: CaseDocument; migratedFrom: number[] } {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new StoreError('CORRUPT_STORE', `${path} decrypted but does not hold a case document. Restore it from ${path}.bak.`);
  }
  if (raw['schemaVersion'] === CURRENT_SCHEMA_VERSION) {
    // Authenticated and written by this version after validation: trust it (validating 100k records would cost the open).
    return { doc: raw as unknown as CaseDocument, migratedFrom: [] };
  }
  const migrated = migrateToCurrent(raw);
  if (!migrated.ok) {
    throw new StoreError('UNSUPPORTED_VERSION', `${path} holds a case of schema version ${String(migrated.found)}, which this version cannot read. Update Casefile Workbench.`);
  }
  const parsed = CaseDocument.safeParse(migrated.doc);
  if (!parsed.success) {
    throw new StoreError('CORRUPT_STORE', `${path} could not be migrated to the current format: ${parsed.error.issues[0]?.message ?? 'invalid'}. Nothing was changed.`);
  }
  return { doc: parsed.data, migratedFrom: migrated.applied };
}

function parseEntry(payload: Buffer, path: string): AuditEntry {
  try {
    return JSON.parse(payload.toString('utf8')) as AuditEntry;
  } catch {
    throw new StoreError('CORRUPT_STORE', `An edit in ${path} cannot be read. Restore it from a copy.`);
  }
}
