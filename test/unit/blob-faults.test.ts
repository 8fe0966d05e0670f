import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src/main/store/blobs';
import { FaultyFileSystem, type Fault } from '../helpers/faulty-fs';
import { blobFolder, collect, KIB64, newBlobStore, sha256Of, sourceOf } from '../helpers/blobs';
import { expectStoreError, removeTempDirs, tempDir } from '../helpers/store';
import type { ErrorCode } from '../../src/shared/ipc/errors';

/**
 * Disk full, I/O errors and refused permissions at each step of an add, a read and a save-as:
 * the error says what happened, no temp file or partial blob is left, and a retry works.
 */
afterAll(removeTempDirs);

const TEMP = /\.tmp$/;

describe('a failed add leaves no temp and no partial blob', () => {
  const cases: Array<[string, Fault, ErrorCode]> = [
    ['disk full part-way through the writes', { op: 'write', code: 'ENOSPC', path: TEMP, skip: 2, afterBytes: 1000 }, 'DISK_FULL'],
    ['disk full on the first write', { op: 'write', code: 'ENOSPC', path: TEMP }, 'DISK_FULL'],
    ['I/O error at fsync', { op: 'sync', code: 'EIO', path: TEMP }, 'IO'],
    ['I/O error at close', { op: 'close', code: 'EIO', path: TEMP }, 'IO'],
    ['permission denied creating the temp file', { op: 'createExclusive', code: 'EACCES' }, 'PERMISSION_DENIED'],
    ['permission denied at rename', { op: 'rename', code: 'EACCES' }, 'PERMISSION_DENIED'],
    ['permission denied creating the folder', { op: 'mkdir', code: 'EACCES' }, 'PERMISSION_DENIED'],
  ];

  it.each(cases)('%s', async (_label, fault, code) => {
    const fs = new FaultyFileSystem();
    const { store, dir } = newBlobStore({ fs });
    fs.inject({ ...fault, times: 1 });
    const bytes = randomBytes(40 * KIB64 + 3);
    const error = await expectStoreError(store.add(sourceOf(bytes, 100_000)), code);
    expect(fs.firedCount).toBe(1);
    expect(error.message).not.toMatch(/case file/);
    expect(blobFolder(dir)).toEqual({ blobs: [], temps: [], other: [] });
    // Nothing stale stays behind: the same add now succeeds.
    expect(await store.add(sourceOf(bytes))).toMatchObject({ sha256: sha256Of(bytes), existed: false });
    expect((await collect(store.read(sha256Of(bytes)))).equals(bytes)).toBe(true);
  });

  it('a failed fsync of the folder after the rename leaves the blob whole, and no temp', async () => {
    const fs = new FaultyFileSystem();
    const { store, dir } = newBlobStore({ fs });
    await store.add(sourceOf(Buffer.from('first'))); // the folder exists
    fs.inject({ op: 'syncDir', code: 'EIO', times: 1 });
    const bytes = randomBytes(5 * KIB64);
    await expectStoreError(store.add(sourceOf(bytes)), 'IO');
    expect(blobFolder(dir).temps).toEqual([]);
    // Whatever is on disk is whole: the blob was complete and fsynced before its rename.
    for (const name of blobFolder(dir).blobs) expect(existsSync(join(dir, name))).toBe(true);
    expect((await collect(store.read(sha256Of(bytes)))).equals(bytes)).toBe(true);
  });

  it('an existing blob another reader holds open (rename refused, as on Windows) still counts as added', async () => {
    const fs = new FaultyFileSystem();
    const { store, dir } = newBlobStore({ fs });
    const bytes = randomBytes(3 * KIB64);
    await store.add(sourceOf(bytes));
    fs.inject({ op: 'rename', code: 'EBUSY', times: 1 });
    expect(await store.add(sourceOf(bytes))).toMatchObject({ existed: true });
    expect(blobFolder(dir)).toMatchObject({ blobs: [expect.any(String)], temps: [] });
    expect((await collect(store.read(sha256Of(bytes)))).equals(bytes)).toBe(true);
  });

  it('an I/O error reading the picked file names that file, and leaves nothing', async () => {
    const fs = new FaultyFileSystem();
    const { store, dir } = newBlobStore({ fs });
    const source = join(tempDir('src'), 'evidence.mp4');
    writeFileSync(source, randomBytes(3 * 1024 * 1024));
    fs.inject({ op: 'read', code: 'EIO', path: /evidence\.mp4$/, skip: 1, times: 1 });
    const error = await expectStoreError(store.addFile(source), 'IO');
    expect(error.message).toContain(source);
    expect(blobFolder(dir)).toEqual({ blobs: [], temps: [], other: [] });
  });

  it('a case folder that vanished is NOT_FOUND, not a message about case files', async () => {
    const dir = join(tempDir('gone'), 'no-such-case-folder', 'x.cfcase.blobs');
    const error = await expectStoreError(new BlobStore(dir, randomBytes(32)).add(sourceOf(Buffer.from('x'))), 'NOT_FOUND');
    expect(error.message).toContain('no-such-case-folder');
  });
});

