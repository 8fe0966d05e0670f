import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Adapter } from 'lowdb';
import { CaseIndex } from '../../shared/domain/apply';
import type { AuditEntry } from '../../shared/domain/audit';
import { CURRENT_SCHEMA_VERSION, type CaseDocument } from '../../shared/domain/case';
import { removeLeftoverTemps, writeFileAtomic } from './atomic-write';
import { BlobStore, blobsPathOf } from './blobs';
import { exportToFile } from './blobs/export-file';
import { identityOfExisting, identityOfNew, type CaseIdentity } from './case-identity';
import { nodeFileSystem, type FileSystem } from './file-system';
import { buildBatch, CommitBatcher, type BuildEntry, type CommitRequest } from './group-commit';
import { CaseJournal } from './case-journal';
import { copyJournal, FilesReplaced, identityAt } from './own-journal';
import { reachableBlobs } from './inline-attachments';
import { noteBlobReferences, sweepOnOpen } from './blob-housekeeping';
import { holdsBlobs, writeOwner } from './blobs/owner';
import { deriveKek, newDataKey, newScryptParams } from './keys';
import { acquireLock, lockLostError, type CaseLock } from './lock';
import { wrapDataKey, type KeyHeader } from './snapshot-format';
import { encodeAmendment, type AmendBase } from './snapshot-amend';
import { encodeSnapshotV2 } from './snapshot-v2';
import { fromSystemError, StoreError } from './store-error';
import { journalPathOf, readCase, type Unlock } from './store-read';
import { refuseHardLinks, refuseJournalBesideLink, stampOf } from './case-file-checks';
import type { OpenReport, StoreOptions, StoreTuning } from './store-options';

export { journalPathOf, type OpenProgress, type Unlock } from './store-read';

export type { OpenReport, StoreOptions, StoreTuning } from './store-options';

export class CaseStore implements Adapter<CaseDocument> {
  private closed = false;
  private lastSeq: number;
  private readonly journal: CaseJournal;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly batcher = new CommitBatcher(
    (task) => this.enqueue(task),
    (batch) => this.flushBatch(batch),
  );
  private readonly index: CaseIndex;

