import { createHash, randomBytes } from 'node:crypto';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobsPathOf } from '../../src/main/store/blobs';
import { CaseStore } from '../../src/main/store/case-store';
import { reachableBlobs } from '../../src/main/store/inline-attachments';
import { StoreError } from '../../src/main/store/store-error';
import { FaultyFileSystem, type FsOp } from '../helpers/faulty-fs';
import { POWER_TUNING, prepareTemplates, type Templates } from '../helpers/power-cuts';
import { putAttachment } from '../helpers/records';
import { plainEvent, putRecord, removeTempDirs, tempDir } from '../helpers/store';

/**
 * ENOSPC, EIO and EACCES at every step that changes the disk (issue 13.5): while a file is added
 * to the blob folder and its record committed, while an edit is journaled, while the case is
 * folded into a segmented snapshot (small segments: several are written), and while a schema-3
 * case with inline files opens and migrates. Each step is found by recording a clean run, so a
 * new step in the store is covered without editing this list. After each fault: the error has the
 * code of its cause, the case opens (as a crash at that moment would leave it) with every
 * acknowledged edit and every file it refers to intact, the same store carries on, and the next
 * locked open leaves no temp file.
 */
afterAll(removeTempDirs);

const MUTATING: ReadonlySet<FsOp> = new Set(['createExclusive', 'openAppend', 'rename', 'link', 'copyFile', 'unlink', 'syncDir', 'write', 'sync', 'truncate', 'close', 'mkdir']);
const ERRNOS = [
  { errno: 'ENOSPC', code: 'DISK_FULL' },
  { errno: 'EIO', code: 'IO' },
  { errno: 'EACCES', code: 'PERMISSION_DENIED' },
] as const;

let templates: Templates;
beforeAll(async () => {
  templates = await prepareTemplates(join(tempDir('fault-steps'), 'templates'));
}, 60_000);

function copyOf(which: 'base' | 'legacy'): string {
  const dir = tempDir(`fault-${which}`);
  cpSync(join(templates.dir, which), dir, { recursive: true });
  return join(dir, 'case.cfcase');
}

const open = (path: string, fs?: FaultyFileSystem, readOnly = false) => CaseStore.open(path, { dataKey: templates.dataKey }, { tuning: POWER_TUNING, readOnly, ...(fs ? { fs } : {}) });
const EVIDENCE = randomBytes(140_000);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Adds a file, commits its record, commits an edit and folds; returns the seqs acknowledged. */
async function work(store: CaseStore, errors: unknown[]): Promise<{ attached: boolean; edited: boolean }> {
  const done = { attached: false, edited: false };
  try {
    const added = await store.blobs.add(once(EVIDENCE));
    const record = { id: `attachment--${added.sha256}`, name: 'video.mp4', mediaType: 'video/mp4', size: added.size, sha256: added.sha256 };
    await putAttachment(store, record);
    done.attached = true;
  } catch (error) {
    errors.push(error);
  }
  try {
    await putRecord(store, 'events', plainEvent('event--fault-edit', 'edited before the fold'));
    done.edited = true;
  } catch (error) {
    errors.push(error);
  }
  await store.write(store.document).catch((error: unknown) => errors.push(error));
  return done;
}

/** The disk-changing calls of a clean run, as (op, how many of that op came before). */
/**
 * The disk-changing calls of a clean run between `from` and `until` (indices into its calls), as
 * (op, how many of that op came before). Of a run of writes to one file, the first and the last
 * are kept (the ones between fail the same way).
 */
