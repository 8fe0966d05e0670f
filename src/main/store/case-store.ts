import { resolve } from 'node:path';
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
import { identityOfExisting, identityOfNew, type CaseIdentity } from './case-identity';
import { acquireLock, type CaseLock } from './lock';
import { decryptSnapshotBody, encodeSnapshotOf, parseSnapshot, unwrapDataKey, wrapDataKey, type KeyHeader } from './snapshot-format';
import { fromSystemError, StoreError } from './store-error';

export interface OpenReport {
  /** Journal records replayed on top of the snapshot. */
  replayed: number;
  /** An append cut short by a crash was found and discarded (it had never been acknowledged). */
  discardedTornTail: boolean;
  /** Migrations applied, by the version they lifted from. */
  migratedFrom: number[];
  /**
   * Sequence numbers written twice in the journal (by versions before 0.2, after an append whose
   * fsync failed): the first copy was reported as not saved and is set aside; the second, the
   * acknowledged edit, is kept.
   */
  setAsideDuplicates: number[];
  /** Why a lock left behind was taken over, when one was. */
  tookOverLock?: string;
}

export interface StoreOptions {
  fs?: FileSystem;
  /** Skip the single-writer lock (read-only tools such as `casefile dump`). */
  readOnly?: boolean;
  /** The analyst confirmed that whoever holds the lock is gone (see lock.ts). */
  takeOverLock?: boolean;
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

  /** The real path of the case file; every spelling of it opens this one. */
  readonly path: string;

  private constructor(
    readonly identity: CaseIdentity,
    private readonly fs: FileSystem,
    private readonly dataKey: Buffer,
    private readonly keyHeader: KeyHeader,
    private readonly doc: CaseDocument,
    lastSeq: number,
    readonly report: OpenReport,
    private readonly lock: CaseLock | null,
    index?: CaseIndex,
  ) {
    this.path = identity.path;
    this.lastSeq = lastSeq;
    this.index = index ?? new CaseIndex(doc);
  }

  /** Creates a new case file; refuses to overwrite anything. */
  static async create(requestedPath: string, passphrase: string, doc: CaseDocument, options: StoreOptions = {}): Promise<CaseStore> {
    const fs = options.fs ?? nodeFileSystem;
    const identity = await identityOfNew(requestedPath);
    const path = identity.path;
    if ((await fs.exists(path)) || (await fs.exists(journalPathOf(path)))) {
      throw new StoreError('ALREADY_EXISTS', `${path} already exists. Choose another name, or open it instead.`);
    }
    const kdf = newScryptParams();
    const dataKey = newDataKey();
    const keyHeader = wrapDataKey(await deriveKek(passphrase, kdf), dataKey, doc.id, kdf);
    const lastSeq = doc.history.at(-1)?.seq ?? 0;
    const lock = options.readOnly ? null : await acquireLock(path);
    let written = false;
    try {
      await writeFileAtomic(fs, path, await encodeSnapshotOf(dataKey, keyHeader, { journalSeq: lastSeq, schemaVersion: doc.schemaVersion }, doc), { backup: false });
      written = true;
      const store = new CaseStore(identity, fs, dataKey, keyHeader, doc, lastSeq, { replayed: 0, discardedTornTail: false, migratedFrom: [], setAsideDuplicates: [] }, lock);
      await store.resetJournal();
      return store;
    } catch (error) {
      // Leave the folder as it was: a half-made case would block a retry with ALREADY_EXISTS.
      if (written) {
        await fs.unlink(journalPathOf(path)).catch(() => undefined);
        await fs.unlink(path).catch(() => undefined);
      }
      await lock?.release();
      throw error;
    }
  }

