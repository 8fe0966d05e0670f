import { Readable, pipeline } from 'node:stream';
import { createGzip } from 'node:zlib';
import { Gunzip } from 'fflate';
import { MAX_JSON_DEPTH, SHARE_OF_FREE_HEAP, freeHeap, jsonShape, mb, parseCost } from '../json-guard';
import { payloadLines, type CasePayload, type PayloadCollector, type RecordsPart } from '../../../shared/exchange';

/**
 * The records part of a format-2 `.casefile`: newline-delimited JSON (one record or tombstone a
 * line, shared/exchange/record-lines.ts), gzip-compressed as a stream. Writing and reading
 * both work a line at a time, so no string or buffer grows with the case.
 */

/** The longest line a reader takes: far beyond any valid record, short of any memory trouble. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Lines are written to gzip in batches of about this size. */
const BATCH_BYTES = 256 * 1024;
/** Compressed input fed to the inflater at a time: bounds what one step can unpack (deflate expands at most ~1,032×). */
const INFLATE_STEP = 16 * 1024;
/** Work between turns of the event loop, so a large case does not stall IPC. */
const SLICE_MS = 10;

export interface LineStats {
  lines: number;
  /** Bytes of NDJSON before compression. */
  bytes: number;
}

/** The payload as NDJSON in batches of ~256 KiB, counting lines and bytes into `stats`. */
export async function* ndjsonBatches(payload: CasePayload, stats: LineStats, onLine?: (lines: number) => void): AsyncGenerator<Buffer, void, undefined> {
  let batch: Buffer[] = [];
  let batchBytes = 0;
  let sliceStart = performance.now();
  for (const line of payloadLines(payload)) {
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    batch.push(bytes);
    batchBytes += bytes.length;
    stats.lines++;
    stats.bytes += bytes.length;
    if (batchBytes >= BATCH_BYTES) {
      onLine?.(stats.lines);
      yield Buffer.concat(batch, batchBytes);
      batch = [];
      batchBytes = 0;
      if (performance.now() - sliceStart > SLICE_MS) {
        await turn();
        sliceStart = performance.now();
      }
    }
  }
  onLine?.(stats.lines);
  if (batchBytes > 0) yield Buffer.concat(batch, batchBytes);
}

/** gzip of a byte stream, as a stream (native zlib, level 6). Errors of the source reach the reader. */
export function gzipped(source: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  return pipeline(Readable.from(source), createGzip({ level: 6 }), () => undefined) as AsyncIterable<Buffer>;
}

/** A problem with what a part holds (not with its bytes): reported only once its bytes are known to be the signed ones. */
export class ContentProblem extends Error {
  /**
   * 'record': a record or line fails its schema; 'malformed': the part cannot be read as records
   * at all; 'refused': parsing it would build more than records need or this process can hold.
   */
  constructor(
    message: string,
    readonly kind: 'record' | 'malformed' | 'refused' = 'malformed',
  ) {
    super(message);
  }
}

/**
 * Reads the records part: unpacks it a step at a time, never past its signed unpacked size,
 * splits lines (each at most 16 MiB), parses each and hands it to `collector`. The first problem
 * is kept while the rest of the part is still read through `body`, whose end checks the part's
 * SHA-256: altered bytes are reported as such, and a content problem only for the signed bytes.
 */
