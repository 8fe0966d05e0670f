import type { AuditEntry } from '../../shared/domain/audit';
import { ByteReader } from './byte-reader';
import type { FileHandleLike, FileSystem } from './file-system';
import { writeEntries } from './group-commit';
import { journalPrefix, readJournal } from './journal';
import type { CaseLock } from './lock';
import { emptyJournal, FilesReplaced, identityAt, installJournal } from './own-journal';
import { fromSystemError, StoreError } from './store-error';
import { journalPathOf } from './store-read';

export interface JournalContext {
  /** The real path of the case file. */
  path: string;
  fs: FileSystem;
  dataKey: Buffer;
  caseId: string;
  lock: CaseLock | null;
  /** Bytes per journal part (tests use small ones). */
  partBytes?: number;
}

/**
 * The open case's journal: the append handle, and the checks made before an edit is acknowledged
 * (the lock is still ours, and the journal's and the snapshot's names still point at the files we
 * put there). A failed append leaves the file as it was, or drops the handle so that the next
 * append rereads the file and cuts it back to the last acknowledged edit.
 */
export class CaseJournal {
  private handle: FileHandleLike | null = null;
  private bytes = 0;
  /**
   * Device and inode of the journal and the snapshot this store last put in place (null: cannot
   * be told). A name that points elsewhere was replaced behind our back (a window that lost the
   * lock finishing a fold): its edits must not be acknowledged into a file no one will replay.
   */
  private journalIdentity: string | null = null;
  snapshotIdentity: string | null = null;

  constructor(private readonly context: JournalContext) {}

  get size(): number {
    return this.bytes;
  }

  private get file(): string {
    return journalPathOf(this.context.path);
  }

  /** Appends entries and fsyncs them; on failure the journal is left as it was (or dropped, to be reread). Resolves once they are ours to acknowledge. */
  async appendDurably(entries: readonly AuditEntry[], lastSeq: number): Promise<void> {
    const { dataKey, caseId, partBytes } = this.context;
    // After a failed fold or append the handle may be gone: reopen the journal from disk first.
    const journal = this.handle ?? (await this.reopen(lastSeq));
    try {
      const written = await writeEntries(journal, dataKey, journalPrefix(caseId), entries, partBytes);
      await journal.sync();
      // Taken over while we wrote (the analyst forced it elsewhere)? Then the write is not ours
      // to acknowledge: the new holder replays its own copy of the journal. Our files replaced
      // by a window that lost the lock? Then no one would replay this write.
      await this.assertStillOurs();
      this.bytes += written;
    } catch (error) {
      if ((error instanceof StoreError && error.code === 'LOCKED') || error instanceof FilesReplaced) {
        // The journal is the new holder's now: leave it as it is, and write nothing more here.
        await journal.close().catch(() => undefined);
        this.handle = null;
        throw error;
      }
      // Cut the partial records off so the next append starts clean; no edit of the batch was
      // acknowledged. If even that fails, drop the handle: the next commit rereads the file and
      // cuts off every record past the last acknowledged one before it writes (see reopen).
      const cut = await journal.truncate(this.bytes).then(
        () => true,
        () => false,
      );
      if (!cut) {
        await journal.close().catch(() => undefined);
        this.handle = null;
      }
      throw fromSystemError(error, this.file, 'saving an edit to');
    }
  }

  /** Closes the append handle; every acknowledged edit was fsynced already. */
  async close(): Promise<void> {
    const journal = this.handle;
    this.handle = null;
    // A failing close(2) is still said as a StoreError.
    await journal?.close().catch((error: unknown) => {
      throw fromSystemError(error, this.file, 'closing');
    });
  }

  /** Puts a fresh, empty journal in place (after a save, whose snapshot holds every edit). */
  async reset(): Promise<void> {
    // Drop the old handle first: once the new file is renamed in, the old one appends to nothing.
    // If anything below fails, the next commit reopens whichever journal is on disk.
    const old = this.handle;
    this.handle = null;
    await old?.close().catch(() => undefined);
    const prefix = journalPrefix(this.context.caseId);
    await this.install(await emptyJournal(this.context.fs, this.file, prefix), prefix.length);
  }

