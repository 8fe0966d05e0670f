import type { FileHandleLike } from '../file-system';

/** Bytes gathered before one write: fewer system calls than one per 64 KiB chunk. */
const BATCH_BYTES = 1024 * 1024;

/**
 * Writes bytes to a handle in 1 MiB batches through two buffers it reuses: one is being written
 * while the caller fills the other, so disk and CPU work at the same time, and a gigabyte costs
 * no more allocation than a megabyte (fresh large buffers would each page-fault in).
 */
export class BatchWriter {
  private readonly buffers: readonly [Buffer, Buffer];
  private readonly batchBytes: number;
  private current: 0 | 1 = 0;
  private filled = 0;
  private inFlight: Promise<void> | null = null;

  /** @param expected bytes the caller expects to write, when known: a small file does not allocate 2 MiB (thousands of them would churn the GC). */
  constructor(
    private readonly handle: FileHandleLike,
    expected?: number,
  ) {
    this.batchBytes = expected === undefined ? BATCH_BYTES : Math.max(4096, Math.min(BATCH_BYTES, expected));
    this.buffers = [Buffer.allocUnsafe(this.batchBytes), Buffer.allocUnsafe(this.batchBytes)];
  }

  /** Copies `bytes` in (the caller may reuse them at once); waits only when a full batch must wait for the previous one. */
  async push(bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < bytes.length; ) {
      const take = Math.min(this.batchBytes - this.filled, bytes.length - at);
      this.buffers[this.current].set(bytes.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
      if (this.filled === this.batchBytes) await this.send();
    }
  }

  /** Writes what is queued and waits until every write has reached the file. */
  async flush(): Promise<void> {
    if (this.filled > 0) await this.send();
    const last = this.inFlight;
    this.inFlight = null;
    await last;
  }

  /** Waits for a write in flight to end, ignoring its outcome (before closing after a failure). */
  async settle(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    this.inFlight = null;
  }

  private async send(): Promise<void> {
    // The other buffer's write must be done before it is filled again; its failure surfaces here.
    await this.inFlight;
    const writing = this.handle.write(this.buffers[this.current].subarray(0, this.filled));
    // Observed later by flush() or the next send(); not an unhandled rejection meanwhile.
    writing.catch(() => undefined);
    this.inFlight = writing;
    this.current = this.current === 0 ? 1 : 0;
    this.filled = 0;
  }
}
