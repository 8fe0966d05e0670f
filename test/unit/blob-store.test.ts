import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore, blobsPathOf } from '../../src/main/store/blobs';
import { blobFolder, collect, KIB64, newBlobStore, sha256Of, sourceOf } from '../helpers/blobs';
import { expectStoreError, removeTempDirs, tempDir } from '../helpers/store';

/** The blob store on its own: round trips, one blob per content, names, ranges, export, cancelling. */
afterAll(removeTempDirs);

describe('adding and reading back', () => {
  const sizes = [0, 1, KIB64 - 1, KIB64, KIB64 + 1, 2 * KIB64, 3 * 1024 * 1024 + 17];
  it.each(sizes)('a file of %i bytes comes back byte for byte, under its SHA-256', async (size) => {
    const { store, dir } = newBlobStore();
    const bytes = randomBytes(size);
    const added = await store.add(sourceOf(bytes, 7_777));
    expect(added).toEqual({ sha256: sha256Of(bytes), size, existed: false });
    expect(await store.has(added.sha256)).toBe(true);
    expect(await store.stat(added.sha256)).toEqual({ size });
    expect((await collect(store.read(added.sha256))).equals(bytes)).toBe(true);
    expect(blobFolder(dir)).toEqual({ blobs: [expect.stringMatching(/^[0-9a-f]{64}\.blob$/)], temps: [], other: [] });
  });

  it('reads from a Node stream and from a file on disk, and reports progress up to the size', async () => {
    const { store } = newBlobStore();
    const bytes = randomBytes(3 * 1024 * 1024 + 5 * KIB64 + 3);
    const progress: number[] = [];
    const fromStream = await store.add(Readable.from(sourceOf(bytes, 50_000)), { onProgress: (n) => progress.push(n) });
    expect(fromStream.sha256).toBe(sha256Of(bytes));
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    const file = join(tempDir('src'), 'video.mp4');
    writeFileSync(file, bytes);
    expect(await store.addFile(file)).toEqual({ sha256: sha256Of(bytes), size: bytes.length, existed: true });
    expect(await store.add(createReadStream(file, { highWaterMark: 3000 }))).toMatchObject({ sha256: sha256Of(bytes), existed: true });
    expect((await collect(store.read(fromStream.sha256))).equals(bytes)).toBe(true);
  });

  it('a missing file to add is NOT_FOUND and leaves nothing', async () => {
    const { store, dir } = newBlobStore();
    const error = await expectStoreError(store.addFile(join(tempDir('src'), 'gone.pdf')), 'NOT_FOUND');
    expect(error.message).toContain('gone.pdf');
    expect(blobFolder(dir).temps).toEqual([]);
  });

  it('a folder picked instead of a file is refused as a folder, and leaves nothing', async () => {
    const { store, dir } = newBlobStore();
    const folder = tempDir('src');
    const error = await expectStoreError(store.addFile(folder), 'IO');
    expect(error.message).toBe(`${folder} is a folder, not a file. Choose a file; nothing was changed.`);
    expect(blobFolder(dir).temps).toEqual([]);
  });

  it('a source that yields text is refused, not stored as something else', async () => {
    const { store, dir } = newBlobStore();
    const text = createReadStream(fileURLToPath(import.meta.url), { encoding: 'utf8' });
    await expectStoreError(store.add(text), 'VALIDATION');
    expect(blobFolder(dir)).toEqual({ blobs: [], temps: [], other: [] });
  });

  it('creates the blob folder beside the case, readable by the owner only', async () => {
    const casePath = join(tempDir('case'), 'x.cfcase');
    const store = new BlobStore(blobsPathOf(casePath), randomBytes(32));
    expect(existsSync(`${casePath}.blobs`)).toBe(false);
    await store.add(sourceOf(randomBytes(10)));
    expect(statSync(`${casePath}.blobs`).mode & 0o777).toBe(0o700);
  });

  it('a missing blob is NOT_FOUND, with no size, and names the file', async () => {
    const { store } = newBlobStore();
    const sha = sha256Of(Buffer.from('never added'));
    expect(await store.has(sha)).toBe(false);
    expect(await store.stat(sha)).toBeNull();
    const error = await expectStoreError(collect(store.read(sha)), 'NOT_FOUND');
    expect(error.message).toContain(sha.slice(0, 12));
  });

  it('refuses a name that is not a SHA-256, before touching the disk', async () => {
    const { store } = newBlobStore();
    await expectStoreError(collect(store.read('attachment--abc')), 'VALIDATION');
    await expectStoreError(store.has('../../etc/passwd'), 'VALIDATION');
    await expectStoreError(store.stat('A'.repeat(64)), 'VALIDATION');
  });
});