  /** Makes `temp` (a fresh journal, or the open's copy cut to `validLength`) the journal, with our append handle on it. */
  async install(temp: string, validLength: number): Promise<void> {
    const own = await installJournal(this.context.fs, temp, this.file, validLength, {
      beforeRename: () => this.assertLockFresh(),
      renamed: (identity) => (this.journalIdentity = identity),
    }).catch(async (error: unknown) => {
      await this.assertLockFresh(); // taken over mid-way (our temp swept): say so
      throw error;
    });
    this.handle = own.handle;
    this.bytes = own.length;
  }

  async assertLockFresh(): Promise<void> {
    await this.context.lock?.assertHeld({ fresh: true });
  }

  /**
   * The check before an acknowledgement: the lock, the journal and the snapshot, looked at
   * together (three `stat`s in one turn of a busy event loop, not one after another). A lost
   * lock (LOCKED) is said before a replaced file.
   */
  private async assertStillOurs(): Promise<void> {
    const [lock, files] = await Promise.allSettled([this.context.lock?.assertHeld(), this.assertFilesOurs()]);
    if (lock.status === 'rejected') throw lock.reason;
    if (files.status === 'rejected') throw files.reason;
  }

  /** Throws FilesReplaced when the journal's or the snapshot's name no longer points at the file we put there. */
  private async assertFilesOurs(): Promise<void> {
    const { fs, path } = this.context;
    const replaced = async (name: string, ours: string | null) => ours !== null && (await identityAt(fs, name)) !== ours;
    const [journal, snapshot] = await Promise.all([replaced(this.file, this.journalIdentity), replaced(path, this.snapshotIdentity)]);
    if (journal || snapshot) throw new FilesReplaced(path);
  }

  /**
   * Reopens the journal on disk after a failure left no handle. What is there is the old journal
   * (edits up to now, perhaps followed by an append that was reported as not saved: its write
   * reached the disk but its fsync or the truncate after it failed) or a fresh one after a fold
   * whose snapshot already holds every edit. Everything past the last acknowledged edit is cut
   * off before anything is appended, so a sequence number is never written twice; if the cut
   * fails, the commit fails and the next one tries again.
   */
  private async reopen(lastSeq: number): Promise<FileHandleLike> {
    const { fs, dataKey, caseId } = this.context;
    const file = this.file;
    // Only our own file may be cut and appended to: not one a new holder put in place after a
    // takeover, nor one a window that lost the lock renamed over ours.
    await this.assertLockFresh();
    await this.assertFilesOurs();
    let handle;
    try {
      handle = await fs.openRead(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fromSystemError(error, file, 'opening');
    }
    if (!handle) {
      await this.reset();
    } else {
      let length: number;
      let cutAt: number | null = null;
      try {
        const reader = await ByteReader.over(handle);
        length = reader.size;
        const tail = await readJournal(
          reader,
          dataKey,
          caseId,
          file,
          (read) => {
            if (cutAt === null && read.seq > lastSeq) cutAt = read.offset;
          },
          lastSeq + 1,
        );
        cutAt ??= tail.validLength;
      } finally {
        await handle.close().catch(() => undefined);
      }
      // Replaced between the check and the open? Then the handle is not on our file: cut nothing.
      await this.openForAppend(length, cutAt, () => this.assertFilesOurs());
    }
    if (!this.handle) throw new StoreError('IO', `Could not reopen the journal ${file}.`);
    return this.handle;
  }

  private async openForAppend(length: number, validLength: number, beforeCut?: () => Promise<void>): Promise<void> {
    const file = this.file;
    let handle: FileHandleLike | null = null;
    try {
      handle = await this.context.fs.openAppend(file);
      await beforeCut?.();
      if (length > validLength) {
        await handle.truncate(validLength);
        await handle.sync();
      }
    } catch (error) {
      // Never keep a handle that would append after a torn tail, or to a file that is not ours.
      await handle?.close().catch(() => undefined);
      throw error instanceof FilesReplaced ? error : fromSystemError(error, file, 'opening');
    }
    this.handle = handle;
    this.bytes = validLength;
  }
}
