import type { FileHandleLike } from '../file-system';

/** Bytes gathered before one write: fewer system calls than one per 64 KiB chunk. */
const BATCH_BYTES = 1024 * 1024;

/**
 * Writes buffers to a handle in ~1 MiB batches, with one batch in flight while the caller seals
 * the next: the disk and the CPU work at the same time, and at most two batches are held.
 */
export class BatchWriter {
  private parts: Buffer[] = [];
  private bytes = 0;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly handle: FileHandleLike) {}

  /** Queues `buffer`; waits only when a full batch must wait for the previous one. */
  async push(buffer: Buffer): Promise<void> {
    this.parts.push(buffer);
    this.bytes += buffer.length;
    if (this.bytes >= BATCH_BYTES) await this.send();
  }

  /** Writes what is queued and waits until every write has reached the file. */
  async flush(): Promise<void> {
    if (this.bytes > 0) await this.send();
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
    const data = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.bytes);
    this.parts = [];
    this.bytes = 0;
    // The previous write's failure surfaces here, before anything is written after it.
    await this.inFlight;
    const writing = this.handle.write(data);
    // Observed later by flush() or the next send(); not an unhandled rejection meanwhile.
    writing.catch(() => undefined);
    this.inFlight = writing;
  }
}
