import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { nodeFileSystem, type FileSystem } from '../../src/main/store/file-system';
import type { AuditEntry } from '../../src/shared/domain/audit';
import { expectStoreError, PASSPHRASE, plainEvent, putEntry, smallCase, tempDir, removeTempDirs } from '../helpers/store';

/**
 * A takeover between two batches (found by a review of a rule that let a batch skip its own
 * before-write check when the batch before it had just checked): an edit must
 * never reach the journal once another process has taken the lock over before the edit was written.
 */
afterAll(removeTempDirs);

/** A lock another computer's Casefile Workbench would write (its holder cannot be proven gone). */
function foreignLock(): string {
  return JSON.stringify({ version: 2, token: 'e'.repeat(32), pid: 4242, host: 'analyst-laptop-2', machineId: null, pidNs: null, bootId: null, bootTime: 0, startTicks: null, createdAt: new Date().toISOString() });
}

/** What another process's forced takeover does: a new lock file renamed over ours. */
function takeOver(path: string): void {
  writeFileSync(`${path}.lock.other.tmp`, foreignLock());
  renameSync(`${path}.lock.other.tmp`, `${path}.lock`);
}

const put = (store: CaseStore, id: string, title: string, then?: () => void): Promise<AuditEntry> =>
  store.commit((records, seq) => {
    then?.();
    return putEntry(records, seq, 'events', plainEvent(id, title));
  });

describe('a takeover between two batches', () => {
  it('an edit queued behind an acknowledged one is not written once the lock was taken over before it was written', async () => {
    const path = join(tempDir('rev-turn'), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2));
    await put(store, 'event--warm', 'warm');
    let second: Promise<AuditEntry> | null = null;
    let journalAtTakeover = -1;
    // The second edit is asked for while the first is being built, so it is the next batch.
    const first = put(store, 'event--first', 'Saved before the takeover', () => {
      second ??= put(store, 'event--second', 'Asked for before the takeover, written after it');
    });
    // Another computer's analyst forces a takeover the moment the first edit is acknowledged,
    // before the second batch has started (let alone written anything).
    const acknowledged = first.then((entry) => {
      takeOver(path);
      journalAtTakeover = statSync(journalPathOf(path)).size;
      return entry;
    });
    await acknowledged;
    await expectStoreError(second!, 'LOCKED');
    await store.close();
    // Nothing of the refused edit may be in the journal the new holder now owns.
    expect.soft(statSync(journalPathOf(path)).size).toBe(journalAtTakeover);
    // The new holder opens the case: the edit this window was told "was not saved" must not be in it.
    const newHolder = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
    try {
      expect(newHolder.records.get('events', 'event--first')?.title).toBe('Saved before the takeover');
      expect(newHolder.records.get('events', 'event--second')).toBeUndefined();
    } finally {
      await newHolder.close();
    }
  });
});

describe('review hostp99: the lock check by stat', () => {
  it('a lock rewritten in place (same inode, same size, mtime put back) right after a check is seen as taken over', async () => {
    const { openSync, writeSync, closeSync, readFileSync, utimesSync } = await import('node:fs');
    const path = join(tempDir('rev-inplace'), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2));
    await put(store, 'event--mine', 'ours');
    const ours = readFileSync(`${path}.lock`, 'utf8');
    const before = statSync(`${path}.lock`);
    // Another writer (an older build, a script, a sync tool) rewrites the lock in place: same length, other token.
    const theirs = ours.replace(/"token":"[0-9a-f]{32}"/, `"token":"${'e'.repeat(32)}"`);
    expect(theirs.length).toBe(ours.length);
    const fd = openSync(`${path}.lock`, 'r+');
    writeSync(fd, theirs, 0);
    closeSync(fd);
    utimesSync(`${path}.lock`, before.atime, before.mtime);
    await expectStoreError(put(store, 'event--late', 'after the rewrite'), 'LOCKED');
    await store.close();
  });
});

