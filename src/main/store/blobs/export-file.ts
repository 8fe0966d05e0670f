import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { FileHandleLike, FileSystem } from '../file-system';
import { removeStaleOutputTemps } from '../atomic-write';
import { StoreError } from '../store-error';
import { BatchWriter } from './batch-writer';
import { blobSystemError, cancelled } from './errors';
import { raceAbort } from './sources';

export interface ExportOptions {
  signal?: AbortSignal;
  /** Called after each piece with the bytes written so far. */
  onProgress?(bytesWritten: number): void;
}

/** Errors of link(2) that mean "this file system has no hard links", not "you may not". */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);

function alreadyThere(outPath: string): StoreError {
  return new StoreError('ALREADY_EXISTS', `There is already a file at ${outPath}. Choose another name; nothing was written.`);
}

/**
 * Writes `chunks` to `outPath` so that it appears whole or not at all, and never over an existing
 * file: a temp file beside it, fsync, then a hard link to the final name (which fails if the name
 * is taken), or where links are unsupported a check and a rename. Any failure removes the temp.
 */
export async function exportToFile(fs: FileSystem, chunks: AsyncIterable<Buffer>, outPath: string, options: ExportOptions): Promise<void> {
  const dir = dirname(outPath);
  const doing = 'writing';
  const missing = `The folder ${dir} does not exist. Choose another place; nothing was written.`;
  if (await fs.exists(outPath).catch(() => false)) throw alreadyThere(outPath);
  await removeStaleOutputTemps(fs, outPath);
  const temp = join(dir, `.${basename(outPath)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandleLike | null = null;
  let created = false;
  try {
    handle = await fs.createExclusive(temp);
    created = true;
    const out = new BatchWriter(handle);
    let written = 0;
    try {
      const iterator = chunks[Symbol.asyncIterator]();
      try {
        for (;;) {
          const next = await raceAbort(iterator.next(), options.signal, 'Saving the file');
          if (next.done) break;
          await out.push(next.value);
          written += next.value.length;
          options.onProgress?.(written);
        }
      } finally {
        await iterator.return?.();
      }
      await out.flush();
    } catch (error) {
      await out.settle();
      throw error;
    }
    await handle.sync();
    const closing = handle;
    handle = null;
    await closing.close();
    if (options.signal?.aborted) throw cancelled('Saving the file');
    await publish(fs, temp, outPath);
    await fs.syncDir(dir);
  } catch (error) {
    if (handle) await handle.close().catch(() => undefined);
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw blobSystemError(error, outPath, doing, missing);
  }
}

async function publish(fs: FileSystem, temp: string, outPath: string): Promise<void> {
  try {
    await fs.link(temp, outPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw alreadyThere(outPath);
    if (!NO_HARD_LINKS.has(code)) throw error;
    // FAT and some network shares: no links. Check, then rename (a small window, but no clobber in practice).
    if (await fs.exists(outPath)) throw alreadyThere(outPath);
    await fs.rename(temp, outPath);
    return;
  }
  await fs.unlink(temp).catch(() => undefined);
}
