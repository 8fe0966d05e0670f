import type { FileSystem } from '../file-system';
import { StoreError } from '../store-error';
import { blobSystemError, cancelled } from './errors';

/** What `BlobStore.add` reads: any async iterable of bytes, such as a Node readable stream. */
export type BlobSource = AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

/** How much `addFile` reads from disk at a time. */
const FILE_READ_SIZE = 1024 * 1024;

/** Settles with `promise`, or rejects with CANCELLED as soon as `signal` fires (a stalled source must not hold an abort up). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, doing: string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    // The pending promise may still reject (a destroyed stream): it must not go unhandled.
    promise.catch(() => undefined);
    return Promise.reject(cancelled(doing));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled(doing));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The pieces of `source`, pulled one at a time (the consumer's pace is the backpressure), ending
 * with CANCELLED when `signal` fires. Closes the source when the consumer stops early.
 */
export async function* piecesOf(source: BlobSource, signal: AbortSignal | undefined, doing: string): AsyncGenerator<Uint8Array, void, undefined> {
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  let done = false;
  let pending = false;
  try {
    for (;;) {
      pending = true;
      const next = await raceAbort(iterator.next(), signal, doing);
      pending = false;
      if (next.done) {
        done = true;
        return;
      }
      const piece = next.value;
      if (!(piece instanceof Uint8Array)) {
        throw new StoreError('VALIDATION', `The file was read as ${typeof piece === 'string' ? 'text' : 'something other than bytes'}; nothing was added. Read it without an encoding.`);
      }
      yield piece;
    }
  } finally {
    if (!done) {
      // An abort can leave a next() pending; return() would wait behind it, so do not await then.
      const closing = Promise.resolve(iterator.return?.()).catch(() => undefined);
      if (!pending) await closing;
    }
  }
}

/**
 * A file on disk as a source, read through the port in 1 MiB pieces; its errors name that file.
 * The pieces share one buffer: each is valid until the next is asked for (the sealer copies).
 */
export async function* fileSource(fs: FileSystem, path: string): AsyncGenerator<Uint8Array, void, undefined> {
  const failed = (error: unknown) => blobSystemError(error, path, 'reading', `There is no file at ${path}. Check the path; nothing was added.`);
  const handle = await fs.openRead(path).catch((error: unknown) => {
    throw failed(error);
  });
  try {
    let position = 0;
    const buffer = Buffer.allocUnsafe(FILE_READ_SIZE);
    for (;;) {
      const read = await handle.read(buffer, position).catch((error: unknown) => {
        throw failed(error);
      });
      if (read === 0) return;
      position += read;
      yield buffer.subarray(0, read);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}
