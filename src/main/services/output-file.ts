import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { nodeFileSystem, type FileSystem } from '../store/file-system';
import { removeStaleOutputTemps } from '../store/atomic-write';
import { JOURNAL_MAGIC } from '../store/journal';
import { SNAPSHOT_MAGIC } from '../store/snapshot-format';
import { StoreError } from '../store/store-error';
import { KEYS_MAGIC } from './exchange/keyring';
import { TAXII_MAGIC } from './taxii/sync-store';

export interface OutputOptions {
  /** Replace a file already at the path (the CLI's --out); otherwise refuse with ALREADY_EXISTS. */
  overwrite: boolean;
  fs?: FileSystem;
  /** Cancels the write (the CLI's Ctrl-C) up to the moment the file is published; the path is then left as it was. */
  signal?: AbortSignal;
}

/**
 * Writes a file the user asked for (an export) so that it appears whole or not at all: a
 * unique temp file beside it, fsync, then published under its name, then fsync of the folder.
 * A failure (a full disk half way) removes the temp file and leaves the path as it was, so
 * nobody hands over a cut-short file and the retry is not refused as "exists already".
 */
export async function writeOutputFile(path: string, bytes: Uint8Array | string, options: OutputOptions): Promise<void> {
  await writeOutputStream(path, onePiece(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes), options);
}

/**
 * `writeOutputFile` for content that arrives as a stream (a `.casefile` with gigabytes of
 * evidence): each piece is written as it comes, so memory does not grow with the file. An error
 * from the source (a cancel, a damaged blob) removes the temp file like any other failure.
 * Returns the bytes written.
 */
export async function writeOutputStream(path: string, source: AsyncIterable<Uint8Array>, options: OutputOptions): Promise<number> {
  await checkOutputTarget(path);
  const fs = options.fs ?? nodeFileSystem;
  const dir = dirname(path);
  await removeStaleOutputTemps(fs, path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let published = false;
  let created = false;
  let written = 0;
  const stopIfCancelled = (): void => {
    if (options.signal?.aborted) throw new StoreError('CANCELLED', `${path} was not written (cancelled); whatever was there is as it was.`);
  };
  try {
    stopIfCancelled();
    const handle = await fs.createExclusive(temp);
    created = true;
    try {
      for await (const piece of source) {
        await handle.write(piece);
        written += piece.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    stopIfCancelled();
    if (options.overwrite) await fs.rename(temp, path);
    else await publishNew(fs, temp, path);
    published = true;
    await fs.syncDir(dir);
    return written;
  } catch (error) {
    if (created && !published) await fs.unlink(temp).catch(() => undefined);
    throw outputError(error, path, published);
  }
}

async function* onePiece(bytes: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  yield bytes;
}

const STORE_CODE_ERRNO: Partial<Record<StoreError['code'], string>> = { DISK_FULL: 'ENOSPC', PERMISSION_DENIED: 'EACCES' };

/** Gives `temp` the name `path` only if nothing has it: a hard link fails when the name is taken. */
async function publishNew(fs: FileSystem, temp: string, path: string): Promise<void> {
  try {
    await fs.link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    // No hard links on this file system (FAT on a USB stick, some shares): check, then rename.
    if (await fs.exists(path)) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await fs.rename(temp, path);
    return;
  }
  await fs.unlink(temp).catch(() => undefined);
}

/**
 * A failure while writing `path` as a message about `path`. Store errors of the same kinds (a
 * work folder beside it filling the disk) are named the same way; other store errors pass as they are.
 */
export function outputError(error: unknown, path: string, published = false): StoreError {
  if (error instanceof StoreError) {
    const errno = STORE_CODE_ERRNO[error.code];
    if (!errno) return error;
    return outputError(Object.assign(new Error(error.message), { code: errno }), path, published);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = (error as Error | undefined)?.message ?? String(error);
  if (published) return new StoreError('IO', `${path} was written, but the folder could not be synced to disk (${reason}). Check the file before you hand it over.`);
  switch (code) {
    case 'EEXIST':
      return new StoreError('ALREADY_EXISTS', `${path} exists already; choose another name.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new StoreError('DISK_FULL', `The disk is full: ${path} was not written (nothing was left behind). Free some space and export again.`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StoreError('PERMISSION_DENIED', `Permission denied writing ${path}; nothing was written. Choose a folder you may write to.`);
    case 'ENOENT':
      return new StoreError('NOT_FOUND', `The folder of ${path} does not exist; nothing was written. Choose an existing folder.`);
    default:
      return new StoreError('IO', `Cannot write ${path}: ${reason}. Nothing was written.`);
  }
}

/** The store's file families (snapshot, journal, keys, TAXII connections), any format version: the magic without its version digit. */
const STORE_MAGICS = [SNAPSHOT_MAGIC, JOURNAL_MAGIC, KEYS_MAGIC, TAXII_MAGIC].map((magic) => magic.subarray(0, magic.length - 1));
const COMPANIONS: Record<string, string> = { '.journal': 'journal', '.bak': 'backup', '.keys': 'exchange keys', '.taxii': 'TAXII connections', '.lock': 'lock' };

/**
 * Refuses (FORBIDDEN) a target that is a case file or one of its companions: a `.cfcase`, the
 * `.journal`, `.bak`, `.keys` or `.lock` of a case (named `.cfcase`, or any file that holds a
 * snapshot), anything inside a case's `.blobs` folder, or an existing file that holds a store
 * format whatever its name. Writing a report or an export there would destroy the case (the CLI's
 * --out replaces what it names). Call it before expensive work, too; writeOutputFile calls it again.
 */
export async function checkOutputTarget(path: string): Promise<void> {
  const full = resolve(path);
  const why = await caseFileRole(full);
  if (why) throw new StoreError('FORBIDDEN', `${path} is ${why}; a report or export is never written over a case file or its companions. Nothing was written; choose another name.`);
}

async function caseFileRole(full: string): Promise<string | null> {
  const lower = full.toLowerCase();
  if (lower.endsWith('.cfcase')) return 'a case file (.cfcase)';
  if (dirname(full).split(sep).some((part) => part.toLowerCase().endsWith('.blobs'))) return 'inside a case’s attachment folder (.blobs)';
  const suffix = Object.keys(COMPANIONS).find((s) => lower.endsWith(s));
  if (suffix) {
    const owner = full.slice(0, -suffix.length);
    if (owner.toLowerCase().endsWith('.cfcase') || (await storeMagicOf(owner)) === 'CFWSNAP') return `the ${COMPANIONS[suffix]} companion of the case file ${basename(owner)}`;
  }
  const magic = await storeMagicOf(full);
  return magic ? `a case store file (it starts with ${magic}), whatever its name` : null;
}

/** The store family an existing file belongs to (its first bytes), or null (no such file, or another kind). */
async function storeMagicOf(path: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const found = STORE_MAGICS.find((magic) => bytesRead >= magic.length && head.subarray(0, magic.length).equals(magic));
    return found ? found.toString('ascii') : null;
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}
