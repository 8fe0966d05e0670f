import { createHash, randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { nodeFileSystem, type FileHandleLike, type FileSystem } from '../file-system';
import { StoreError } from '../store-error';
import { blobFileName, nameKey } from './crypto';
import { blobSystemError, cancelled, damagedBlob, invalidSha256, missingBlob, tooLarge } from './errors';
import { exportToFile, type ExportOptions } from './export-file';
import { layoutOf } from './format';
import { openBlob, type ByteRange } from './open-stream';
import { holdPath, noteAdded } from './registry';
import { sealStream, type SealOptions } from './seal-stream';
import { fileSource, piecesOf, type BlobSource } from './sources';
import { sweepFolder, type SweepResult } from './sweep';

export interface AddOptions extends SealOptions {
  /** Aborting removes the temp file and rejects with CANCELLED; nothing is kept. */
  signal?: AbortSignal;
}

export interface AddResult {
  /** SHA-256 of the plaintext, lowercase hex: what the case's record keeps. */
  sha256: string;
  size: number;
  /** The same content was kept already (there is still one blob for it). */
  existed: boolean;
}

export interface SweepOptions {
  /**
   * Blobs an add in this process returned less than this long ago are spared, so a sweep that
   * runs between an add and the commit of the record naming it cannot remove it. Default 1 hour.
   */
  graceMs?: number;
}

export const DEFAULT_SWEEP_GRACE_MS = 60 * 60 * 1000;

/** Adds whose durability is deferred to one commit (see `BlobStore.batch`). */
export interface BlobBatch {
  /** Seals the file into a temp file (not yet kept); `existed` is always false. */
  add(source: BlobSource, options?: AddOptions): Promise<AddResult>;
  /** Whether this batch holds `sha256` already. */
  has(sha256: string): boolean;
  /** Syncs every file, publishes them, syncs the folder once; on failure nothing of the batch is kept. */
  commit(signal?: AbortSignal): Promise<void>;
  /** Removes every file of the batch (nothing is kept). */
  discard(): Promise<void>;
}

/** Files up to this size are read whole by a batch and sealed in the background. */
const SMALL_FILE_BYTES = 64 * 1024;
/** Background seals of small files a batch runs at once. */
const WRITE_CONCURRENCY = 16;

async function smallFile(pieces: AsyncIterable<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const held: Buffer[] = [];
  let size = 0;
  for await (const piece of pieces) {
    size += piece.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    held.push(Buffer.from(piece));
  }
  return Buffer.concat(held, size);
}

async function* onePieceOf(bytes: Buffer): AsyncGenerator<Buffer, void, undefined> {
  yield bytes;
}

/** Temp files synced at once by a batch commit: enough for the file system to group the flushes, few enough for the open-files limit. */
const SYNC_CONCURRENCY = 32;

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(runners);
}

const SHA256 = /^[0-9a-f]{64}$/;
const TEMP_PREFIX = '.add-';
const BUSY = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** The blob folder of a case: `<case path>.blobs`, beside the case file, travelling with it. */
export function blobsPathOf(casePath: string): string {
  return `${casePath}.blobs`;
}

/**
 * The files (attachments) of one case, kept as encrypted, content-addressed blobs in a folder
 * beside the case: one blob per SHA-256, each file named by an HMAC of it so the name reveals
 * nothing, sealed in 64 KiB chunks (format.ts) and written and read as streams, so memory does
 * not grow with a file's size. Every error is a StoreError whose message says what to do.
 *
 * Call `sweep` only while holding the case's lock: it takes temp files of other processes for
 * leftovers of killed writes.
 */
export class BlobStore {
  readonly dir: string;
  private readonly names: Buffer;

  /**
   * @param dir the case's blob folder (`blobsPathOf(casePath)`); created with mode 0700 on the first add
   * @param dataKey the case's 32-byte data key; blob keys and names are derived from it
   * @param fs the file-system port (tests inject faults)
   */
  constructor(
    dir: string,
    private readonly dataKey: Buffer,
    private readonly fs: FileSystem = nodeFileSystem,
    /** Called once this store has created its folder, before anything is put in it (the case records that it owns it). */
    private readonly onFolderCreated: (dir: string) => Promise<void> = async () => undefined,
  ) {
    if (dataKey.length !== 32) throw new StoreError('INTERNAL', "A blob store needs the case's 32-byte data key.");
    this.dir = resolve(dir);
    this.names = nameKey(dataKey);
  }