describe('one blob per content', () => {
  it('the same content added twice is one file; the second add says it existed', async () => {
    const { store, dir } = newBlobStore();
    const bytes = randomBytes(3 * KIB64 + 5);
    const first = await store.add(sourceOf(bytes, 1000));
    const second = await store.add(sourceOf(bytes, 65_536));
    expect(first.existed).toBe(false);
    expect(second).toEqual({ ...first, existed: true });
    expect(blobFolder(dir).blobs).toHaveLength(1);
    expect((await collect(store.read(first.sha256))).equals(bytes)).toBe(true);
  });

  it('two adds of the same content at once still leave one blob', async () => {
    const { store, dir } = newBlobStore();
    const bytes = randomBytes(10 * KIB64);
    const results = await Promise.all([store.add(sourceOf(bytes)), store.add(sourceOf(bytes)), store.add(sourceOf(bytes))]);
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha256Of(bytes)]));
    expect(blobFolder(dir)).toMatchObject({ blobs: [expect.any(String)], temps: [] });
    expect((await collect(store.read(sha256Of(bytes)))).equals(bytes)).toBe(true);
  });

  it('different content is a different blob', async () => {
    const { store, dir } = newBlobStore();
    await store.add(sourceOf(Buffer.from('a')));
    await store.add(sourceOf(Buffer.from('b')));
    expect(blobFolder(dir).blobs).toHaveLength(2);
  });
});

describe('file names reveal nothing', () => {
  it('the name is not the SHA-256, differs between cases, and the file holds no plaintext', async () => {
    const bytes = Buffer.from('A known propaganda video, byte for byte. '.repeat(5000));
    const sha = sha256Of(bytes);
    const a = newBlobStore();
    const b = newBlobStore();
    await a.store.add(sourceOf(bytes));
    await b.store.add(sourceOf(bytes));
    const [nameA] = blobFolder(a.dir).blobs;
    const [nameB] = blobFolder(b.dir).blobs;
    expect(nameA).not.toContain(sha);
    expect(nameA).not.toContain(sha256Of(Buffer.from(sha, 'hex')));
    expect(nameA).not.toBe(nameB);
    const file = readFileSync(join(a.dir, nameA!));
    expect(file.includes(Buffer.from('propaganda'))).toBe(false);
    expect(file.includes(Buffer.from(sha, 'hex'))).toBe(false);
    expect(file.includes(Buffer.from(sha))).toBe(false);
  });

  it('the same case finds its blob again after a restart (names are stable under one key)', async () => {
    const { store, dir, key } = newBlobStore();
    const bytes = randomBytes(1000);
    const added = await store.add(sourceOf(bytes));
    const reopened = new BlobStore(dir, Buffer.from(key));
    expect((await collect(reopened.read(added.sha256))).equals(bytes)).toBe(true);
  });
});

describe('range reads', () => {
  const size = 3 * KIB64 + 100;
  const bytes = randomBytes(size);
  const ranges: Array<[number, number]> = [
    [0, 0],
    [0, 1],
    [5, 10],
    [KIB64 - 1, KIB64 + 1],
    [KIB64, 2 * KIB64],
    [KIB64 + 3, 3 * KIB64 + 50],
    [100, size],
    [size - 1, size],
    [0, size],
    [size, size],
  ];

  it.each(ranges)('bytes %i to %i equal that slice of the whole read', async (start, end) => {
    const { store } = newBlobStore();
    const { sha256 } = await store.add(sourceOf(bytes));
    expect((await collect(store.read(sha256, { start, end }))).equals(bytes.subarray(start, end))).toBe(true);
  });

  it('random ranges match the whole read', async () => {
    const { store } = newBlobStore();
    const { sha256 } = await store.add(sourceOf(bytes));
    const whole = await collect(store.read(sha256));
    for (let i = 0; i < 40; i++) {
      const start = Math.floor(Math.random() * size);
      const end = start + Math.floor(Math.random() * (size - start + 1));
      expect((await collect(store.read(sha256, { start, end }))).equals(whole.subarray(start, end)), `${start}-${end}`).toBe(true);
    }
  });

  it('a range outside the file is refused', async () => {
    const { store } = newBlobStore();
    const { sha256 } = await store.add(sourceOf(bytes));
    for (const range of [
      { start: -1, end: 5 },
      { start: 6, end: 5 },
      { start: 0, end: size + 1 },
      { start: 0.5, end: 3 },
    ]) {
      await expectStoreError(collect(store.read(sha256, range)), 'VALIDATION');
    }
  });
});

