import { open } from 'node:fs/promises';
import { StoreError } from '../../store/store-error';
import { AGE_MAGIC, notAgeFile } from './age';

/**
 * Reads a received `.casefile` from disk, whole (it is decrypted in memory), but only after its
 * first bytes say it is one: a 1 GB file of something else is refused before a byte more is read.
 */
export async function readCasefileFile(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StoreError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `Cannot read ${path}: ${(error as Error).message}.`);
  }
  try {
    const head = Buffer.alloc(AGE_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead < head.length || head.toString('latin1') !== AGE_MAGIC) throw notAgeFile();
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}
