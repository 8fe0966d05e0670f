import { createHash, type Hash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { StoreError } from '../../store/store-error';
import type { DecryptWith } from './age';
import { DamagedPayload, damagedPayloadMessage, onePiece, openAge } from './age-stream';
import { signerOf, warningsFor, type OpenedCasefile, type ReceivedFile, type Trust } from './casefile-common';
import { readZipArchive } from './casefile-read-v1';
import { readTarArchive, type ReceiveFile } from './casefile-read-v2';
import { PullReader } from './pull-reader';

export type { OpenedCasefile, ReceivedFile, Signer, Trust } from './casefile-common';
export type { ReceiveFile } from './casefile-read-v2';

/** A received file: its path (read as a stream), or its bytes. */
export type CasefileInput = string | Uint8Array;

export interface ReadOptions {
  /** The file's name, for messages (default "this file"). */
  name?: string;
  /** Cancels the read (CANCELLED); nothing is kept of a file being received. */
  signal?: AbortSignal;
  /** Bytes of the file read so far, of its size. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Takes each carried file as it streams (verified: the body throws at its end when the bytes
   * are not the signed ones). Without it, files are read through and checked, not kept.
   */
  receiveFile?: ReceiveFile;
}

/** Pieces read from a file at a time. */
const READ_SIZE = 1024 * 1024;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Opens a received `.casefile` in one pass over it: age decryption as a stream, then the layout
 * the decrypted bytes have — format 2 (tar, read as it streams: casefile-read-v2.ts) or format 1
 * (zip, read whole as earlier versions made it: casefile-read-v1.ts). Signature and every part's
 * SHA-256 are checked before this returns; files go to `options.receiveFile`. Nothing is merged here.
 */
export async function readCasefile(input: CasefileInput, using: DecryptWith, trust: Trust, options: ReadOptions = {}): Promise<OpenedCasefile> {
  const fileHash = createHash('sha256');
  const { source, size } = await sourceOf(input);
  const reader = new PullReader((await openAge(tapped(source, size, fileHash, options), using))[Symbol.asyncIterator]());
  const receive: ReceiveFile = options.receiveFile ?? drain;
  // What is being read, so a damaged piece of the encrypted stream names the part it holds.
  const where = { reading: 'manifest.json' };
  try {
    const first = await reader.read(ZIP_MAGIC.length);
    let read: { manifest: OpenedCasefile['manifest']; payload: OpenedCasefile['payload']; files: Map<string, ReceivedFile> };
    if (first.equals(ZIP_MAGIC)) {
      where.reading = 'its zip archive';
      // Refused by its size on disk, before any more of it is decrypted: format 1 is read whole.
      if (size > MAX_FORMAT_ONE_BYTES) throw formatOneTooLarge(size, options.name ?? 'This file');
      read = await readFormatOne(first, reader, size, trust, receive, options.name ?? 'this file');
    } else read = await readTarArchive(new PullReader(prepend(first, reader)), trust, receive, where, options.name ?? 'this file');
    const signer = signerOf(read.manifest, trust);
    return { manifest: read.manifest, payload: read.payload, attachments: read.files, signer, fileSha256: fileHash.digest('hex'), warnings: warningsFor(read.manifest, signer, trust) };
  } catch (error) {
    if (error instanceof DamagedPayload) throw new StoreError('CORRUPT_STORE', damagedPayloadMessage(`${error.detail}, where it holds ${where.reading}`));
    throw error;
  } finally {
    await reader.close();
  }
}

/** Format 1 (zip): the directory is at the end, so the archive is read whole (at most MAX_FORMAT_ONE_BYTES), as its writer held it. */
async function readFormatOne(first: Buffer, reader: PullReader, fileLength: number, trust: Trust, receive: ReceiveFile, name: string): Promise<{ manifest: OpenedCasefile['manifest']; payload: OpenedCasefile['payload']; files: Map<string, ReceivedFile> }> {
  // age never decrypts to more than its file's length: one buffer of that size (bounded above), no copies.
  const archive = Buffer.allocUnsafe(Math.min(fileLength, MAX_FORMAT_ONE_BYTES));
  first.copy(archive, 0);
  let length = first.length;
  for await (const piece of reader.pieces(Number.MAX_SAFE_INTEGER)) {
    if (length + piece.length > archive.length) throw formatOneTooLarge(fileLength, name);
    archive.set(piece, length);
    length += piece.length;
  }
  const zip = readZipArchive(archive.subarray(0, length), fileLength, trust, name);
  const files = new Map<string, ReceivedFile>();
  for (const [sha256, bytes] of zip.files) {
    const file = { sha256, size: bytes.length };
    await receive(file, onePiece(bytes), zip.payload);
    files.set(sha256, file);
  }
  return { manifest: zip.manifest, payload: zip.payload, files };
}

/**
 * The largest format-1 (zip) file read. Format 1 is the legacy layout of versions before 0.2,
 * which held a whole case file in memory with files of at most 25 MB: real ones are small. A
 * larger one is refused by its size before it is decrypted, so a crafted file cannot make memory
 * grow past this (docs/exchange-format.md, "Format 1").
 */
export const MAX_FORMAT_ONE_BYTES = 256 * 1024 * 1024;

function formatOneTooLarge(size: number, name: string): StoreError {
  const mb = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;
  return new StoreError(
    'VALIDATION',
    `${name} is in the zip layout of earlier versions (format 1), which is read whole in memory and only up to ${mb(MAX_FORMAT_ONE_BYTES)}; it is ${mb(size)}. Nothing was read or kept. Ask the sender to update Casefile Workbench and export it again (the current layout has no size limit).`,
  );
}

async function drain(_file: ReceivedFile, body: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const piece of body) void piece;
}

