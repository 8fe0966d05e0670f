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
 * objects. GCM's tag comes at the end, and unauthenticated plaintext can be rewritten by anyone
 * who knows some of it (counter mode): so a first pass authenticates the whole body, keeping
 * nothing, and only then a second pass parses it, under the memory guard.
 */
const WHOLE_BODY_LIMIT = 256 * 1024 * 1024;
const PIECE = 4 * 1024 * 1024;

export async function readLegacyBody(reader: ByteReader, header: SnapshotHeader, aad: Buffer, dataKey: Buffer, path: string, wholeBodyLimit = WHOLE_BODY_LIMIT, checkMemory: () => void = () => undefined): Promise<Record<string, unknown>> {
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
  return streamLegacyBody(reader, header, aad, dataKey, path, checkMemory);
}

async function streamLegacyBody(reader: ByteReader, header: SnapshotHeader, aad: Buffer, dataKey: Buffer, path: string, checkMemory: () => void): Promise<Record<string, unknown>> {
  const cipherLength = reader.remaining - 16;
  const start = reader.position;
  reader.skip(cipherLength);
  const tag = await reader.take(16);
  if (!tag) throw new StoreError('TRUNCATED_STORE', legacyTruncated(path));
  const decipherer = () => {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(header.bodyNonce, 'hex'));
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return decipher;
  };
  /** The body's plaintext in pieces, re-read from its start; the tag is checked after the last. */
  const plaintext = async function* (decipher: ReturnType<typeof decipherer>): AsyncGenerator<Buffer> {
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
  // Pass 1: authenticate, keeping nothing.
  for await (const piece of plaintext(decipherer())) void piece;
  // Pass 2: parse what is now known to be ours.
  const doc: Record<string, unknown> = {};
  const sink = new Writable({
    objectMode: true,
    write(item: { key: string; value: unknown }, _encoding, done) {
      doc[item.key] = item.value;
      try {
        checkMemory();
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  try {
    await pipeline(plaintext(decipherer()), streamObject.withParserAsStream(), sink);
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('CORRUPT_STORE', `${path} decrypted but does not hold a case document. Restore it from ${path}.bak.`);
  }
  return doc;
}

function legacyTruncated(path: string): string {
  return `${path} is cut short (truncated), perhaps by an interrupted copy. Restore it from your copy, or from ${path}.bak (the previous save; move ${path}.journal aside too, as its edits came after that save). Nothing was changed.`;
}
