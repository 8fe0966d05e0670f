import { channel } from 'node:diagnostics_channel';
import type { CaseIndex } from '../../shared/domain/apply';
import type { AuditEntry } from '../../shared/domain/audit';
import type { FileHandleLike } from './file-system';
import { entryFrames, MAX_BATCH_ENTRIES } from './journal';
import { StoreError } from './store-error';

/**
 * Group commit. Edits that arrive while the journal's write and fsync are in flight wait, and are
 * then built, written and fsynced together: one fsync acknowledges them all. An edit is still
 * acknowledged only after the fsync that makes it durable, and seqs (so history and undo order)
 * follow the order in which the edits were asked for.
 */

export type BuildEntry = (records: CaseIndex, seq: number) => AuditEntry;

export interface CommitRequest {
  build: BuildEntry;
  resolve: (entry: AuditEntry) => void;
  reject: (error: unknown) => void;
}

/** Published once a batch is settled (for the host's load figures, host-metrics.ts); free when nobody listens. */
export const GROUP_COMMIT_CHANNEL = 'casefile:group-commit';
export interface GroupCommitTiming {
  edits: number;
  /** From the flush being queued to it starting (the store's queue: folds, the batch before). */
  waitMs: number;
  /** Build, write and fsync of the batch, until every edit in it is settled. */
  flushMs: number;
}
const timings = channel(GROUP_COMMIT_CHANNEL);

/** The edits waiting for the next journal write, and the one flush queued for them. */
export class CommitBatcher {
  private waiting: CommitRequest[] = [];
  private flushQueued = false;

  constructor(
    /** Runs a task in the store's serial queue (after folds and flushes already in it). */
    private readonly enqueue: (task: () => Promise<void>) => Promise<void>,
    /** Builds, writes and fsyncs one batch; settles every request in it. */
    private readonly flush: (batch: CommitRequest[]) => Promise<void>,
  ) {}

  add(build: BuildEntry): Promise<AuditEntry> {
    return new Promise<AuditEntry>((resolve, reject) => {
      this.waiting.push({ build, resolve, reject });
      this.queueFlush();
    });
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    const queuedAt = performance.now();
    void this.enqueue(async () => {
      // Everything that waited until now goes in this batch (up to the bound); the rest in the next.
      this.flushQueued = false;
      const batch = this.waiting.splice(0, MAX_BATCH_ENTRIES);
      if (this.waiting.length > 0) this.queueFlush();
      const startedAt = performance.now();
      try {
        await this.flush(batch);
      } catch (error) {
        // flush settles its requests itself; this is a defect's last resort, never a hang.
        for (const request of batch) request.reject(error);
      }
      if (timings.hasSubscribers) timings.publish({ edits: batch.length, waitMs: startedAt - queuedAt, flushMs: performance.now() - startedAt } satisfies GroupCommitTiming);
    });
  }
}

export interface BuiltEntry {
  entry: AuditEntry;
  request: CommitRequest;
}

/**
 * Builds a batch's entries in order, each on the case as the entries before it in the batch leave
 * it. Those are applied to the case ahead of their fsync (a reader may see them while it is in
 * flight) and taken back by `rollBack` if the batch fails; the batch's last entry is applied only
 * by `applyRest`, after the fsync, so a lone edit shows only once it is durable. An edit whose
 * build or `prepare` fails is refused alone.
 */
export async function buildBatch(
  index: CaseIndex,
  lastSeq: number,
  batch: readonly CommitRequest[],
  prepare: (entry: AuditEntry) => Promise<void>,
): Promise<{ built: BuiltEntry[]; applyRest: () => void; rollBack: () => void }> {
  const built: BuiltEntry[] = [];
  const undo: Array<() => void> = [];
  let unapplied: AuditEntry | null = null;
  let seq = lastSeq;
  for (const request of batch) {
    if (unapplied) {
      undo.push(index.applyEntryUndoable(unapplied));
      unapplied = null;
    }
    try {
      const entry = request.build(index, seq + 1);
      if (entry.seq !== seq + 1) throw new StoreError('CONFLICT', `Edit ${entry.seq} is out of order (expected ${seq + 1}).`);
      await prepare(entry);
      built.push({ entry, request });
      unapplied = entry;
      seq = entry.seq;
    } catch (error) {
      request.reject(error);
    }
  }
  return {
    built,
    applyRest: () => {
      if (unapplied) index.applyEntry(unapplied);
    },
    rollBack: () => {
      for (const takeBack of undo.reverse()) takeBack();
    },
  };
}

/** Bytes gathered before one write(2): few calls for many small frames, bounded memory for a large import. */
const WRITE_BYTES = 1024 * 1024;

/** Appends the frames of every entry (each part saying where the batch began); returns the bytes written. Does not fsync. */
export async function writeEntries(journal: FileHandleLike, dataKey: Buffer, prefix: Buffer, entries: readonly AuditEntry[], partBytes: number | undefined): Promise<number> {
  const batchStart = entries[0]?.seq ?? 0;
  let written = 0;
  let gathered: Buffer[] = [];
  let gatheredBytes = 0;
  const writeGathered = async () => {
    if (gatheredBytes === 0) return;
    await journal.write(gathered.length === 1 ? gathered[0]! : Buffer.concat(gathered, gatheredBytes));
    written += gatheredBytes;
    gathered = [];
    gatheredBytes = 0;
  };
  for (const entry of entries) {
    for await (const piece of entryFrames(dataKey, prefix, entry, partBytes, batchStart)) {
      gathered.push(piece);
      gatheredBytes += piece.length;
      if (gatheredBytes >= WRITE_BYTES) await writeGathered();
    }
  }
  await writeGathered();
  return written;
}
