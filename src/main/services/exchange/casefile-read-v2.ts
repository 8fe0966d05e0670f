import { createHash } from 'node:crypto';
import { CASEFILE_FORMAT_VERSION, EXCHANGED, PayloadCollector, type CasePayload, type ManifestPart, type ManifestV2 } from '../../../shared/exchange';
import { MAX_MANIFEST_BYTES, MAX_SIGNATURE_BYTES, containersFor, damaged, invalidData, refusedData, verifyHead, type ReceivedFile, type Trust } from './casefile-common';
import type { PullReader } from './pull-reader';
import { ContentProblem, ParseBudget, readRecordsPart } from './records-part';
import { TAR_BLOCK, readTarHeader, tarPadding } from './tar';

/**
 * Takes one file's bytes as they stream; the body throws at its end when they are not the signed
 * ones. `payload` holds the file's records, read before any file (so a receiver can tell which
 * files its sources name).
 */
export type ReceiveFile = (file: ReceivedFile, body: AsyncIterable<Uint8Array>, payload: CasePayload) => Promise<void>;

export interface TarCasefile {
  manifest: ManifestV2;
  payload: CasePayload;
  files: Map<string, ReceivedFile>;
}

const HEAD_NAMES = new Set(['manifest.json', 'signature.json']);

/**
 * Reads a format-2 archive from the decrypted stream, in one pass: manifest.json and
 * signature.json first (capped, the signature checked before anything else is read), then
 * every part in the signed manifest's order. Each entry's header must be exactly the one the
 * format writes for that part's name and size, so an unlisted, repeated, reordered or misstated
 * entry is refused before a byte of it is read; each part is read no further than its signed
 * size and checked against its SHA-256 as it ends; the records are parsed and validated a line
 * at a time; files go to `receive`. `where.reading` names the part being read, so a damaged
 * piece of the encrypted stream can be reported with the part it holds.
 */
export async function readTarArchive(reader: PullReader, trust: Trust, receive: ReceiveFile, where: { reading: string }, name = 'this file'): Promise<TarCasefile> {
  where.reading = 'manifest.json';
  const manifestBytes = await readHeadEntry(reader, 'manifest.json', MAX_MANIFEST_BYTES, 'first');
  where.reading = 'signature.json';
  const signatureBytes = await readHeadEntry(reader, 'signature.json', MAX_SIGNATURE_BYTES, 'second');
  const manifest = verifyHead(manifestBytes, signatureBytes, CASEFILE_FORMAT_VERSION) as ManifestV2;
  const order = new Map(manifest.parts.map((p, i) => [p.path, i]));
  const collector = new PayloadCollector(trust.alreadyHeld ?? (() => false));
  const files = new Map<string, ReceivedFile>();
  for (const [index, part] of manifest.parts.entries()) {
    where.reading = part.path;
    await expectHeader(reader, part, index, order);
    const body = new VerifiedPart(reader, part);
    if (part.kind === 'records') {
      try {
        await readRecordsPart(body, part, collector, new ParseBudget(`the records in ${name}`, containersFor(manifest.counts)));
      } catch (error) {
        if (!(error instanceof ContentProblem)) throw error;
        throw error.kind === 'record' ? invalidData(error.message) : error.kind === 'refused' ? refusedData(error.message) : damaged(error.message);
      }
      checkCounts(manifest, collector);
    } else {
      const file = { sha256: part.sha256, size: part.size };
      await receive(file, body, collector.payload);
      await body.finish();
      files.set(part.sha256, file);
    }
    await expectPadding(reader, part);
  }
  where.reading = 'the end of the archive';
  await expectEnd(reader, order);
  return { manifest, payload: collector.payload, files };
}

async function readHeadEntry(reader: PullReader, name: string, cap: number, position: string): Promise<Buffer> {
  const block = await reader.read(TAR_BLOCK);
  if (block.length < TAR_BLOCK) throw damaged(`it ends before its ${name}`);
  const header = readTarHeader(block);
  if (header.kind !== 'entry') throw damaged(`its ${position} entry is not ${name} as a case file holds it`);
  if (header.name !== name) throw damaged(`its ${position} entry is ${header.name}, not ${name}`);
  if (header.size > cap) throw damaged(`its ${name} states ${header.size} bytes, more than a real one holds`);
  const bytes = await reader.read(header.size);
  if (bytes.length < header.size) throw damaged(`it ends inside its ${name}`);
  await expectPadding(reader, { path: name, size: header.size });
  // A view of the decrypted chunk: copy, as it is kept.
  return Buffer.from(bytes);
}