async function stepsOf(run: (fs: FaultyFileSystem) => Promise<{ from: number; until: number }>): Promise<Array<{ op: FsOp; skip: number; path: string }>> {
  const fs = new FaultyFileSystem();
  const { from, until } = await run(fs);
  const seen = new Map<FsOp, number>();
  const all = fs.calls
    .slice(from, until)
    .filter((call) => MUTATING.has(call.op))
    .map((call) => {
      const skip = seen.get(call.op) ?? 0;
      seen.set(call.op, skip + 1);
      return { op: call.op, skip, path: call.path.replace(/^.*\//, '') };
    });
  const sameWrite = (a: (typeof all)[number] | undefined, b: (typeof all)[number]) => a?.op === 'write' && b.op === 'write' && a.path === b.path;
  return all.filter((step, i) => !(sameWrite(all[i - 1], step) && sameWrite(all[i + 1], step)));
}

async function expectIntact(path: string, expected: { attached: boolean; edited: boolean }, readOnly: boolean, more?: (store: CaseStore) => void): Promise<void> {
  const store = await open(path, undefined, readOnly);
  try {
    more?.(store);
    for (let i = 0; i < 12; i++) expect(store.records.get('events', `event--base-${i}`)).toBeDefined();
    if (expected.attached) expect(store.records.get('attachments', `attachment--${sha(EVIDENCE)}`)).toBeDefined();
    if (expected.edited) expect(store.records.get('events', 'event--fault-edit')).toBeDefined();
    for (const sha256 of reachableBlobs(store.document)) {
      const hash = createHash('sha256');
      for await (const part of store.blobs.read(sha256)) hash.update(part);
      expect(hash.digest('hex')).toBe(sha256);
    }
  } finally {
    await store.close();
  }
}

function tempsBeside(path: string): string[] {
  const list = (dir: string) => {
    try {
      return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
    } catch {
      return [];
    }
  };
  return [...list(join(path, '..')), ...list(blobsPathOf(path))];
}

describe('a fault at each step of adding a file, an edit and a segmented fold', () => {
  it('every step, for ENOSPC, EIO and EACCES: nothing acknowledged is lost and the store opens', async () => {
    const steps = await stepsOf(async (fs) => {
      const store = await open(copyOf('base'), fs);
      const from = fs.calls.length;
      const errors: unknown[] = [];
      await work(store, errors);
      const until = fs.calls.length;
      await store.close();
      expect(errors).toEqual([]);
      return { from, until };
    });
    // The fold wrote the snapshot in pieces (its first and last segments are steps), and the add a blob.
    expect(steps.filter((s) => s.op === 'write' && s.path.startsWith('.case.cfcase.') && !s.path.includes('journal')).length).toBe(2);
    expect(steps.some((s) => s.path.startsWith('.add-'))).toBe(true);
    let faults = 0;
    for (const step of steps) {
      for (const { errno, code } of ERRNOS) {
        const where = `${errno} at ${step.op} #${step.skip} (${step.path})`;
        const path = copyOf('base');
        const fs = new FaultyFileSystem();
        const store = await open(path, fs);
        fs.inject({ op: step.op, skip: step.skip, code: errno, times: 1, ...(step.op === 'write' ? { afterBytes: 700 } : {}) });
        const errors: unknown[] = [];
        const done = await work(store, errors);
        expect(fs.firedCount, where).toBe(1);
        faults++;
        if (process.env['FAULT_STEPS_VERBOSE']) console.info(where, errors.length);
        for (const error of errors) {
          expect(error, where).toBeInstanceOf(StoreError);
          expect((error as StoreError).code, `${where}: ${(error as Error).message}`).toBe(code);
        }
        // As a crash right now would leave it: opens with everything acknowledged.
        await expectIntact(path, done, true);
        // The same store carries on: the next edit and fold succeed.
        fs.clear();
        await putRecord(store, 'events', plainEvent('event--after-fault', 'after the fault'));
        await store.write(store.document);
        await store.close();
        await expectIntact(path, done, false);
        expect(tempsBeside(path), where).toEqual([]);
      }
    }
    expect(faults).toBeGreaterThan(60);
  }, 240_000);
});

describe('a fault at each step of opening a schema-3 case with inline files (migration)', () => {
  it('every step, for ENOSPC, EIO and EACCES: the open fails with the cause or succeeds, and the case then opens whole', async () => {
    const steps = await stepsOf(async (fs) => {
      await (await open(copyOf('legacy'), fs)).close();
      return { from: 0, until: fs.calls.length };
    });
    expect(steps.some((s) => s.path.startsWith('.add-'))).toBe(true);
    for (const step of steps) {
      for (const { errno, code } of ERRNOS) {
        const where = `${errno} at ${step.op} #${step.skip} (${step.path})`;
        const path = copyOf('legacy');
        const fs = new FaultyFileSystem();
        fs.inject({ op: step.op, skip: step.skip, code: errno, times: 1, ...(step.op === 'write' ? { afterBytes: 700 } : {}) });
        try {
          await (await open(path, fs)).close();
        } catch (error) {
          expect(error, where).toBeInstanceOf(StoreError);
          expect((error as StoreError).code, `${where}: ${(error as Error).message}`).toBe(code);
        }
        await expectIntact(path, { attached: false, edited: false }, false, (store) => {
          expect(store.document.attachments, where).toHaveLength(1);
          expect(store.document.schemaVersion).toBeGreaterThan(3);
        });
        expect(tempsBeside(path), where).toEqual([]);
      }
    }
  }, 240_000);
});
