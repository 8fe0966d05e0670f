/**
 * Reads a stream of byte pieces by count: exactly so many bytes, or a run of them in pieces,
 * pulling from the source only as needed (its pace is the backpressure). Memory is bounded by
 * the source's pieces and what a caller asks for at once.
 */
export class PullReader {
  private piece: Buffer = Buffer.alloc(0);
  private ended = false;
  /** Bytes handed out so far. */
  position = 0;

  constructor(private readonly iterator: AsyncIterator<Uint8Array>) {}

  private async fill(): Promise<boolean> {
    while (this.piece.length === 0) {
      if (this.ended) return false;
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        return false;
      }
      this.piece = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    }
    return true;
  }

  /** `length` bytes, or fewer when the source ends first. */
  async read(length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < length && (await this.fill())) {
      const n = Math.min(length - got, this.piece.length);
      parts.push(this.piece.subarray(0, n));
      this.piece = this.piece.subarray(n);
      got += n;
    }
    this.position += got;
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, got);
  }

  /**
   * The next `length` bytes in pieces as they arrive. Ends early, without an error, when the
   * source does: the caller counts what it got. Pieces are views: use them before asking for more.
   */
  async *pieces(length: number): AsyncGenerator<Buffer, void, undefined> {
    let left = length;
    while (left > 0 && (await this.fill())) {
      const n = Math.min(left, this.piece.length);
      const out = this.piece.subarray(0, n);
      this.piece = this.piece.subarray(n);
      left -= n;
      this.position += n;
      yield out;
    }
  }

  /** True when nothing follows (pulls the source to its end, which also runs its final checks). */
  async atEnd(): Promise<boolean> {
    return !(await this.fill());
  }

  /** Lets the source close (a file handle) when reading stops early. */
  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}