async function sourceOf(input: CasefileInput): Promise<{ source: AsyncIterable<Uint8Array>; size: number }> {
  if (typeof input !== 'string') return { source: onePiece(input), size: input.length };
  let size: number;
  try {
    size = (await fsp.stat(input)).size;
  } catch (error) {
    throw unreadable(input, error);
  }
  return { source: fileSource(input), size };
}

async function* fileSource(path: string): AsyncGenerator<Uint8Array, void, undefined> {
  const handle = await fsp.open(path, 'r').catch((error: unknown) => {
    throw unreadable(path, error);
  });
  try {
    for (;;) {
      // A fresh buffer per piece: the decryptor may keep a view of it.
      const buffer = Buffer.allocUnsafe(READ_SIZE);
      const { bytesRead } = await handle.read(buffer, 0, READ_SIZE, null).catch((error: unknown) => {
        throw unreadable(path, error);
      });
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function unreadable(path: string, error: unknown): StoreError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new StoreError('NOT_FOUND', `There is no file at ${path}. Check the path.`);
  if (code === 'EACCES' || code === 'EPERM') return new StoreError('PERMISSION_DENIED', `Permission denied reading ${path}.`);
  if (code === 'EISDIR') return new StoreError('IO', `${path} is a folder, not a case file. Choose the .casefile itself.`);
  return new StoreError('IO', `Cannot read ${path}: ${(error as Error).message}.`);
}

/** The file's pieces, hashed (the provenance tag names the file by its SHA-256), counted and cancellable. */
async function* tapped(source: AsyncIterable<Uint8Array>, total: number, hash: Hash, options: ReadOptions): AsyncGenerator<Uint8Array, void, undefined> {
  let done = 0;
  for await (const piece of source) {
    if (options.signal?.aborted) throw new StoreError('CANCELLED', 'Opening the case file was cancelled; nothing was merged or kept.');
    hash.update(piece);
    done += piece.length;
    options.onProgress?.(done, total);
    yield piece;
  }
}

/** `first`, then the rest of `reader`. */
async function* prepend(first: Buffer, reader: PullReader): AsyncGenerator<Buffer, void, undefined> {
  if (first.length > 0) yield first;
  yield* reader.pieces(Number.MAX_SAFE_INTEGER);
}

