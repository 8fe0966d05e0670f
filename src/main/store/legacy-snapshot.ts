import { createDecipheriv } from 'node:crypto';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import streamObject from 'stream-json/streamers/stream-object.js';
import type { ByteReader } from './byte-reader';
import { corruptMessage, type SnapshotHeader } from './snapshot-format';
import { open } from './keys';
import { StoreError } from './store-error';

/**
 * Reads the body of a format-1 snapshot (one AES-GCM ciphertext over the whole case as one JSON
 * text), as written before segmented snapshots. Small bodies are decrypted and parsed in one go.
 * A body past V8's longest string (evidence inline, or ~640k events) was saved but could never be
 * opened: it is decrypted in pieces and parsed as a stream, top-level field by field, into the same
 * objects; the tag is checked at the end, and nothing is used before it has been.
 */
const WHOLE_BODY_LIMIT = 256 * 1024 * 1024;
const PIECE = 4 * 1024 * 1024;

export async function readLegacyBody(reader: ByteReader, header: SnapshotHeader, aad: Buffer, dataKey: Buffer, path: string, wholeBodyLimit = WHOLE_BODY_LIMIT): Promise<Record<string, unknown>> {
  const bodyLength = reader.remaining;
  if (bodyLength < header.bodyLength) throw new StoreError('TRUNCATED_STORE', legacyTruncated(path));
  if (bodyLength > header.bodyLength) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
  if (bodyLength <= wholeBodyLimit) {
    const body = await reader.take(bodyLength);
    if (!body) throw new StoreError('TRUNCATED_STORE', legacyTruncated(path));
    const plain = open(dataKey, Buffer.from(header.bodyNonce, 'hex'), body, aad);
    if (!plain) throw new StoreError('CORRUPT_STORE', corruptMessage(path));
    try {
      return JSON.parse(plain.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw new StoreError('CORRUPT_STORE', `${path} decrypted but does not hold a case document. Restore it from ${path}.bak.`);
    }
  }
  return streamLegacyBody(reader, header, aad, dataKey, path);
}

async function streamLegacyBody(reader: ByteReader, header: SnapshotHeader, aad: Buffer, dataKey: Buffer, path: string): Promise<Record<string, unknown>> {
  const cipherLength = reader.remaining - 16;
  const start = reader.position;
  reader.skip(cipherLength);
  const tag = await reader.take(16);
  if (!tag) throw new StoreError('TRUNCATED_STORE', legacyTruncated(path));
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(header.bodyNonce, 'hex'));
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const doc: Record<string, unknown> = {};
  const sink = new Writable({
    objectMode: true,
    write(item: { key: string; value: unknown }, _encoding, done) {
      doc[item.key] = item.value;
      done();
    },
  });
  const source = async function* (): AsyncGenerator<Buffer> {
    // Re-read from the start of the body: the tag had to be read first.
    reader.rewindTo(start);
    for (let left = cipherLength; left > 0; ) {
      const piece = await reader.take(Math.min(PIECE, left));
      if (!piece) throw new StoreError('TRUNCATED_STORE', legacyTruncated(path));
      left -= piece.length;
      yield decipher.update(piece);
    }
    try {
      decipher.final();
    } catch {
      throw new StoreError('CORRUPT_STORE', corruptMessage(path));
    }
  };
  try {
    await pipeline(source, streamObject.withParserAsStream(), sink);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('CORRUPT_STORE', `${path} decrypted but does not hold a case document. Restore it from ${path}.bak.`);
  }
  return doc;
}

function legacyTruncated(path: string): string {
  return `${path} is cut short (truncated), perhaps by an interrupted copy. Restore it from your copy, or from ${path}.bak (the previous save; move ${path}.journal aside too, as its edits came after that save). Nothing was changed.`;
}
