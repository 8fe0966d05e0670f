import type { FileSystem } from './file-system';
import type { OpenProgress } from './store-read';

/** What opening a case reports, and the options and sizes a store is opened with (case-store.ts). */
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
  /** The case was in a file format before segmented snapshots; it was converted on opening (the old file is the .bak). */
  upgradedFormat?: boolean;
  /** Files kept inside the older document that were moved into the blob folder. */
  movedAttachments?: number;
  /** Blobs no record or undo step could reach any more, removed on opening. */
  sweptBlobs?: number;
  /** Opening saved the case whole (an upgrade): the replayed edits are in the snapshot, none is left to fold. */
  foldedOnOpen?: boolean;
  /** The schema update saved only these lists (and the case header), appended to the snapshot as it was. */
  amendedLists?: string[];
  /** Why unused files beside the case were kept, or why cleaning them up failed (for the analyst). */
  blobNotice?: string;
}

export interface StoreOptions {
  fs?: FileSystem;
  /** Skip the single-writer lock (read-only tools such as `casefile dump`). */
  readOnly?: boolean;
  /** The analyst confirmed that whoever holds the lock is gone (see lock.ts). */
  takeOverLock?: boolean;
  /** Told how far opening has got (for a progress bar). */
  onProgress?: (progress: OpenProgress) => void;
  /** Sizes that tests shrink to cover with small cases what real cases reach at gigabytes. */
  tuning?: StoreTuning;
}

export interface StoreTuning {
  /** Plaintext bytes per snapshot segment. */
  segmentBytes?: number;
  /** Plaintext bytes per journal frame of one entry. */
  partBytes?: number;
  /** Format-1 bodies larger than this are decrypted and parsed as a stream. */
  legacyWholeBodyLimit?: number;
  /** The heap this process may use (default: V8's limit). */
  heapLimitBytes?: number;
}

/**
 * The encrypted, crash-safe case store, and lowdb's adapter for it.
 * - `read()` returns the document: snapshot decrypted, journal replayed.
 * - `commit(build)` persists one audit entry: sealed frames, fsynced (with the other edits of its
 *   group, see group-commit.ts); its cost does not depend on the size of the case.
 * - `write(doc)` (lowdb's save) folds everything into a new snapshot and empties the journal.
 */
