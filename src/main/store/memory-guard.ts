import { getHeapStatistics } from 'node:v8';
import { StoreError } from './store-error';

/**
 * Opening a case holds it in memory. Rather than let the process die out of memory half-way, the
 * store says up front when a case cannot fit, and stops if memory runs short while reading.
 *
 * A case's records take about HEAP_PER_FILE_BYTE bytes of heap for each byte of its snapshot
 * (measured by `npm run bench` as open_1m_heap_mb against the file's size); the up-front check uses
 * a deliberately low figure so that it only refuses what cannot possibly fit.
 */
const HEAP_PER_FILE_BYTE = 1.2;
const STOP_AT = 0.92;

export interface MemoryGuard {
  /** Throws UNAVAILABLE when the heap is nearly full. */
  check(): void;
}

export function memoryGuard(path: string, fileBytes: number, limitBytes: number = getHeapStatistics().heap_size_limit): MemoryGuard {
  const needed = fileBytes * HEAP_PER_FILE_BYTE;
  const used = process.memoryUsage().heapUsed;
  if (used + needed > limitBytes * STOP_AT) throw tooLarge(path, needed, limitBytes);
  let counter = 0;
  return {
    check() {
      // process.memoryUsage() costs microseconds; a case has thousands of segments.
      if ((counter++ & 7) !== 0) return;
      if (process.memoryUsage().heapUsed > limitBytes * STOP_AT) throw tooLarge(path, Math.max(needed, fileBytes * 2.5), limitBytes);
    },
  };
}

function tooLarge(path: string, needed: number, limit: number): StoreError {
  return new StoreError(
    'UNAVAILABLE',
    `${path} is too large for the memory this app may use: opening it needs about ${gib(needed)} of memory, and this process may use ${gib(limit)}. Nothing was changed. Close other cases, or open it on a computer with more memory (the command line takes NODE_OPTIONS=--max-old-space-size=<MB>).`,
  );
}

function gib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}
