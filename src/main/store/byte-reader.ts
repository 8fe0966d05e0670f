import type { ReadHandleLike } from './file-system';

/**
 * Reads a file front to back in pieces of the size asked for, so a case far larger than any one
 * Buffer or string is read with memory bounded by its largest piece.
 */
export class ByteReader {
  private offset = 0;

  private constructor(
    private readonly handle: ReadHandleLike,
    readonly size: number,
  ) {}

  static async over(handle: ReadHandleLike): Promise<ByteReader> {
    return new ByteReader(handle, await handle.size());
  }

  /** Where the next read starts. */
  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.size - this.offset;
  }

  /** Exactly `length` bytes, or null when fewer remain (the position is then left unchanged). */
  async take(length: number): Promise<Buffer | null> {
    if (length > this.remaining) return null;
    const buffer = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const read = await this.handle.read(buffer.subarray(filled), this.offset + filled);
      if (read === 0) return null; // the file shrank under us
      filled += read;
    }
    this.offset += length;
    return buffer;
  }

  /** Goes back (or forward) to `position`. */
  rewindTo(position: number): void {
    this.offset = Math.max(0, Math.min(this.size, position));
  }

  /** Moves on without reading (a part another reader will not need). */
  skip(length: number): void {
    this.offset = Math.min(this.size, this.offset + length);
  }
}
