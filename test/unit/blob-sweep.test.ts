import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src/main/store/blobs';
import { FaultyFileSystem } from '../helpers/faulty-fs';
import { blobFolder, collect, newBlobStore, sha256Of, sourceOf } from '../helpers/blobs';
import { expectStoreError, removeTempDirs, tempDir } from '../helpers/store';

/**
 * Sweeping: blobs no record or undo step reaches are removed, referenced ones never are, nor is
 * anything an add is still writing or has just returned; temp files of killed adds are removed.
 */
afterAll(removeTempDirs);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../helpers/blob-child.ts', import.meta.url));

async function threeBlobs(): Promise<{ store: BlobStore; dir: string; key: Buffer; shas: string[]; contents: Buffer[] }> {
  const { store, dir, key } = newBlobStore();
  const contents = [randomBytes(100), randomBytes(70_000), randomBytes(0)];
  const shas: string[] = [];
  for (const bytes of contents) shas.push((await store.add(sourceOf(bytes))).sha256);
  return { store, dir, key, shas, contents };
}

describe('sweep', () => {
  it('keeps referenced blobs, removes the rest and leftover temps, and leaves unknown files alone', async () => {
    const { store, dir, shas, contents } = await threeBlobs();
    writeFileSync(join(dir, `.add-${'0a'.repeat(8)}.tmp`), 'left by a killed add');
    writeFileSync(join(dir, `.add-${'1b'.repeat(8)}.tmp`), '');
    writeFileSync(join(dir, 'notes.txt'), 'not ours');
    const result = await store.sweep(new Set([shas[0]!, shas[2]!]), { graceMs: 0 });
    expect(result).toEqual({ removed: 1, tempsRemoved: 2 });
    expect(blobFolder(dir)).toEqual({ blobs: [expect.any(String), expect.any(String)], temps: [], other: ['notes.txt'] });
    expect(await store.has(shas[1]!)).toBe(false);
    expect((await collect(store.read(shas[0]!))).equals(contents[0]!)).toBe(true);
    expect((await collect(store.read(shas[2]!))).equals(contents[2]!)).toBe(true);
  });

  it('never removes a referenced blob, however often it runs', async () => {
    const { store, dir, shas } = await threeBlobs();
    for (let i = 0; i < 3; i++) expect(await store.sweep(new Set(shas), { graceMs: 0 })).toEqual({ removed: 0, tempsRemoved: 0 });
    expect(blobFolder(dir).blobs).toHaveLength(3);
  });

  it('with nothing referenced and no grace, the folder is emptied of blobs', async () => {
    const { store, dir } = await threeBlobs();
    expect(await store.sweep(new Set(), { graceMs: 0 })).toEqual({ removed: 3, tempsRemoved: 0 });
    expect(blobFolder(dir).blobs).toEqual([]);
  });

  it('spares a blob an add has just returned, so a sweep before its record is committed cannot remove it', async () => {
    const { store, dir, key, shas } = await threeBlobs();
    expect(await store.sweep(new Set())).toEqual({ removed: 0, tempsRemoved: 0 });
    // Another store on the folder in this process (the case reopened) spares them too.
    expect(await new BlobStore(dir, key).sweep(new Set(), { graceMs: 60_000 })).toEqual({ removed: 0, tempsRemoved: 0 });
    expect(blobFolder(dir).blobs).toHaveLength(shas.length);
    // Once the grace is over, unreferenced ones go.
    expect(await store.sweep(new Set([shas[0]!]), { graceMs: 0 })).toEqual({ removed: 2, tempsRemoved: 0 });
  });

  it('an unreferenced blob from an earlier session goes at the first sweep', async () => {
    const { dir, key } = newBlobStore();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, BLOB_MODE: 'add', BLOB_DIR: dir, BLOB_KEY: key.toString('hex') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(0);
    const [kept, orphan] = out.trim().split('\n');
    const later = new BlobStore(dir, key);
    expect(await later.has(orphan!)).toBe(true);
    expect(await later.sweep(new Set([kept!]))).toEqual({ removed: 1, tempsRemoved: 0 });
    expect(await later.has(kept!)).toBe(true);
    expect(await later.has(orphan!)).toBe(false);
  });

  it('spares the temp file of an add in progress, which then completes', async () => {
    const { store, dir } = newBlobStore();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const bytes = randomBytes(3 * 65_536 + 7);
    async function* slow(): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, 2 * 65_536 + 1);
      await gate;
      yield bytes.subarray(2 * 65_536 + 1);
    }
    const adding = store.add(slow());
    while (blobFolder(dir).temps.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    expect(await store.sweep(new Set(), { graceMs: 0 })).toEqual({ removed: 0, tempsRemoved: 0 });
    // A second store on the same folder in this process sees the add in progress too.
    expect(await new BlobStore(dir, randomBytes(32)).sweep(new Set(), { graceMs: 0 })).toEqual({ removed: 0, tempsRemoved: 0 });
    release();
    const added = await adding;
    expect((await collect(store.read(added.sha256))).equals(bytes)).toBe(true);
  });

  it('removes the temp file of an add killed with SIGKILL, and no blob is left half-written', async () => {
    const { dir, key } = newBlobStore();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, BLOB_MODE: 'hang', BLOB_DIR: dir, BLOB_KEY: key.toString('hex') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (data: Buffer) => data.toString().includes('writing') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early (${code})`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    const left = blobFolder(dir);
    expect(left.blobs).toEqual([]);
    expect(left.temps).toHaveLength(1);
    expect(statSync(join(dir, left.temps[0]!)).size).toBeGreaterThan(0);
    expect(await new BlobStore(dir, key).sweep(new Set(), { graceMs: 0 })).toEqual({ removed: 0, tempsRemoved: 1 });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a blob that cannot be removed yet (open in a viewer on Windows) is left for the next sweep', async () => {
    const fs = new FaultyFileSystem();
    const { store, dir } = newBlobStore({ fs });
    const shas: string[] = [];
    for (const text of ['one', 'two', 'three']) shas.push((await store.add(sourceOf(Buffer.from(text)))).sha256);
    fs.inject({ op: 'unlink', code: 'EBUSY', path: new RegExp(store.pathOf(shas[1]!).split('/').pop()!), times: 1 });
    expect(await store.sweep(new Set(), { graceMs: 0 })).toEqual({ removed: 2, tempsRemoved: 0 });
    expect(await store.has(shas[1]!)).toBe(true);
    expect(await store.sweep(new Set(), { graceMs: 0 })).toEqual({ removed: 1, tempsRemoved: 0 });
    expect(blobFolder(dir).blobs).toEqual([]);
  });

  it('permission denied removing a blob is reported', async () => {
    const fs = new FaultyFileSystem();
    const { store } = newBlobStore({ fs });
    await store.add(sourceOf(Buffer.from('one')));
    fs.inject({ op: 'unlink', code: 'EACCES', path: /\.blob$/ });
    await expectStoreError(store.sweep(new Set(), { graceMs: 0 }), 'PERMISSION_DENIED');
  });

  it('refuses a referenced set that holds anything but SHA-256s, and removes nothing', async () => {
    const { store, dir, shas } = await threeBlobs();
    await expectStoreError(store.sweep(new Set([shas[0]!, `attachment--${shas[1]}`]), { graceMs: 0 }), 'VALIDATION');
    expect(blobFolder(dir).blobs).toHaveLength(3);
  });

  it('a case without a blob folder has nothing to sweep', async () => {
    const store = new BlobStore(join(tempDir('none'), 'x.cfcase.blobs'), randomBytes(32));
    expect(await store.sweep(new Set([sha256Of(Buffer.from('x'))]))).toEqual({ removed: 0, tempsRemoved: 0 });
  });
});
