import { join } from 'node:path';
import type { FileSystem } from '../file-system';
import { blobSystemError } from './errors';
import { addedWithin, isHeld } from './registry';

/** A blob's file name: 64 hex digits of HMAC and `.blob`. */
export const BLOB_FILE = /^[0-9a-f]{64}\.blob$/;
/** A temp file of an add in progress (or of one a crash killed). */
export const TEMP_FILE = /^\.add-[0-9a-f]{16}\.tmp$/;

/** unlink errors after which the file is simply left for the next sweep. */
const LATER = new Set(['ENOENT', 'EBUSY', 'EPERM']);

export interface SweepResult {
  /** Blob files removed because nothing refers to them any more. */
  removed: number;
  /** Temp files of adds that were killed part-way. */
  tempsRemoved: number;
}

/**
 * Removes from `dir` every blob file whose name is not in `keep`, unless an add in this process is
 * publishing it or returned it less than `graceMs` ago, and every temp file no live add in this
 * process is writing. Files it does not recognise are left alone.
 */
export async function sweepFolder(fs: FileSystem, dir: string, keep: ReadonlySet<string>, graceMs: number): Promise<SweepResult> {
  const gone = `The folder ${dir} disappeared during clean-up; nothing else was removed.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { removed: 0, tempsRemoved: 0 };
    throw blobSystemError(error, dir, 'cleaning up', gone);
  }
  const result: SweepResult = { removed: 0, tempsRemoved: 0 };
  for (const name of names) {
    const path = join(dir, name);
    const isTemp = TEMP_FILE.test(name);
    if (!isTemp && !BLOB_FILE.test(name)) continue;
    if (isHeld(path)) continue;
    if (!isTemp && (keep.has(name) || addedWithin(path, graceMs))) continue;
    try {
      await fs.unlink(path);
      if (isTemp) result.tempsRemoved++;
      else result.removed++;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      // Gone already (another sweep), or open in a viewer on Windows: the next sweep takes it.
      if (!LATER.has(code)) throw blobSystemError(error, path, 'removing an unused file', gone);
    }
  }
  if (result.removed + result.tempsRemoved > 0) {
    await fs.syncDir(dir).catch((error: unknown) => {
      throw blobSystemError(error, dir, 'cleaning up', gone);
    });
  }
  return result;
}