describe('read faults', () => {
  it('an I/O error while reading is IO, not "corrupt"', async () => {
    const fs = new FaultyFileSystem();
    const { store } = newBlobStore({ fs });
    const { sha256 } = await store.add(sourceOf(randomBytes(40 * KIB64)));
    fs.inject({ op: 'read', code: 'EIO', skip: 3, times: 1 });
    const error = await expectStoreError(collect(store.read(sha256)), 'IO');
    expect(error.message).not.toMatch(/corrupt/);
    expect((await collect(store.read(sha256))).length).toBe(40 * KIB64);
  });

  it('permission denied opening a blob is PERMISSION_DENIED', async () => {
    const fs = new FaultyFileSystem();
    const { store } = newBlobStore({ fs });
    const { sha256 } = await store.add(sourceOf(randomBytes(10)));
    fs.inject({ op: 'openRead', code: 'EACCES', times: 1 });
    await expectStoreError(collect(store.read(sha256)), 'PERMISSION_DENIED');
  });
});

describe('writeTo faults', () => {
  async function prepared(): Promise<{ store: BlobStore; fs: FaultyFileSystem; sha256: string; bytes: Buffer; outDir: string }> {
    const fs = new FaultyFileSystem();
    const { store } = newBlobStore({ fs });
    const bytes = randomBytes(30 * KIB64 + 1);
    const { sha256 } = await store.add(sourceOf(bytes));
    return { store, fs, sha256, bytes, outDir: tempDir('out') };
  }

  it.each<[string, Fault, ErrorCode]>([
    ['disk full part-way', { op: 'write', code: 'ENOSPC', path: TEMP, skip: 1, afterBytes: 500 }, 'DISK_FULL'],
    ['I/O error at fsync', { op: 'sync', code: 'EIO', path: TEMP }, 'IO'],
    ['permission denied creating the file', { op: 'createExclusive', code: 'EACCES' }, 'PERMISSION_DENIED'],
    ['I/O error at the link into place', { op: 'link', code: 'EIO' }, 'IO'],
  ])('%s: no file and no temp at the destination', async (_label, fault, code) => {
    const { store, fs, sha256, bytes, outDir } = await prepared();
    fs.inject({ ...fault, times: 1 });
    await expectStoreError(store.writeTo(sha256, join(outDir, 'copy.mp4')), code);
    expect(blobFolder(outDir)).toEqual({ blobs: [], temps: [], other: [] });
    await store.writeTo(sha256, join(outDir, 'copy.mp4'));
    expect(readFileSync(join(outDir, 'copy.mp4')).equals(bytes)).toBe(true);
  });

  it('a file that appears at the destination during the save is not overwritten', async () => {
    const out = join(tempDir('out'), 'copy.mp4');
    // Another program creates the file while ours is being written, after the up-front check.
    class Intruding extends FaultyFileSystem {
      override async createExclusive(path: string) {
        const handle = await super.createExclusive(path);
        if (path.includes('.copy.mp4.')) writeFileSync(out, 'theirs');
        return handle;
      }
    }
    const { store } = newBlobStore({ fs: new Intruding() });
    const { sha256 } = await store.add(sourceOf(randomBytes(5 * KIB64)));
    await expectStoreError(store.writeTo(sha256, out), 'ALREADY_EXISTS');
    expect(readFileSync(out, 'utf8')).toBe('theirs');
    expect(blobFolder(join(out, '..')).temps).toEqual([]);
  });

  it('where hard links are unsupported (FAT), the copy is renamed into place', async () => {
    const { store, fs, sha256, bytes, outDir } = await prepared();
    fs.inject({ op: 'link', code: 'EPERM' });
    await store.writeTo(sha256, join(outDir, 'copy.mp4'));
    expect(readFileSync(join(outDir, 'copy.mp4')).equals(bytes)).toBe(true);
    expect(blobFolder(outDir).temps).toEqual([]);
  });
});
