import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { FileHandleLike, FileSystem } from './file-system';
import { fromSystemError, StoreError } from './store-error';

/**
 * A journal file of the holder's own. Every writable open and every fold gives the store a new
 * journal file (a new inode): filled under a temp name, opened for appending, fsynced, renamed
 * into place and the folder fsynced, all before anything is acknowledged. A window whose lock
 * was taken over still holds an append handle on the file it opened, so a write it had checked
 * the lock for before the takeover lands in a file that is no longer the journal and is never
 * replayed; it can never interleave with, or be read as a duplicate of, the new holder's edits.
 */
export interface OwnJournal {
  handle: FileHandleLike;
  /** Device and inode of the file, to tell whether the journal's name still points at it. */
  identity: string | null;
  length: number;
}

/** A temp name beside the journal, of the form the open's leftover sweep knows. */
function tempBeside(journalPath: string): string {
  return join(dirname(journalPath), `.${basename(journalPath)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Copies the journal as it is now to a temp file only this process knows, or returns null when
 * there is no journal. The open replays the copy: what it read is exactly what it installs, even
 * if a window that lost the lock appends to (or cuts) the original meanwhile.
 */
export async function copyJournal(fs: FileSystem, journalPath: string): Promise<string | null> {
  const temp = tempBeside(journalPath);
  try {
    await fs.copyFile(journalPath, temp);
    return temp;
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fromSystemError(error, journalPath, 'opening');
  }
}

/** A new, empty journal (just its prefix) under a temp name, for `installJournal`. */
export async function emptyJournal(fs: FileSystem, journalPath: string, prefix: Buffer): Promise<string> {
  const temp = tempBeside(journalPath);
  try {
    const handle = await fs.createExclusive(temp);
    try {
      await handle.write(prefix);
    } finally {
      await handle.close();
    }
    return temp;
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw fromSystemError(error, journalPath, 'saving');
  }
}

export interface InstallSteps {
  /** Runs just before the rename: throws to leave the journal on disk as it is (the lock was lost). */
  beforeRename: () => Promise<void>;
  /** Runs once the rename is done (even if the folder's fsync then fails): the name is ours now. */
  renamed: (identity: string | null) => void;
}

/**
 * Makes `temp` the journal: cut to `validLength` (a torn tail the open set aside), fsynced,
 * renamed over the journal, folder fsynced, then opened for appending under its name, and the
 * name checked to still point at this very file (else the handle could be on a file someone
 * renamed in meanwhile). On failure before the rename the temp file is removed.
 */
export async function installJournal(fs: FileSystem, temp: string, journalPath: string, validLength: number, steps: InstallSteps): Promise<OwnJournal> {
  let renamed = false;
  let handle: FileHandleLike | null = null;
  try {
    const prepare = await fs.openAppend(temp);
    try {
      if ((await fs.stat(temp)).size > validLength) await prepare.truncate(validLength);
      await prepare.sync();
    } finally {
      await prepare.close();
    }
    const identity = (await fs.stat(temp)).identity ?? null;
    await steps.beforeRename();
    await fs.rename(temp, journalPath);
    renamed = true;
    steps.renamed(identity);
    await fs.syncDir(dirname(journalPath));
    handle = await fs.openAppend(journalPath);
    if (identity !== null && (await identityAt(fs, journalPath)) !== identity) throw new FilesReplaced(journalPath);
    return { handle, identity, length: validLength };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (!renamed) await fs.unlink(temp).catch(() => undefined);
    throw error instanceof FilesReplaced ? error : fromSystemError(error, journalPath, 'saving');
  }
}

/**
 * The journal or the snapshot was replaced by another program while this store held the lock
 * (a window that lost it finishing a fold). Nothing may be acknowledged into the replaced file.
 */
export class FilesReplaced extends Error {
  constructor(readonly path: string) {
    super(`The files of ${path} were replaced while the case was open.`);
  }

  asStoreError(): StoreError {
    return new StoreError(
      'CONFLICT',
      `Another program replaced the files of ${this.path} while this window had the case open, and saving it again failed; this edit was not saved. Close the case, check that no other Casefile Workbench has it open, and open it again.`,
    );
  }
}

/** The identity of the file a name points at now, or null when there is none (or it cannot be told). */
export async function identityAt(fs: FileSystem, path: string): Promise<string | null> {
  try {
    return (await fs.stat(path)).identity ?? null;
  } catch {
    return null;
  }
}
