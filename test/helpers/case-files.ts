import { createHash } from 'node:crypto';
import type { CaseService } from '../../src/main/services/case-service';
import { attachmentId } from '../../src/shared/domain/attachment';
import type { CaseDocument } from '../../src/shared/domain/case';
import type { Marking } from '../../src/shared/domain/marking';
import type { Source } from '../../src/shared/domain/source';
import { plainSource } from './records';

/** Builders for cases whose sources carry files; free of vitest so child processes can use them. */

export interface CaseFile {
  sourceId: string;
  title: string;
  name: string;
  bytes: Buffer;
  marking?: Marking;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes that differ from chunk to chunk (so no two 64 KiB pieces are alike), from a seed. */
export function varied(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = (seed * 2_654_435_761 + 1) >>> 0;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Adds a source per file (with its attachment record) to `doc`. */
export function withFiles(doc: CaseDocument, files: readonly CaseFile[]): CaseDocument {
  for (const file of files) {
    const sha256 = sha256Of(file.bytes);
    const source: Source = { ...plainSource(file.sourceId, file.title), marking: file.marking ?? 'TLP:CLEAR', attachment: { name: file.name, mediaType: 'application/octet-stream', size: file.bytes.length, sha256 } };
    doc.sources.push(source);
    if (!doc.attachments.some((a) => a.sha256 === sha256)) doc.attachments.push({ id: attachmentId(sha256), name: file.name, mediaType: 'application/octet-stream', size: file.bytes.length, sha256 });
  }
  return doc;
}

/** Puts the files' bytes into the open case's blob store. */
export async function storeFiles(cases: CaseService, files: readonly CaseFile[]): Promise<void> {
  const blobs = cases.blobs;
  if (!blobs) throw new Error('no case open');
  for (const file of files) {
    await blobs.add(
      (async function* () {
        yield file.bytes;
      })(),
    );
  }
}

/** The verified plaintext of a blob of the open case, whole. */
export async function readBlob(cases: CaseService, sha256: string): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of cases.blobs!.read(sha256)) pieces.push(piece);
  return Buffer.concat(pieces);
}