export async function readRecordsPart(body: AsyncIterable<Buffer>, part: RecordsPart, collector: PayloadCollector, budget: ParseBudget): Promise<void> {
  // Held in an object: the inflater's callback sets it, and narrowing would not see that.
  const state: { problem: ContentProblem | null } = { problem: null };
  let unpacked = 0;
  const lines = new LineSplitter((line) => {
    budget.check(line, collector.lines + 1);
    let value: unknown;
    try {
      value = JSON.parse(line.toString('utf8'));
    } catch {
      throw new ContentProblem(`line ${collector.lines + 1} of ${part.path} is not JSON`);
    }
    const wrong = collector.add(value);
    if (wrong) throw new ContentProblem(wrong, 'record');
  });
  const gunzip = new Gunzip((data) => {
    unpacked += data.length;
    if (unpacked > part.unpackedSize) throw new ContentProblem(`${part.path} unpacks to more than the ${part.unpackedSize} bytes its signed manifest states`);
    lines.push(data);
  });
  const feed = (bytes: Uint8Array, final: boolean): void => {
    try {
      for (let at = 0; at < bytes.length; at += INFLATE_STEP) gunzip.push(bytes.subarray(at, at + INFLATE_STEP), final && at + INFLATE_STEP >= bytes.length);
      if (final && bytes.length === 0) gunzip.push(bytes, true);
    } catch (error) {
      state.problem = error instanceof ContentProblem ? error : new ContentProblem(`${part.path} cannot be unpacked (${(error as Error).message})`);
    }
  };
  let sliceStart = performance.now();
  for await (const piece of body) {
    if (state.problem !== null) continue; // read on: the part's end checks its SHA-256
    feed(piece, false);
    if (performance.now() - sliceStart > SLICE_MS) {
      await turn();
      sliceStart = performance.now();
    }
  }
  if (state.problem === null) feed(new Uint8Array(0), true);
  if (state.problem === null) {
    try {
      lines.end();
    } catch (error) {
      state.problem = error as ContentProblem;
    }
  }
  if (state.problem === null && unpacked !== part.unpackedSize) state.problem = new ContentProblem(`${part.path} unpacks to ${unpacked} bytes where its signed manifest states ${part.unpackedSize}`);
  if (state.problem === null && collector.lines !== part.lines) state.problem = new ContentProblem(`${part.path} holds ${collector.lines} lines where its signed manifest states ${part.lines}`);
  if (state.problem !== null) throw state.problem;
}

/**
 * The JSON guard (json-guard.ts) over the records a line at a time: before a line is parsed, one
 * pass counts what parsing it would build. Refused: a line nested deeper than records are, and
 * records that together hold more lists and objects than the signed counts could need, or would
 * take more than this process can spare (they are all held until the merge). Records the receiver
 * already holds are not validated again, so this must not rely on their schema.
 */
export class ParseBudget {
  private containers = 0;
  private cost = 0;
  private readonly free = freeHeap();

  constructor(
    private readonly what: string,
    private readonly maxContainers: number,
  ) {}

  check(line: Buffer, number: number): void {
    const shape = jsonShape(line);
    if (shape.maxDepth > MAX_JSON_DEPTH) throw new ContentProblem(`Line ${number} of ${this.what} nests ${shape.maxDepth} levels deep; records never nest more than ${MAX_JSON_DEPTH}. It was not read.`, 'refused');
    this.containers += shape.arrays + shape.objects;
    if (this.containers > this.maxContainers) {
      throw new ContentProblem(`${capital(this.what)} hold ${this.containers.toLocaleString('en')} lists and objects by line ${number}, far more than the records it says it holds could need (at most ${this.maxContainers.toLocaleString('en')}). It was not read; it is damaged or was made to exhaust memory.`, 'refused');
    }
    this.cost += parseCost(shape);
    if (this.cost > this.free * SHARE_OF_FREE_HEAP) {
      throw new ContentProblem(`${capital(this.what)} would take more than ${mb(this.cost)} of memory to read, more than this process can spare (${mb(this.free * SHARE_OF_FREE_HEAP)} of ${mb(this.free)} free). It was not read.`, 'refused');
    }
  }
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Splits bytes into lines ending in "\n", holding at most one partial line (bounded). */
class LineSplitter {
  private partial: Buffer[] = [];
  private partialBytes = 0;

  constructor(private readonly onLine: (line: Buffer) => void) {}

  push(data: Uint8Array): void {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    let start = 0;
    for (let end = bytes.indexOf(10, start); end >= 0; end = bytes.indexOf(10, start)) {
      const tail = bytes.subarray(start, end);
      if (this.partialBytes + tail.length > MAX_LINE_BYTES) throw tooLong();
      const line = this.partialBytes > 0 ? Buffer.concat([...this.partial, tail]) : tail;
      this.partial = [];
      this.partialBytes = 0;
      if (line.length === 0) throw new ContentProblem('the records hold an empty line');
      this.onLine(line);
      start = end + 1;
    }
    if (start < bytes.length) {
      const rest = bytes.subarray(start);
      if (this.partialBytes + rest.length > MAX_LINE_BYTES) throw tooLong();
      // The inflater's output is ours to keep, but copy anyway: a partial line outlives this call.
      this.partial.push(Buffer.from(rest));
      this.partialBytes += rest.length;
    }
  }

  end(): void {
    if (this.partialBytes > 0) throw new ContentProblem('the records end part-way through a line');
  }
}

function tooLong(): ContentProblem {
  return new ContentProblem(`a line of the records is longer than ${MAX_LINE_BYTES / (1024 * 1024)} MiB, more than any record`);
}

function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