describe('review hostp99: a late write after a takeover crosses the new holder\'s edits', () => {
  it('an edit the new holder had acknowledged is still in the case after it closes', async () => {
    const path = join(tempDir('rev-cross'), 'case.cfcase');
    // The first window's journal writes can be held back, as a busy disk or loop would.
    let gate: Promise<void> | null = null;
    let openGate = (): void => undefined;
    const gatedFs: FileSystem = {
      ...nodeFileSystem,
      openAppend: async (file) => {
        const handle = await nodeFileSystem.openAppend(file);
        return { ...handle, write: async (buffer) => {
          if (gate) await gate;
          return handle.write(buffer);
        } };
      },
    };
    const first = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2), { fs: gatedFs });
    await put(first, 'event--warm', 'warm');
    let late: Promise<AuditEntry> | null = null;
    const acknowledged = put(first, 'event--first', 'Saved by the first window', () => {
      late ??= put(first, 'event--late', 'First window, refused as not saved');
    }).then(() => {
      // Another computer's analyst forces a takeover right after the first window's acknowledgement.
      takeOver(path);
      gate = new Promise<void>((resolve) => (openGate = resolve));
    });
    await acknowledged;
    const lateSettled = late!.then(() => 'saved', (error: { code?: string }) => error.code ?? 'error');
    // The new holder opens the case (taking over the other computer's lock) and saves an edit.
    const second = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
    const seqOfTheirs = await putRecordSeq(second);
    openGate();
    expect(await lateSettled).toBe('LOCKED');
    await first.close();
    await second.close();
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    try {
      expect(reopened.records.get('events', 'event--theirs')?.title, `acknowledged as edit ${seqOfTheirs}`).toBe('Saved by the new holder');
      expect(reopened.records.get('events', 'event--late')).toBeUndefined();
      expect(reopened.report.setAsideDuplicates).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});

async function putRecordSeq(store: CaseStore): Promise<number> {
  return (await put(store, 'event--theirs', 'Saved by the new holder')).seq;
}

/**
 * The window between a batch's lock check and its journal write (issue 15 review): the first
 * window checks the lock, then stalls (a busy event loop, a suspended laptop, a slow NFS server)
 * while another window takes the case over, opens it and saves edits. When the first window's
 * write finally lands it must not reach the journal the new holder appends to.
 */
describe('a takeover between a batch\'s lock check and its journal write', () => {
  /** A file system whose journal writes can be held at the door, after the check has passed. */
  function heldWrites(): { fs: FileSystem; hold: () => void; release: () => void; reached: () => Promise<void> } {
    let gate: Promise<void> | null = null;
    let openGate = (): void => undefined;
    let arrived = (): void => undefined;
    let arrival = new Promise<void>((resolve) => (arrived = resolve));
    const fs: FileSystem = {
      ...nodeFileSystem,
      openAppend: async (file) => {
        const handle = await nodeFileSystem.openAppend(file);
        return { ...handle, write: async (buffer) => {
          if (gate) {
            arrived();
            await gate;
          }
          return handle.write(buffer);
        } };
      },
    };
    return {
      fs,
      hold: () => {
        gate = new Promise<void>((resolve) => (openGate = resolve));
        arrival = new Promise<void>((resolve) => (arrived = resolve));
      },
      release: () => {
        gate = null;
        openGate();
      },
      reached: () => arrival,
    };
  }

  for (const spelling of ['the same path', 'another spelling of the path (dir/../dir/case)'] as const) {
    it(`keeps every edit the new holder acknowledged, and none the old one refused (${spelling})`, async () => {
      const dir = tempDir('rev-window');
      const path = join(dir, 'case.cfcase');
      const writes = heldWrites();
      const first = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2), { fs: writes.fs });
      await put(first, 'event--warm', 'Saved by the first window before anything');
      writes.hold();
      // The first window's batch passes its lock check and stops at the journal's door.
      let refusal = '';
      const late = first
        .commit((records, seq) => putEntry(records, seq, 'events', plainEvent('event--late', 'First window, written after the takeover'), 'Added event "late"'))
        .then(
          () => 'saved',
          (error: { code?: string; message?: string }) => {
            refusal = error.message ?? '';
            return error.code ?? 'error';
          },
        );
      await writes.reached();
      takeOver(path);
      const otherSpelling = spelling === 'the same path' ? path : join(dir, '..', basename(dir), 'case.cfcase');
      const second = await CaseStore.open(otherSpelling, { passphrase: PASSPHRASE }, { takeOverLock: true });
      await put(second, 'event--theirs-1', 'Saved by the new holder (1)');
      writes.release();
      expect(await late).toBe('LOCKED');
      // The analyst is told what happened and which edit to check for.
      expect(refusal).toMatch(/taken over in another window.*may not have been saved: "Added event "late""/s);
      // The new holder goes on saving after the late write landed.
      await put(second, 'event--theirs-2', 'Saved by the new holder (2)');
      await first.close();
      await second.close();
      const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
      try {
        expect(reopened.records.get('events', 'event--warm')?.title).toBe('Saved by the first window before anything');
        expect(reopened.records.get('events', 'event--theirs-1')?.title).toBe('Saved by the new holder (1)');
        expect(reopened.records.get('events', 'event--theirs-2')?.title).toBe('Saved by the new holder (2)');
        expect(reopened.records.get('events', 'event--late')).toBeUndefined();
        expect(reopened.report.setAsideDuplicates).toEqual([]);
        expect(reopened.report.discardedTornTail).toBe(false);
      } finally {
        await reopened.close();
      }
    });
  }

  it('the new holder\'s own acknowledged edit survives when it closes before the late write lands (no fold between)', async () => {
    const dir = tempDir('rev-window-crash');
    const path = join(dir, 'case.cfcase');
    const writes = heldWrites();
    const first = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2), { fs: writes.fs });
    await put(first, 'event--warm', 'warm');
    writes.hold();
    const late = put(first, 'event--late', 'late').then(() => 'saved', (error: { code?: string }) => error.code ?? 'error');
    await writes.reached();
    takeOver(path);
    const second = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
    await put(second, 'event--theirs', 'Saved by the new holder');
    // The new holder's process dies without a fold (its journal is all it has); then the late write lands.
    writes.release();
    expect(await late).toBe('LOCKED');
    await first.close();
    takeOver(path);
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
    try {
      expect(reopened.records.get('events', 'event--theirs')?.title).toBe('Saved by the new holder');
      expect(reopened.records.get('events', 'event--late')).toBeUndefined();
    } finally {
      await reopened.close();
      await second.close().catch(() => undefined);
    }
  });
});