  /** Where the blob of `sha256` is (or would be) kept. */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw invalidSha256(sha256);
    return join(this.dir, blobFileName(this.names, sha256));
  }

  /**
   * Reads `source` once, hashing and sealing it chunk by chunk into a temp file, and publishes it
   * under its name (fsync, rename, fsync of the folder). Content kept already stays one blob
   * (`existed`); the fresh copy replaces the old one, which mends a damaged copy. On any failure,
   * abort or `maxBytes` overrun, the temp file is removed and nothing new is kept.
   */
  async add(source: BlobSource, options: AddOptions = {}): Promise<AddResult> {
    const written = await this.writeTemp(source, options, true);
    try {
      return await this.publishTemp(written.temp, written.sealed);
    } catch (error) {
      await this.fs.unlink(written.temp).catch(() => undefined);
      throw blobSystemError(error, this.dir, 'adding a file to', `The folder ${this.dir} disappeared while a file was being added; nothing was added.`);
    } finally {
      written.release();
    }
  }

  /**
   * A batch of adds made durable together (a merge's files: thousands of small ones must not each
   * cost an fsync of the file and one of the folder). Each add is sealed into a temp file, not
   * synced; `commit` syncs them all (concurrently, so the file system groups the flushes), publishes
   * them under their names, and syncs the folder once. Until `commit` returns none of them is kept,
   * so no record can name a blob that is not yet durable; `discard` removes them.
   */
  batch(): BlobBatch {
    const pending: Array<{ temp: string; sealed: { sha256: string; size: number }; release: () => void }> = [];
    const shas = new Set<string>();
    // Small files are read whole (they are checked by then) and sealed in the background, a few at
    // a time, so the reader goes on while the disk works.
    const writing = new Set<Promise<void>>();
    let failure: unknown = null;
    const settled = async (): Promise<void> => {
      while (writing.size > 0) await Promise.allSettled([...writing]);
    };
    const discard = async (): Promise<void> => {
      await settled();
      for (const entry of pending.splice(0)) {
        await this.fs.unlink(entry.temp).catch(() => undefined);
        entry.release();
      }
      shas.clear();
    };
    return {
      add: async (source, options = {}) => {
        if (failure) throw failure;
        if (options.maxBytes === undefined || options.maxBytes > SMALL_FILE_BYTES) {
          const written = await this.writeTemp(source, options, false);
          pending.push(written);
          shas.add(written.sealed.sha256);
          return { ...written.sealed, existed: false };
        }
        const bytes = await smallFile(piecesOf(source, options.signal, 'Adding the file'), options.maxBytes);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        shas.add(sha256);
        const job: Promise<void> = this.writeTemp(onePieceOf(bytes), options, false).then(
          (written) => void pending.push(written),
          (error: unknown) => void (failure ??= error),
        );
        writing.add(job);
        void job.finally(() => writing.delete(job));
        if (writing.size >= WRITE_CONCURRENCY) await Promise.race(writing);
        if (failure) throw failure;
        return { sha256, size: bytes.length, existed: false };
      },
      has: (sha256) => shas.has(sha256),
      commit: async (signal) => {
        try {
          await settled();
          if (failure) throw failure;
          await inParallel(pending, SYNC_CONCURRENCY, async ({ temp }) => {
            if (signal?.aborted) throw cancelled('Keeping the files');
            const handle = await this.fs.openAppend(temp);
            try {
              await handle.sync();
            } finally {
              await handle.close();
            }
          });
          if (signal?.aborted) throw cancelled('Keeping the files');
          const published: string[] = [];
          for (const { temp, sealed } of pending) published.push(await this.publishTempUnsynced(temp, sealed.sha256));
          if (published.length > 0) await this.fs.syncDir(this.dir);
          for (const final of published) noteAdded(final);
        } catch (error) {
          await discard();
          throw blobSystemError(error, this.dir, 'adding files to', `The folder ${this.dir} disappeared while files were being added; nothing was added.`);
        }
        for (const entry of pending.splice(0)) entry.release();
      },
      discard,
    };
  }

  /** Seals `source` into a new temp file (synced when `sync`), held against sweeps until `release`. */
  private async writeTemp(source: BlobSource, options: AddOptions, sync: boolean): Promise<{ temp: string; sealed: { sha256: string; size: number }; release: () => void }> {
    if (options.signal?.aborted) throw cancelled('Adding the file');
    await this.ensureDir();
    const temp = join(this.dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}.tmp`);
    const releaseTemp = holdPath(temp);
    let handle: FileHandleLike | null = null;
    let created = false;
    try {
      handle = await this.fs.createExclusive(temp);
      created = true;
      const sealed = await sealStream(piecesOf(source, options.signal, 'Adding the file'), handle, this.dataKey, options);
      if (sync) await handle.sync();
      const closing = handle;
      handle = null;
      await closing.close();
      if (options.signal?.aborted) throw cancelled('Adding the file');
      return { temp, sealed: { sha256: sealed.sha256, size: sealed.size }, release: releaseTemp };
    } catch (error) {
      if (handle) await handle.close().catch(() => undefined);
      if (created) await this.fs.unlink(temp).catch(() => undefined);
      releaseTemp();
      throw blobSystemError(error, this.dir, 'adding a file to', `The folder ${this.dir} disappeared while a file was being added; nothing was added.`);
    }
  }

  /** Publishes a synced temp file under its name and syncs the folder. */
  private async publishTemp(temp: string, sealed: { sha256: string; size: number }): Promise<AddResult> {
    const final = this.pathOf(sealed.sha256);
    const releaseFinal = holdPath(final);
    try {
      const existed = await this.fs.exists(final);
      await this.publish(temp, final, existed);
      await this.fs.syncDir(this.dir);
      noteAdded(final);
      return { ...sealed, existed };
    } finally {
      releaseFinal();
    }
  }

  /** Publishes a synced temp file under its name; the caller syncs the folder. */
  private async publishTempUnsynced(temp: string, sha256: string): Promise<string> {
    const final = this.pathOf(sha256);
    const releaseFinal = holdPath(final);
    try {
      await this.publish(temp, final, await this.fs.exists(final));
      return final;
    } finally {
      releaseFinal();
    }
  }

  /** `add`, streamed from the file at `path` (errors reading it name that file). */
  async addFile(path: string, options: AddOptions = {}): Promise<AddResult> {
    return this.add(fileSource(this.fs, path), options);
  }

  /**
   * The verified plaintext of a blob (or of `range`, end exclusive), chunk by chunk. Before any
   * byte, the last chunk is authenticated for this content; every chunk is authenticated before
   * it is yielded; a whole read also checks the SHA-256 at the end. Errors arrive on iteration:
   * NOT_FOUND when the blob is missing, CORRUPT_STORE / TRUNCATED_STORE when it is damaged.
   */
  read(sha256: string, range?: ByteRange): AsyncIterable<Buffer> {
    return this.readChunks(sha256, range);
  }

  /** Writes a blob's plaintext to `outPath` whole or not at all; refuses (ALREADY_EXISTS) to overwrite. */
  async writeTo(sha256: string, outPath: string, options: ExportOptions = {}): Promise<void> {
    if (!(await this.has(sha256))) throw missingBlob(sha256, this.dir);
    await exportToFile(this.fs, this.read(sha256), resolve(outPath), options);
  }

  /** Whether a blob for `sha256` is kept (not whether it is intact: `read` tells that). */
  async has(sha256: string): Promise<boolean> {
    return this.fs.exists(this.pathOf(sha256));
  }

  /** The plaintext size of a blob, from its length on disk; null when it is not kept. */
  async stat(sha256: string): Promise<{ size: number } | null> {
    const path = this.pathOf(sha256);
    let length: number;
    try {
      length = (await this.fs.stat(path)).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw blobSystemError(error, path, 'reading', missingBlob(sha256, this.dir).message);
    }
    const layout = layoutOf(length);
    if (!layout) throw damagedBlob(sha256, 'it was cut short (its length ends part-way through a piece)', 'TRUNCATED_STORE');
    return { size: layout.size };
  }

  /**
   * Removes blobs that no record and no undo step can reach any more, and temp files left by
   * killed adds. `referenced` holds the plaintext SHA-256 of every blob still reachable; those are
   * never removed, nor is anything an add in this process is writing or has just returned.
   */
  async sweep(referenced: ReadonlySet<string>, options: SweepOptions = {}): Promise<SweepResult> {
    // Every entry must be a SHA-256: a set of ids or names by mistake would otherwise remove everything.
    const keep = new Set<string>();
    for (const sha256 of referenced) keep.add(blobFileName(this.names, SHA256.test(sha256) ? sha256 : invalid(sha256)));
    return sweepFolder(this.fs, this.dir, keep, options.graceMs ?? DEFAULT_SWEEP_GRACE_MS);
  }

  private async *readChunks(sha256: string, range: ByteRange | undefined): AsyncGenerator<Buffer, void, undefined> {
    const path = this.pathOf(sha256);
    const missing = missingBlob(sha256, this.dir).message;
    let handle;
    try {
      handle = await this.fs.openRead(path);
    } catch (error) {
      throw blobSystemError(error, path, 'opening', missing);
    }
    try {
      const blob = await openBlob(handle, this.dataKey, sha256);
      yield* blob.chunks(range);
    } catch (error) {
      throw blobSystemError(error, path, 'reading', missing);
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  private async publish(temp: string, final: string, existed: boolean): Promise<void> {
    try {
      await this.fs.rename(temp, final);
    } catch (error) {
      // Windows refuses to replace a file a reader holds open; the copy there has the same content.
      if (!existed || !BUSY.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
      await this.fs.unlink(temp).catch(() => undefined);
    }
  }

  private async ensureDir(): Promise<void> {
    const parent = dirname(this.dir);
    try {
      await this.fs.mkdir(this.dir, 0o700);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw blobSystemError(error, this.dir, 'creating', `The case folder ${parent} does not exist; nothing was added.`);
    }
    try {
      await this.fs.syncDir(parent);
      await this.onFolderCreated(this.dir);
    } catch (error) {
      throw blobSystemError(error, parent, 'saving', `The case folder ${parent} disappeared; nothing was added.`);
    }
  }
}

function invalid(value: string): never {
  throw invalidSha256(value);
}