describe('saving a copy (writeTo)', () => {
  it('writes the plaintext to the chosen path', async () => {
    const { store } = newBlobStore();
    const bytes = randomBytes(4 * KIB64 + 9);
    const { sha256 } = await store.add(sourceOf(bytes));
    const out = join(tempDir('out'), 'evidence.pdf');
    const progress: number[] = [];
    await store.writeTo(sha256, out, { onProgress: (n) => progress.push(n) });
    expect(readFileSync(out).equals(bytes)).toBe(true);
    expect(progress.at(-1)).toBe(bytes.length);
    expect(blobFolder(join(out, '..')).temps).toEqual([]);
  });

  it('never overwrites a file that is there', async () => {
    const { store } = newBlobStore();
    const { sha256 } = await store.add(sourceOf(randomBytes(100)));
    const out = join(tempDir('out'), 'taken.pdf');
    writeFileSync(out, 'mine');
    await expectStoreError(store.writeTo(sha256, out), 'ALREADY_EXISTS');
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect(blobFolder(join(out, '..')).temps).toEqual([]);
  });

  it('a missing blob or a missing folder writes nothing', async () => {
    const { store } = newBlobStore();
    const outDir = tempDir('out');
    await expectStoreError(store.writeTo(sha256Of(Buffer.from('x')), join(outDir, 'a.pdf')), 'NOT_FOUND');
    const { sha256 } = await store.add(sourceOf(randomBytes(100)));
    await expectStoreError(store.writeTo(sha256, join(outDir, 'no-such-folder', 'a.pdf')), 'NOT_FOUND');
    expect(blobFolder(outDir)).toEqual({ blobs: [], temps: [], other: [] });
  });

  it('cancelling part-way leaves no file and no temp', async () => {
    const { store } = newBlobStore();
    const { sha256 } = await store.add(sourceOf(randomBytes(40 * KIB64)));
    const outDir = tempDir('out');
    const controller = new AbortController();
    const saving = store.writeTo(sha256, join(outDir, 'a.mp4'), { signal: controller.signal, onProgress: (n) => n > 5 * KIB64 && controller.abort() });
    await expectStoreError(saving, 'CANCELLED');
    expect(blobFolder(outDir)).toEqual({ blobs: [], temps: [], other: [] });
  });
});

describe('cancelling and limits', () => {
  it('aborting mid-way leaves no temp and no blob', async () => {
    const { store, dir } = newBlobStore();
    const controller = new AbortController();
    async function* source(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 100; i++) {
        if (i === 20) controller.abort();
        yield randomBytes(KIB64 / 2);
      }
    }
    const error = await expectStoreError(store.add(source(), { signal: controller.signal }), 'CANCELLED');
    expect(error.message).toMatch(/cancelled; nothing was kept/);
    expect(blobFolder(dir)).toEqual({ blobs: [], temps: [], other: [] });
  });

  it('aborting while the source is stalled ends the add at once', async () => {
    const { store, dir } = newBlobStore();
    const controller = new AbortController();
    async function* stalled(): AsyncGenerator<Uint8Array> {
      yield randomBytes(KIB64 * 3);
      await new Promise(() => undefined);
    }
    const adding = store.add(stalled(), { signal: controller.signal, onProgress: () => setTimeout(() => controller.abort(), 20) });
    await expectStoreError(adding, 'CANCELLED');
    expect(blobFolder(dir)).toEqual({ blobs: [], temps: [], other: [] });
  });

  it('an already aborted signal adds nothing', async () => {
    const { store, dir } = newBlobStore();
    await expectStoreError(store.add(sourceOf(randomBytes(10)), { signal: AbortSignal.abort() }), 'CANCELLED');
    expect(blobFolder(dir)).toEqual({ blobs: [], temps: [], other: [] });
  });

  it('a file over maxBytes is refused with a clear message, and nothing is left', async () => {
    const { store, dir } = newBlobStore();
    const error = await expectStoreError(store.add(sourceOf(randomBytes(3 * 1024 * 1024)), { maxBytes: 2 * 1024 * 1024 }), 'VALIDATION');
    expect(error.message).toBe('The file is larger than 2 MiB, the most a case keeps per file; nothing was added.');
    expect(blobFolder(dir)).toEqual({ blobs: [], temps: [], other: [] });
  });

  it('a file of exactly maxBytes is kept', async () => {
    const { store } = newBlobStore();
    expect((await store.add(sourceOf(randomBytes(KIB64)), { maxBytes: KIB64 })).size).toBe(KIB64);
  });
});
