import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src/main/store/blobs';
import { blobFolder, collect, KIB64, newBlobStore, readUntilError, sourceOf } from '../helpers/blobs';
import { expectStoreError, removeTempDirs } from '../helpers/store';

/**
 * Damage to a blob file is detected before a damaged byte is returned: flipped bits anywhere,
 * cuts, chunks moved, dropped or added, another blob put in its place, another case's key.
 * Errors name the blob and say to restore the .blobs folder.
 */
afterAll(removeTempDirs);

const HEADER = 25;
const SEALED = KIB64 + 16;
/** 3 full chunks and a last one of 100 bytes. */
const SIZE = 3 * KIB64 + 100;

async function storedBlob(size = SIZE): Promise<{ store: BlobStore; dir: string; key: Buffer; bytes: Buffer; sha256: string; path: string }> {
  const { store, dir, key } = newBlobStore();
  const bytes = randomBytes(size);
  const { sha256 } = await store.add(sourceOf(bytes));
  return { store, dir, key, bytes, sha256, path: store.pathOf(sha256) };
}

function flipByte(path: string, position: number, mask = 0x01): void {
  const file = readFileSync(path);
  file[position] = (file[position] as number) ^ mask;
  writeFileSync(path, file);
}

/** Reads the whole blob: it must fail with `codes`, name the blob, and have returned only true bytes, never all of them. */
async function expectDamaged(store: BlobStore, sha256: string, bytes: Buffer, codes: string[] = ['CORRUPT_STORE']): Promise<Error & { code: string }> {
  const { got, error } = await readUntilError(store.read(sha256));
  expect(error, 'the damaged blob was read without an error').not.toBeNull();
  expect(error).toMatchObject({ name: 'StoreError' });
  const failure = error as Error & { code: string };
  expect(codes).toContain(failure.code);
  expect(failure.message).toContain(`The file ${sha256.slice(0, 12)}`);
  expect(failure.message).toContain("Restore the case folder's .blobs from a copy");
  expect(got.length).toBeLessThan(bytes.length);
  expect(got.equals(bytes.subarray(0, got.length)), 'bytes returned before the error differ from the original').toBe(true);
  return failure;
}

describe('a flipped bit anywhere is detected', () => {
  const positions: Array<[string, number]> = [
    ['magic, first byte', 0],
    ['magic, last byte', 7],
    ['version', 8],
    ['salt, first byte', 9],
    ['salt, last byte', HEADER - 1],
    ['chunk 0 ciphertext, first byte', HEADER],
    ['chunk 0 ciphertext, middle', HEADER + 30_000],
    ['chunk 0 tag, first byte', HEADER + KIB64],
    ['chunk 0 tag, last byte', HEADER + SEALED - 1],
    ['chunk 1 ciphertext', HEADER + SEALED + 5],
    ['chunk 1 tag', HEADER + 2 * SEALED - 8],
    ['chunk 2 ciphertext, last byte', HEADER + 2 * SEALED + KIB64 - 1],
    ['last chunk ciphertext', HEADER + 3 * SEALED + 50],
    ['last chunk tag, last byte of the file', HEADER + 3 * SEALED + 116 - 1],
  ];

  it.each(positions)('%s', async (_label, position) => {
    const blob = await storedBlob();
    flipByte(blob.path, position);
    const error = await expectDamaged(blob.store, blob.sha256, blob.bytes);
    if (position >= HEADER) expect(error.message).toMatch(/piece \d+ of 4 is corrupt|last piece \(4 of 4\) is corrupt/);
  });

  it('the damaged piece is named: a flip in chunk 2 returns chunks 0 and 1, then fails on piece 3', async () => {
    const blob = await storedBlob();
    flipByte(blob.path, HEADER + 2 * SEALED + 10);
    const { got, error } = await readUntilError(blob.store.read(blob.sha256));
    expect(got.equals(blob.bytes.subarray(0, 2 * KIB64))).toBe(true);
    expect((error as Error).message).toContain('piece 3 of 4 is corrupt');
  });

  it('a version from the future asks for an update instead of calling the file damaged', async () => {
    const blob = await storedBlob();
    flipByte(blob.path, 8, 0x80);
    const error = await expectStoreError(collect(blob.store.read(blob.sha256)), 'UNSUPPORTED_VERSION');
    expect(error.message).toContain('newer version of Casefile Workbench (blob format 129)');
  });
});