/**
 * A takeover during a fold (hostile review of the takeover protocol): the first window checked the
 * lock before a rename of its fold, then stalled while another window took the case over, opened
 * it and saved edits. The stalled rename then puts the first window's file over the new holder's.
 */
describe('a takeover while a fold of the old holder is between its lock check and a rename', () => {
  /** Once armed, runs `during` inside the first rename onto a name ending with `suffix` (after the lock check that precedes it). */
  function stallRename(suffix: string, during: () => Promise<void>): FileSystem & { arm: () => void } {
    let armed = false;
    return {
      ...nodeFileSystem,
      arm: () => (armed = true),
      rename: async (from, to) => {
        if (armed && to.endsWith(suffix)) {
          armed = false;
          await during();
        }
        return nodeFileSystem.rename(from, to);
      },
    };
  }

  for (const [stalled, suffix] of [['the journal', '.journal'], ['the snapshot', '.cfcase']] as const) {
    it(`the new holder keeps every edit it acknowledged when the old one's rename of ${stalled} lands late`, async () => {
      const dir = tempDir('rev-fold');
      const path = join(dir, 'case.cfcase');
      let second: CaseStore | null = null;
      const fs = stallRename(suffix, async () => {
        takeOver(path);
        second = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
        await put(second, 'event--theirs-1', 'Saved by the new holder before the late rename');
      });
      const first = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2));
      await put(first, 'event--warm', 'Saved by the first window');
      await first.close();
      const stalling = await CaseStore.open(path, { passphrase: PASSPHRASE }, { fs });
      await put(stalling, 'event--before-fold', 'Saved by the first window before its fold');
      fs.arm();
      // The fold is cut off by the takeover (the new holder's open swept its temp file), and says so.
      await expectStoreError(stalling.write(stalling.document), 'LOCKED');
      expect(second).not.toBeNull();
      const newHolder = second as unknown as CaseStore;
      // The new holder saves on after the late rename: this batch must not go into a file no one replays.
      await put(newHolder, 'event--theirs-2', 'Saved by the new holder after the late rename');
      await expectStoreError(put(stalling, 'event--refused', 'First window after the takeover'), 'LOCKED');
      // The new holder's process dies (no close, no fold); the case is opened afresh.
      takeOver(path);
      const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
      try {
        for (const [id, title] of [
          ['event--warm', 'Saved by the first window'],
          ['event--before-fold', 'Saved by the first window before its fold'],
          ['event--theirs-1', 'Saved by the new holder before the late rename'],
          ['event--theirs-2', 'Saved by the new holder after the late rename'],
        ]) {
          expect(reopened.records.get('events', id!)?.title, id).toBe(title);
        }
        expect(reopened.records.get('events', 'event--refused')).toBeUndefined();
      } finally {
        await reopened.close();
        await newHolder.close().catch(() => undefined);
        await stalling.close().catch(() => undefined);
      }
    });
  }
});