  /** The real path of the case file; every spelling of it opens this one. */
  readonly path: string;
  /** The case's files (attachments), as encrypted blobs beside it. */
  readonly blobs: BlobStore;
  /** Files still inside an older document opened read-only (nothing moved them yet), by SHA-256. */
  private inlineFiles = new Map<string, Buffer>();

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
    private readonly tuning: StoreTuning = {},
  ) {
    this.path = identity.path;
    // A folder this case creates is its own from the start, so its first orphans can be swept.
    this.blobs = new BlobStore(blobsPathOf(identity.path), dataKey, fs, (dir) => writeOwner(fs, dir, { caseId: keyHeader.caseId, seq: this.lastSeq }));
    this.lastSeq = lastSeq;
    this.index = index ?? new CaseIndex(doc);
    this.journal = new CaseJournal({ path: identity.path, fs, dataKey, caseId: keyHeader.caseId, lock, ...(tuning.partBytes !== undefined ? { partBytes: tuning.partBytes } : {}) });
  }

  /** Creates a new case file; refuses to overwrite anything. */
  static async create(requestedPath: string, passphrase: string, doc: CaseDocument, options: StoreOptions = {}): Promise<CaseStore> {
    const fs = options.fs ?? nodeFileSystem;
    const identity = await identityOfNew(requestedPath);
    const path = identity.path;
    if ((await fs.exists(path)) || (await fs.exists(journalPathOf(path)))) {
      throw new StoreError('ALREADY_EXISTS', `${path} already exists. Choose another name, or open it instead.`);
    }
    if (await holdsBlobs(fs, blobsPathOf(path))) {
      throw new StoreError('ALREADY_EXISTS', `${blobsPathOf(path)} holds the files of another case (its case file was renamed or moved). Choose another name, or move that folder to its case file; nothing was created.`);
    }
    const kdf = newScryptParams();
    const dataKey = newDataKey();
    const keyHeader = wrapDataKey(await deriveKek(passphrase, kdf), dataKey, doc.id, kdf);
    const lastSeq = doc.history.at(-1)?.seq ?? 0;
    const lock = options.readOnly ? null : await acquireLock(path);
    let written = false;
    try {
      const index = new CaseIndex(doc);
      const current = (collection: string, id: string) => index.get(collection as never, id);
      await writeFileAtomic(fs, path, encodeSnapshotV2(dataKey, keyHeader, { journalSeq: lastSeq, schemaVersion: doc.schemaVersion }, doc, current, options.tuning?.segmentBytes), { backup: false });
      written = true;
      const report: OpenReport = { replayed: 0, discardedTornTail: false, migratedFrom: [], setAsideDuplicates: [] };
      const store = new CaseStore(identity, fs, dataKey, keyHeader, doc, lastSeq, report, lock, index, options.tuning);
      store.journal.snapshotIdentity = await identityAt(fs, path);
      await store.journal.reset();
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
    if (options.readOnly) return CaseStore.openConsistently(identity, unlock, options);
    // Lock before reading: a writer in another process may be mid-fold (new snapshot, fresh
    // journal), and reading its files half-way would look like tampering.
    const lock = await acquireLock(path, { takeOver: options.takeOverLock ?? false });
    try {
      await removeLeftoverTemps(path);
      await refuseHardLinks(path);
      return await CaseStore.openLocked(identity, unlock, options, lock);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  /**
   * A read-only open takes no lock (the app may have the case open), so a save in another
   * process may swap the snapshot and empty the journal while we read them: the snapshot's
   * identity is compared before and after, and the case is read again when it changed, so a
   * reader never misses acknowledged edits or mistakes a save for tampering.
   */
  private static async openConsistently(identity: CaseIdentity, unlock: Unlock, options: StoreOptions): Promise<CaseStore> {
    let key = unlock;
    for (let attempt = 1; ; attempt++) {
      const before = await stampOf(identity.path);
      let store: CaseStore | null = null;
      let failure: unknown = null;
      try {
        store = await CaseStore.openLocked(identity, key, options, null);
        key = { dataKey: store.exportDataKey() };
      } catch (error) {
        if (error instanceof StoreError && error.code === 'WRONG_PASSPHRASE') throw error;
        failure = error;
      }
      if ((await stampOf(identity.path)) === before) {
        if (failure) throw failure;
        return store!;
      }
      await store?.close();
      if (attempt >= 5) throw new StoreError('LOCKED', `${identity.path} kept changing while it was read (another Casefile Workbench process is saving it). Try again in a moment; nothing was changed.`);
    }
  }

  private static async openLocked(identity: CaseIdentity, unlock: Unlock, options: StoreOptions, lock: CaseLock | null): Promise<CaseStore> {
    const fs = options.fs ?? nodeFileSystem;
    const blobsFor = (dataKey: Buffer) => (options.readOnly ? null : new BlobStore(blobsPathOf(identity.path), dataKey, fs));
    // A writer replays a private copy of the journal taken before the snapshot is read, and
    // installs that copy as its own journal (own-journal.ts): a window that lost the lock may
    // still write to the old file, and a fold it finishes leaves a snapshot holding everything
    // the copy holds.
    const journalCopy = options.readOnly ? undefined : await copyJournal(fs, journalPathOf(identity.path));
    try {
      return await CaseStore.readAndSettle(identity, fs, unlock, options, lock, blobsFor, journalCopy);
    } finally {
      // Gone already once installed (renamed into place).
      if (journalCopy) await fs.unlink(journalCopy).catch(() => undefined);
    }
  }

  private static async readAndSettle(
    identity: CaseIdentity,
    fs: FileSystem,
    unlock: Unlock,
    options: StoreOptions,
    lock: CaseLock | null,
    blobsFor: (dataKey: Buffer) => BlobStore | null,
    journalCopy: string | null | undefined,
  ): Promise<CaseStore> {
    const snapshotIdentity = options.readOnly ? null : await identityAt(fs, identity.path);
    const read = await readCase(identity.path, fs, unlock, {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      tuning: options.tuning ?? {},
      blobsFor,
      ...(journalCopy !== undefined ? { journalFile: journalCopy } : {}),
    });
    const report: OpenReport = {
      replayed: read.replayed,
      discardedTornTail: read.tornTail,
      migratedFrom: read.migratedFrom,
      setAsideDuplicates: read.setAsideDuplicates,
      ...(lock?.tookOver ? { tookOverLock: lock.tookOver } : {}),
      ...(read.olderFormat && !options.readOnly ? { upgradedFormat: true } : {}),
      ...(read.movedAttachments > 0 ? { movedAttachments: read.movedAttachments } : {}),
    };
    const store = new CaseStore(identity, fs, read.dataKey, read.keyHeader, read.doc, read.lastSeq, report, lock, read.index, options.tuning);
    store.inlineFiles = read.inlineFiles;
    store.journal.snapshotIdentity = snapshotIdentity;
    if (!options.readOnly) {
      // An older format or schema (the original stays as the .bak), or a set-aside copy in the journal: fold now, so nothing is ever appended
      // to a journal of another format or after a record that must not be replayed again.
      // Files moved out of an older document belong to this case from its current edit on.
      if (read.movedAttachments > 0) await writeOwner(fs, store.blobs.dir, { caseId: read.keyHeader.caseId, seq: read.lastSeq });
      if (read.olderFormat || read.migratedFrom.length > 0 || read.setAsideDuplicates.length > 0 || read.movedAttachments > 0) {
        // A schema step alone rewrites only what it changed: the lists it declares, appended to
        // the snapshot as it is (snapshot-amend.ts). Anything more (a journal to fold in, another
        // format, moved files) is saved whole.
        const amendOnly = read.amendable !== null && !read.olderFormat && read.replayed === 0 && read.setAsideDuplicates.length === 0 && read.movedAttachments === 0;
        await store.fold(amendOnly ? { base: read.amendable!, changed: new Set(read.migratedLists) } : undefined);
        report.foldedOnOpen = true;
        if (amendOnly) report.amendedLists = read.migratedLists;
      } else if (!journalCopy || read.journalValidLength === null) await store.journal.reset();
      else await store.journal.install(journalCopy, read.journalValidLength);
      // Files no record and no undo step can reach (an upload whose edit never came): remove them.
      // No add of this process can be in flight for this case (one writer, and a switch ends its
      // uploads), so no grace period is needed.
      await store.sweepBlobsOnOpen(read.movedAttachments > 0);
    }
    return store;
  }

  private async sweepBlobsOnOpen(adopted: boolean): Promise<void> {
    const notice = await sweepOnOpen(this.fs, this.blobs, this.keyHeader.caseId, this.lastSeq, reachableBlobs(this.doc), adopted);
    if (notice.swept > 0) this.report.sweptBlobs = notice.swept;
    if (notice.message) this.report.blobNotice = notice.message;
  }

  /** Whether the bytes of a file of the case are at hand (in its blob folder, or inline in an older case opened read-only). */
  async hasFile(sha256: string): Promise<boolean> {
    return this.inlineFiles.has(sha256) || (await this.blobs.has(sha256));
  }

  /** Writes a file of the case to `outPath`, verified, whole or not at all, never over a file. */
  async writeFileTo(sha256: string, outPath: string): Promise<void> {
    const inline = this.inlineFiles.get(sha256);
    if (!inline) return this.blobs.writeTo(sha256, outPath);
    if (createHash('sha256').update(inline).digest('hex') !== sha256) throw new StoreError('CORRUPT_STORE', `The file ${sha256.slice(0, 12)}… inside ${this.path} does not match its SHA-256; nothing was written.`);
    await exportToFile(this.fs, (async function* () {
      yield inline;
    })(), resolve(outPath), {});
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
    return this.journal.size;
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
   * Persists one audit entry and then applies it, in the store's queue: `build` sees the case as
   * it stands after every earlier commit, and the entry is on disk (the acknowledgement) before
   * the promise resolves. Edits asked for while a journal write is in flight are written and
   * fsynced together next (group-commit.ts); a failed write fails every edit of its batch and
   * leaves both the file and the document as they were.
   */
  commit(build: BuildEntry): Promise<AuditEntry> {
    return this.batcher.add(build);
  }

  /** One batch of group commit: build the entries in order, write them, one fsync, then acknowledge them all. */
  private async flushBatch(batch: CommitRequest[], repaired = false): Promise<void> {
    const refuse = (error: unknown) => {
      for (const request of batch) request.reject(error);
    };
    if (this.closed) return refuse(new StoreError('NO_CASE_OPEN', 'The case is closed.'));
    try {
      await this.lock?.assertHeld();
    } catch (error) {
      return refuse(error);
    }
    const { built, applyRest, rollBack } = await buildBatch(this.index, this.lastSeq, batch, async (entry) => {
      try {
        await noteBlobReferences(this.fs, this.blobs.dir, this.keyHeader.caseId, entry);
      } catch (error) {
        throw fromSystemError(error, this.blobs.dir, 'recording which files the case uses in');
      }
    });
    if (built.length === 0) return;
    const entries = built.map((b) => b.entry);
    try {
      await this.journal.appendDurably(entries, this.lastSeq);
    } catch (error) {
      rollBack();
      if (error instanceof FilesReplaced && !repaired) {
        // Our files were replaced while we still hold the lock (a window that lost it finishing
        // a fold): save the case again from memory, which holds every acknowledged edit, then
        // write the batch into the fresh journal.
        const saved = await this.fold().then(() => null, (failure: unknown) => failure);
        if (saved === null) return this.flushBatch(built.map((b) => b.request), true);
      }
      const refusal = error instanceof StoreError && error.code === 'LOCKED' ? lockLostError(entries.map((e) => e.summary)) : error instanceof FilesReplaced ? error.asStoreError() : error;
      for (const { request } of built) request.reject(refusal);
      return;
    }
    applyRest();
    this.lastSeq = entries[entries.length - 1]!.seq;
    for (const { entry, request } of built) request.resolve(entry);
  }

  async close(): Promise<void> {
    try {
      await this.enqueue(async () => {
        this.closed = true;
        await this.journal.close();
      });
    } finally {
      await this.lock?.release();
    }
  }

  /** Saves the case whole; or, with `amend`, appends the lists a migration changed to the snapshot as it is. */
  private async fold(amend?: { base: AmendBase; changed: ReadonlySet<string> }): Promise<void> {
    await this.lock?.assertHeld();
    const current = (collection: string, id: string) => this.index.get(collection as never, id);
    const meta = { journalSeq: this.lastSeq, schemaVersion: CURRENT_SCHEMA_VERSION };
    const snapshot = amend
      ? encodeAmendment(this.dataKey, amend.base, meta, amend.changed, this.doc, current, this.tuning.segmentBytes)
      : encodeSnapshotV2(this.dataKey, this.keyHeader, meta, this.doc, current, this.tuning.segmentBytes);
    try {
      await writeFileAtomic(this.fs, this.path, snapshot, {
        backup: true,
        ...(amend ? { startFrom: { path: this.path, size: amend.base.size } } : {}),
        // A window that lost the lock must not put its snapshot over the new holder's.
        beforeRename: () => this.journal.assertLockFresh(),
        renamed: (identity) => (this.journal.snapshotIdentity = identity),
      });
      // The new snapshot holds every journaled edit: a crash from here on merely replays nothing.
      await this.journal.reset();
    } catch (error) {
      // A new holder's open sweeps our temp files, so a save cut off by a takeover fails as a
      // missing file: say what happened instead.
      await this.journal.assertLockFresh();
      throw error;
    }
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