/** The part's header, exactly as written for its name and signed size; anything else is refused before it is read. */
async function expectHeader(reader: PullReader, part: ManifestPart, index: number, order: ReadonlyMap<string, number>): Promise<void> {
  const block = await reader.read(TAR_BLOCK);
  if (block.length < TAR_BLOCK) throw damaged(`it ends before ${part.path}`);
  const header = readTarHeader(block);
  if (header.kind === 'end') throw damaged(`${part.path} is missing: the archive ends before it`);
  if (header.kind === 'foreign') throw damaged(`where ${part.path} should begin, it holds an entry of a kind a case file never has`);
  if (header.name !== part.path) throw damaged(unexpected(header.name, index, order, part.path));
  if (header.size !== part.size) throw damaged(`${part.path} is ${header.size} bytes where the signed manifest states ${part.size}; it was not read`);
}

function unexpected(name: string, index: number, order: ReadonlyMap<string, number>, expected?: string): string {
  const at = order.get(name);
  if (HEAD_NAMES.has(name) || (at !== undefined && at < index)) return `it holds ${name} twice`;
  if (at !== undefined) return `it holds ${name} before ${expected ?? 'its turn'}, out of the signed manifest's order`;
  return `it holds ${name}, which the signed manifest does not list`;
}

async function expectPadding(reader: PullReader, part: { path: string; size: number }): Promise<void> {
  const length = tarPadding(part.size);
  if (length === 0) return;
  const padding = await reader.read(length);
  if (padding.length < length) throw damaged(`it ends right after ${part.path}`);
  if (!padding.every((byte) => byte === 0)) throw damaged(`the bytes after ${part.path} were altered`);
}

/** Two zero blocks, then nothing: an entry after the last part is refused unread. */
async function expectEnd(reader: PullReader, order: ReadonlyMap<string, number>): Promise<void> {
  for (let i = 0; i < 2; i++) {
    const block = await reader.read(TAR_BLOCK);
    if (block.length < TAR_BLOCK) throw damaged('it is cut short after its last part');
    const header = readTarHeader(block);
    if (header.kind === 'entry') throw damaged(unexpected(header.name, order.size, order));
    if (header.kind !== 'end') throw damaged('it holds bytes after its last part that a case file never has');
  }
  if (!(await reader.atEnd())) throw damaged('it holds bytes after the end of its archive');
}

function checkCounts(manifest: ManifestV2, collector: PayloadCollector): void {
  const counts = collector.counts();
  for (const collection of EXCHANGED) {
    const stated = manifest.counts[collection] ?? 0;
    if (counts[collection] !== stated) throw damaged(`its records hold ${counts[collection]} ${collection} where the signed manifest states ${stated}`);
  }
}

/**
 * One part's bytes as they are read, at most its signed size, hashed on the way: at its end the
 * size and SHA-256 must match the signed manifest, or iteration throws there (so a blob being
 * written from it is never kept). `finish` reads on through whatever a consumer left.
 */
class VerifiedPart implements AsyncIterable<Buffer> {
  private readonly hash = createHash('sha256');
  private readonly source: AsyncGenerator<Buffer, void, undefined>;
  private got = 0;
  private checked = false;

  constructor(
    reader: PullReader,
    private readonly part: { path: string; size: number; sha256: string },
  ) {
    this.source = reader.pieces(part.size);
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    // Stopping early does not end the part: `finish` still reads and checks the rest.
    return { next: () => this.next(), return: async () => ({ done: true, value: undefined }) };
  }

  async finish(): Promise<void> {
    for (let step = await this.next(); !step.done; step = await this.next());
  }

  private async next(): Promise<IteratorResult<Buffer>> {
    const step = await this.source.next();
    if (step.done) {
      this.check();
      return { done: true, value: undefined };
    }
    this.hash.update(step.value);
    this.got += step.value.length;
    return { done: false, value: step.value };
  }

  private check(): void {
    if (this.checked) return;
    this.checked = true;
    if (this.got !== this.part.size) throw damaged(`it is cut short inside ${this.part.path}`);
    if (this.hash.digest('hex') !== this.part.sha256) throw damaged(`${this.part.path} does not match its SHA-256 in the signed manifest`);
  }
}