describe('cut, reordered, shortened or lengthened files are detected', () => {
  const lengths: Array<[string, number]> = [
    ['empty file', 0],
    ['inside the magic', 5],
    ['inside the salt', HEADER - 1],
    ['header only', HEADER],
    ['inside the first tag', HEADER + 15],
    ['header and 16 bytes (looks like an empty blob)', HEADER + 16],
    ['inside chunk 0', HEADER + 1000],
    ['right after chunk 0', HEADER + SEALED],
    ['16 bytes into chunk 1', HEADER + SEALED + 16],
    ['inside chunk 2', HEADER + 2 * SEALED + 40_000],
    ['one byte short', HEADER + 3 * SEALED + 115],
  ];

  it.each(lengths)('cut to %s', async (_label, length) => {
    const blob = await storedBlob();
    writeFileSync(blob.path, readFileSync(blob.path).subarray(0, length));
    await expectDamaged(blob.store, blob.sha256, blob.bytes, ['CORRUPT_STORE', 'TRUNCATED_STORE']);
  });

  it('chunk 0 and chunk 1 swapped', async () => {
    const blob = await storedBlob();
    const file = readFileSync(blob.path);
    const swapped = Buffer.concat([file.subarray(0, HEADER), file.subarray(HEADER + SEALED, HEADER + 2 * SEALED), file.subarray(HEADER, HEADER + SEALED), file.subarray(HEADER + 2 * SEALED)]);
    writeFileSync(blob.path, swapped);
    const error = await expectDamaged(blob.store, blob.sha256, blob.bytes);
    expect(error.message).toContain('piece 1 of 4 is corrupt');
  });

  it('the last chunk removed (the file now ends on a full chunk)', async () => {
    const blob = await storedBlob();
    writeFileSync(blob.path, readFileSync(blob.path).subarray(0, HEADER + 3 * SEALED));
    await expectDamaged(blob.store, blob.sha256, blob.bytes);
  });

  it('a copy of a chunk appended after the last one', async () => {
    const blob = await storedBlob(2 * KIB64);
    const file = readFileSync(blob.path);
    writeFileSync(blob.path, Buffer.concat([file, file.subarray(HEADER, HEADER + SEALED)]));
    await expectDamaged(blob.store, blob.sha256, blob.bytes);
  });

  it('bytes appended to a short last chunk', async () => {
    const blob = await storedBlob();
    writeFileSync(blob.path, Buffer.concat([readFileSync(blob.path), randomBytes(300)]));
    await expectDamaged(blob.store, blob.sha256, blob.bytes, ['CORRUPT_STORE', 'TRUNCATED_STORE']);
  });

  it('another blob of the same case put in its place returns none of its bytes', async () => {
    const blob = await storedBlob();
    const other = await blob.store.add(sourceOf(randomBytes(SIZE)));
    renameSync(blob.store.pathOf(other.sha256), blob.path);
    const { got, error } = await readUntilError(blob.store.read(blob.sha256));
    expect(got.length).toBe(0);
    expect(error).toMatchObject({ code: 'CORRUPT_STORE', message: expect.stringContaining('last piece (4 of 4) is corrupt') });
    // A range read checks the same, so a viewer seeking into the file is not fooled either.
    await expectStoreError(collect(blob.store.read(blob.sha256, { start: 0, end: 10 })), 'CORRUPT_STORE');
  });
});

describe("another case's key", () => {
  it('finds no blob under its names', async () => {
    const blob = await storedBlob();
    const stranger = new BlobStore(blob.dir, randomBytes(32));
    expect(await stranger.has(blob.sha256)).toBe(false);
    await expectStoreError(collect(stranger.read(blob.sha256)), 'NOT_FOUND');
  });

  it('cannot read the file even under the name it would use', async () => {
    const blob = await storedBlob();
    const stranger = new BlobStore(blob.dir, randomBytes(32));
    copyFileSync(blob.path, stranger.pathOf(blob.sha256));
    const { got, error } = await readUntilError(stranger.read(blob.sha256));
    expect(got.length).toBe(0);
    expect(error).toMatchObject({ code: 'CORRUPT_STORE' });
  });
});

describe('range reads on a damaged blob', () => {
  it('a range in intact chunks is served without reading the damaged one', async () => {
    const blob = await storedBlob();
    flipByte(blob.path, HEADER + 2 * SEALED + 10);
    const range = await collect(blob.store.read(blob.sha256, { start: 10, end: KIB64 + 10 }));
    expect(range.equals(blob.bytes.subarray(10, KIB64 + 10))).toBe(true);
    await expectStoreError(collect(blob.store.read(blob.sha256, { start: 2 * KIB64 + 5, end: 2 * KIB64 + 6 })), 'CORRUPT_STORE');
  });

  it('writeTo of a damaged blob leaves no file', async () => {
    const blob = await storedBlob();
    flipByte(blob.path, HEADER + SEALED + 10);
    const out = join(blob.dir, '..', 'out.bin');
    await expectStoreError(blob.store.writeTo(blob.sha256, out), 'CORRUPT_STORE');
    expect(blobFolder(join(blob.dir, '..')).other).toEqual(['case.cfcase.blobs']);
    expect(blobFolder(join(blob.dir, '..')).temps).toEqual([]);
  });

  it('adding the original again mends a damaged blob', async () => {
    const blob = await storedBlob();
    flipByte(blob.path, HEADER + 10);
    await expectDamaged(blob.store, blob.sha256, blob.bytes);
    expect(await blob.store.add(sourceOf(blob.bytes))).toMatchObject({ existed: true });
    expect((await collect(blob.store.read(blob.sha256))).equals(blob.bytes)).toBe(true);
  });
});
