import { webcrypto } from 'node:crypto';
import type { ByteReader } from './byte-reader';
import { MAX_SEGMENT_BYTES, SEGMENT_FINAL, SEGMENT_FIXED, segmentAad } from './segments';

/**
 * Reads a snapshot's segment frames ahead of their use and decrypts them on libuv's thread pool
 * (WebCrypto AES-GCM), so the thread that parses the case never waits for the disk or spends its
 * time in AES: at 1,000,000 events, reading and decrypting is a fifth of an open.
 *
 * Frames come out in file order. A frame's plaintext is released only after its tag, over the
 * same AAD as `openSegment` (the file's header digest, the frame's index and its flags), is
 * checked; one that fails is `plaintext: null`, for the caller to report. Read-ahead is bounded
 * (AHEAD frames and AHEAD_BYTES of frames read but not yet taken), and stops at the first frame
 * whose flags say it is the last, at a frame length that cannot be, and at the end of the file.
 * After a failure, `settle()` waits until nothing reads any more, so the caller may reposition
 * the reader to describe the damage.
 */
export type ReadFrame =
  /** `end`: the position just after the frame. */
  | { kind: 'segment'; index: number; at: number; end: number; plaintext: Buffer | null; final: boolean }
  | { kind: 'truncated'; index: number }
  /** `resumeAt`: just after the length field, where a reader that knew no better would go on. */
  | { kind: 'impossible-length'; index: number; at: number; resumeAt: number };

const AHEAD = 4;
const AHEAD_BYTES = 8 * 1024 * 1024;

type Sealed = { kind: 'sealed'; index: number; at: number; end: number; body: Buffer };
type Framed = Sealed | Exclude<ReadFrame, { kind: 'segment' }> | { kind: 'none' };

export class SegmentReader {
  private readonly queue: Array<{ frame: Promise<ReadFrame | { kind: 'none' }>; bytes: () => number }> = [];
  private reads: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private nextIndex = 0;
  private heldBytes = 0;
  private wakeReader: (() => void) | null = null;

  private constructor(
    private readonly reader: ByteReader,
    private readonly key: webcrypto.CryptoKey,
    private readonly digest: Buffer,
  ) {}

  static async over(reader: ByteReader, dataKey: Buffer, digest: Buffer): Promise<SegmentReader> {
    const key = await webcrypto.subtle.importKey('raw', dataKey, 'AES-GCM', false, ['decrypt']);
    return new SegmentReader(reader, key, digest);
  }

  /** The next frame in file order, or null when read-ahead stopped before it (after a last, damaged or cut frame). */
  async next(): Promise<ReadFrame | null> {
    this.fill();
    const head = this.queue.shift();
    if (!head) return null;
    const frame = await head.frame;
    this.heldBytes -= head.bytes();
    this.wake();
    this.fill();
    return frame.kind === 'none' ? null : frame;
  }

  /** Waits until every read and decryption started has ended (the reader is then the caller's). */
  async settle(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.allSettled(this.queue.map((q) => q.frame));
    await this.reads.catch(() => undefined);
    this.queue.length = 0;
  }

  private fill(): void {
    while (!this.stopped && this.queue.length < AHEAD) {
      const index = this.nextIndex++;
      let size = 0;
      const framed = this.reads.then(async (): Promise<Framed> => {
        // Hold back while enough is read and not yet taken (a frame may be up to MAX_SEGMENT_BYTES).
        while (!this.stopped && this.heldBytes > AHEAD_BYTES) await new Promise<void>((resolve) => (this.wakeReader = resolve));
        if (this.stopped) return { kind: 'none' };
        const read = await this.readFrame(index);
        if (read.kind !== 'sealed' || (read.body.readUInt8(0) & SEGMENT_FINAL) !== 0) this.stopped = true;
        if (read.kind === 'sealed') {
          size = read.body.length;
          this.heldBytes += size;
        }
        return read;
      });
      this.reads = framed.catch(() => {
        this.stopped = true;
      });
      const frame = framed.then((read): Promise<ReadFrame | { kind: 'none' }> | ReadFrame | { kind: 'none' } => (read.kind === 'sealed' ? this.decrypt(read) : read));
      // Awaited in order by next(); until then a failed read must not count as unhandled.
      frame.catch(() => undefined);
      this.queue.push({ frame, bytes: () => size });
    }
  }

  private wake(): void {
    const wake = this.wakeReader;
    this.wakeReader = null;
    wake?.();
  }

  private async readFrame(index: number): Promise<Framed> {
    const at = this.reader.position;
    const lengthField = await this.reader.take(4);
    if (!lengthField) return { kind: 'truncated', index };
    const length = lengthField.readUInt32BE(0);
    if (length < SEGMENT_FIXED || length > MAX_SEGMENT_BYTES) return { kind: 'impossible-length', index, at, resumeAt: at + 4 };
    const body = await this.reader.take(length);
    if (!body) return { kind: 'truncated', index };
    return { kind: 'sealed', index, at, end: this.reader.position, body };
  }

  private async decrypt(frame: Sealed): Promise<ReadFrame> {
    const flags = frame.body.readUInt8(0);
    const result = { kind: 'segment' as const, index: frame.index, at: frame.at, end: frame.end, final: (flags & SEGMENT_FINAL) !== 0 };
    try {
      const plain = await webcrypto.subtle.decrypt(
        { name: 'AES-GCM', iv: frame.body.subarray(1, 13), additionalData: segmentAad(this.digest, frame.index, flags), tagLength: 128 },
        this.key,
        frame.body.subarray(13),
      );
      return { ...result, plaintext: Buffer.from(plain) };
    } catch {
      // OperationError: the tag does not match (altered or damaged bytes). Nothing of it is used.
      return { ...result, plaintext: null };
    }
  }
}