describe('a takeover while the old holder is still opening the case', () => {
  it('the open that was taken over fails with LOCKED, and the new holder\'s edits stand', async () => {
    const dir = tempDir('rev-open');
    const path = join(dir, 'case.cfcase');
    const first = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2));
    await put(first, 'event--warm', 'Saved before both opens');
    await first.close();
    let second: CaseStore | null = null;
    // The first open stalls just before it renames its copy of the journal into place.
    let armed = true;
    const fs: FileSystem = {
      ...nodeFileSystem,
      rename: async (from, to) => {
        if (armed && to.endsWith('.journal')) {
          armed = false;
          takeOver(path);
          second = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
          await put(second, 'event--theirs', 'Saved by the window that took over');
        }
        return nodeFileSystem.rename(from, to);
      },
    };
    const error = await expectStoreError(CaseStore.open(path, { passphrase: PASSPHRASE }, { fs }), 'LOCKED');
    expect(error.message).toMatch(/taken over/);
    const newHolder = second as unknown as CaseStore;
    await put(newHolder, 'event--theirs-2', 'Saved after the other open failed');
    takeOver(path);
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
    try {
      expect(reopened.records.get('events', 'event--warm')?.title).toBe('Saved before both opens');
      expect(reopened.records.get('events', 'event--theirs')?.title).toBe('Saved by the window that took over');
      expect(reopened.records.get('events', 'event--theirs-2')?.title).toBe('Saved after the other open failed');
    } finally {
      await reopened.close();
      await newHolder.close().catch(() => undefined);
    }
  });
});

describe('the journal or the snapshot replaced behind the holder\'s back', () => {
  for (const replaced of ['journal', 'snapshot'] as const) {
    it(`an edit is acknowledged only once it is in the files the case replays (${replaced} replaced by an older copy)`, async () => {
      const path = join(tempDir('rev-replaced'), 'case.cfcase');
      const store = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2));
      await put(store, 'event--old', 'Saved before the copy was taken');
      const file = replaced === 'journal' ? journalPathOf(path) : path;
      const older = readFileSync(file);
      await store.write(store.document);
      await put(store, 'event--acknowledged', 'Saved into the file that is then replaced');
      // A sync tool or a window that lost the lock puts an older file in place.
      writeFileSync(`${file}.elsewhere`, older);
      renameSync(`${file}.elsewhere`, file);
      await put(store, 'event--after', 'Saved after the replacement');
      // The process dies: what the files on disk hold is all there is.
      takeOver(path);
      const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
      try {
        expect(reopened.records.get('events', 'event--old')?.title).toBe('Saved before the copy was taken');
        expect(reopened.records.get('events', 'event--acknowledged')?.title).toBe('Saved into the file that is then replaced');
        expect(reopened.records.get('events', 'event--after')?.title).toBe('Saved after the replacement');
      } finally {
        await reopened.close();
        await store.close().catch(() => undefined);
      }
    });
  }
});

describe('a journal handle dropped after a failed append, then the journal replaced', () => {
  it('the next edit neither cuts nor appends to the file now at the journal\'s name, and every acknowledged edit stays', async () => {
    const { FaultyFileSystem } = await import('../helpers/faulty-fs');
    const path = join(tempDir('rev-reopen'), 'case.cfcase');
    const fs = new FaultyFileSystem();
    const store = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2), { fs });
    const older = readFileSync(journalPathOf(path));
    await put(store, 'event--acknowledged', 'Saved before the failures');
    // The append fails and so does cutting it off: the store drops its handle, to reopen by name.
    fs.inject({ op: 'sync', code: 'EIO', path: /\.journal$/, times: 1 });
    fs.inject({ op: 'truncate', code: 'EIO', path: /\.journal$/, times: 1 });
    await expectStoreError(put(store, 'event--failed', 'Reported as not saved'), 'IO');
    // Meanwhile another program puts an older journal in its place.
    writeFileSync(`${journalPathOf(path)}.elsewhere`, older);
    renameSync(`${journalPathOf(path)}.elsewhere`, journalPathOf(path));
    await put(store, 'event--next', 'Saved after the replacement');
    takeOver(path);
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { takeOverLock: true });
    try {
      expect(reopened.records.get('events', 'event--acknowledged')?.title).toBe('Saved before the failures');
      expect(reopened.records.get('events', 'event--next')?.title).toBe('Saved after the replacement');
      expect(reopened.records.get('events', 'event--failed')).toBeUndefined();
    } finally {
      await reopened.close();
      await store.close().catch(() => undefined);
    }
  });
});