  /** Opens and unlocks a case file, replaying its journal. Never writes unless asked to. */
  static async open(requestedPath: string, unlock: Unlock, options: StoreOptions = {}): Promise<CaseStore> {
    const identity = await identityOfExisting(requestedPath);
    await refuseJournalBesideLink(requestedPath, identity.path);
    const path = identity.path;
    // Lock before reading: a writer in another process may be mid-fold (new snapshot, fresh
    // journal), and reading its files half-way would look like tampering.
    const lock = options.readOnly ? null : await acquireLock(path, { takeOver: options.takeOverLock ?? false });
    if (!options.readOnly) await removeLeftoverTemps(path);
    try {
      return await CaseStore.openLocked(identity, unlock, options, lock);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  private static async openLocked(identity: CaseIdentity, unlock: Unlock, options: StoreOptions, lock: CaseLock | null): Promise<CaseStore> {
    const fs = options.fs ?? nodeFileSystem;
    const path = identity.path;
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
    const setAsideDuplicates: number[] = [];
    // Built once: replay uses it, then the store keeps it (100k records take a while to index).
    const index = new CaseIndex(doc);
    if (journalBytes) {
      const journal = readJournal(journalBytes, dataKey, keyHeader.caseId, journalFile);
      const records = journal.records;
      for (let i = 0; i < records.length; i++) {
        const record = records[i]!;
        const next = records[i + 1];
        const previous = records[i - 1];
        if (previous && record.seq !== previous.seq + 1 && record.seq !== previous.seq) {
          throw new StoreError('CORRUPT_STORE', `The journal ${journalFile} jumps from edit ${previous.seq} to ${record.seq}; it was altered. Restore it from a copy; nothing was changed.`);
        }
        // Two records with one number, side by side: the first is an append whose fsync failed
        // and which was reported as not saved; the second is the edit that was acknowledged.
        if (next && next.seq === record.seq) {
          if (record.seq > lastSeq) setAsideDuplicates.push(record.seq);
          continue;
        }
        if (record.seq <= lastSeq) continue; // already folded into the snapshot before a crash
        if (record.seq !== lastSeq + 1) {
          throw new StoreError('CORRUPT_STORE', `The journal ${journalFile} skips from edit ${lastSeq} to ${record.seq}; it was altered. Restore it from a copy; nothing was changed.`);
        }
        index.applyEntry(parseEntry(record.payload, journalFile));
        lastSeq = record.seq;
        replayed++;
      }
      tornTail = journal.tornTail;
      validLength = journal.validLength;
    }
    const report: OpenReport = { replayed, discardedTornTail: tornTail, migratedFrom, setAsideDuplicates, ...(lock?.tookOver ? { tookOverLock: lock.tookOver } : {}) };
    const store = new CaseStore(identity, fs, dataKey, keyHeader, doc, lastSeq, report, lock, index);
    if (!options.readOnly) {
      if (!journalBytes) await store.resetJournal();
      // A journal with a set-aside copy is rewritten by a fold, so no append lands after it.
      else if (setAsideDuplicates.length > 0) await store.fold();
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
      await this.lock?.assertHeld();
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
        // If even that fails, drop the handle: the next commit rereads the file and cuts off every
        // record past the last acknowledged one before it writes (see reopenJournal).
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
      await this.lock?.release();
    }
  }

  private async fold(): Promise<void> {
    await this.lock?.assertHeld();
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
   * Reopens the journal on disk after a failure left no handle. What is there is the old journal
   * (edits up to now, perhaps followed by an append that was reported as not saved: its write
   * reached the disk but its fsync or the truncate after it failed) or a fresh one after a fold
   * whose snapshot already holds every edit. Everything past the last acknowledged edit is cut
   * off before anything is appended, so a sequence number is never written twice; if the cut
   * fails, the commit fails and the next one tries again.
   */
  private async reopenJournal(): Promise<FileHandleLike> {
    const file = journalPathOf(this.path);
    let bytes: Buffer | null = null;
    try {
      bytes = await this.fs.readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fromSystemError(error, file, 'opening');
    }
    if (!bytes) {
      await this.resetJournal();
    } else {
      const read = readJournal(bytes, this.dataKey, this.keyHeader.caseId, file);
      const unacknowledged = read.records.find((r) => r.seq > this.lastSeq);
      await this.openJournalForAppend(bytes.length, unacknowledged ? unacknowledged.offset : read.validLength);
    }
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

/**
 * Older versions kept a case's journal beside the path they were given, even a symlink's. Opening
 * through the link now uses the real file's journal; refuse rather than leave edits behind.
 */
async function refuseJournalBesideLink(requested: string, real: string): Promise<void> {
  const beside = journalPathOf(resolve(requested));
  if (beside === journalPathOf(real) || !(await nodeFileSystem.exists(beside))) return;
  const realJournal = await identityOfExisting(beside).catch(() => null);
  if (realJournal?.path === journalPathOf(real)) return; // the journal is a link to the real one
  throw new StoreError(
    'CONFLICT',
    `${requested} is a link to ${real}, and a journal of edits sits beside the link (${beside}). Move that journal next to ${real} as ${journalPathOf(real)} (if none is there already), then open the case again; nothing was changed.`,
  );
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
