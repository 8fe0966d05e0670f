import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, readlinkSync, renameSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { entryFrames, journalPrefix } from '../../src/main/store/journal';
import { encodeRecordV1, journalPrefixV1 } from '../../src/main/store/journal-v1';
import { FaultyFileSystem } from '../helpers/faulty-fs';
import { expectStoreError, PASSPHRASE, plainEvent, putEntry, putEvent, removeTempDirs, smallCase, tempDir } from '../helpers/store';

/**
 * One writer per case (issue #11, items 1, 3 and 5): every spelling of a case's path is the same
 * case; a lock is never taken from a holder that has the case open, and a lock whose holder is
 * provably gone never blocks the analyst; a failed append never costs a confirmed edit.
 */
afterAll(removeTempDirs);

let template: { dir: string; dataKey: Buffer; caseId: string };
beforeAll(async () => {
  const dir = tempDir('lock-base');
  const store = await CaseStore.create(join(dir, 'case.cfcase'), PASSPHRASE, smallCase(5, 2));
  await putEvent(store, 'event--first', 'First edit');
  template = { dir, dataKey: store.exportDataKey(), caseId: store.document.id };
  await store.close();
});

function freshCase(): { dir: string; path: string } {
  const dir = tempDir('lock');
  for (const name of ['case.cfcase', 'case.cfcase.journal']) writeFileSync(join(dir, name), readFileSync(join(template.dir, name)));
  return { dir, path: join(dir, 'case.cfcase') };
}

const open = (path: string, options: { takeOverLock?: boolean; fs?: FaultyFileSystem } = {}) => CaseStore.open(path, { dataKey: template.dataKey }, options);

/** Other spellings of `<dir>/case.cfcase`: `./`, `..`, relative to the cwd, and a symlink. */
function spellings(dir: string): string[] {
  mkdirSync(join(dir, 'sub'), { recursive: true });
  symlinkSync(join(dir, 'case.cfcase'), join(dir, 'link.cfcase'));
  symlinkSync(dir, join(dir, 'sub', 'folder-link'));
  return [`${dir}/./case.cfcase`, join(dir, 'sub') + '/../case.cfcase', relative(process.cwd(), join(dir, 'case.cfcase')), join(dir, 'link.cfcase'), join(dir, 'sub', 'folder-link', 'case.cfcase')];
}

function startTicksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
}

function bootId(): string {
  return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
}

const machineId = readFileSync('/etc/machine-id', 'utf8').trim();
const pidNs = readlinkSync('/proc/self/ns/pid');

/** The lock a process `pid` of this computer, in this PID namespace, would write (override any field). */
function lockOf(pid: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 2, token: 'f'.repeat(32), pid, host: hostname(), machineId, pidNs, bootId: bootId(), bootTime: Date.now() - 1_000_000, startTicks: startTicksOf(pid), createdAt: new Date().toISOString(), ...extra });
}

function sleeper(): ChildProcess {
  return spawn('sleep', ['60'], { stdio: 'ignore' });
}

describe('every spelling of a case path is one case with one writer', () => {
  it('a second open in the same process, under any other spelling, is refused while the first is open', async () => {
    const { dir, path } = freshCase();
    const first = await open(path);
    try {
      for (const other of spellings(dir)) {
        const error = await expectStoreError(open(other), 'LOCKED');
        expect(error.message, other).toMatch(/already open/);
        // The first store still holds the lock and keeps writing.
        expect(existsSync(`${path}.lock`)).toBe(true);
        await putEvent(first, `event--after-${other.length}`, `Still writing after ${other}`);
      }
    } finally {
      await first.close();
    }
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('a store opened through a link uses the real file: its journal, its lock and its .bak', async () => {
    const { dir, path } = freshCase();
    symlinkSync(path, join(dir, 'link.cfcase'));
    const viaLink = await open(join(dir, 'link.cfcase'));
    expect(viaLink.path).toBe(path);
    await putEvent(viaLink, 'event--via-link', 'Written through the link');
    await viaLink.write(viaLink.document);
    expect(existsSync(`${path}.lock`)).toBe(true);
    expect(existsSync(join(dir, 'link.cfcase.lock'))).toBe(false);
    expect(existsSync(join(dir, 'link.cfcase.journal'))).toBe(false);
    expect(existsSync(`${path}.bak`)).toBe(true);
    await viaLink.close();
  });

  it('CaseService: reopening the open case under another spelling leaves one writer, and no confirmed edit is lost after a crash', async () => {
    const { dir, path } = freshCase();
    const svc = new CaseService({ user: 'tester', foldAfterIdleMs: 60_000 });
    expect((await svc.open(path, { dataKey: template.dataKey })).ok).toBe(true);
    expect((await svc.put({ collection: 'events', record: plainEvent('event--before', 'Before the re-open') })).ok).toBe(true);
    symlinkSync(path, join(dir, 'link.cfcase'));
    const again = await svc.open(join(dir, 'link.cfcase'), { dataKey: template.dataKey });
    expect(again.ok).toBe(true);
    expect(svc.path).toBe(path);
    const confirmed = await svc.put({ collection: 'events', record: plainEvent('event--after', 'Confirmed after the re-open') });
    expect(confirmed.ok).toBe(true);
    // A crash now (no close, no fold): another process opens what is on disk.
    const reader = await CaseStore.open(path, { dataKey: template.dataKey }, { readOnly: true });
    expect(reader.records.get('events', 'event--before')?.title).toBe('Before the re-open');
    expect(reader.records.get('events', 'event--after')?.title).toBe('Confirmed after the re-open');
    await reader.close();
    await svc.close();
  });

  it('close removes only a lock it owns, and a store whose lock was taken over refuses to write', async () => {
    const { path } = freshCase();
    const store = await open(path);
    const holder = sleeper();
    try {
      // Another process took the lock over (the analyst forced it elsewhere).
      const theirs = lockOf(holder.pid!);
      writeFileSync(`${path}.lock`, theirs);
      await expectStoreError(putEvent(store, 'event--late', 'Too late'), 'LOCKED');
      await expectStoreError(store.write(store.document), 'LOCKED');
      await store.close();
      expect(readFileSync(`${path}.lock`, 'utf8')).toBe(theirs);
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

describe('a lock left behind never blocks the case for good', () => {
  it('an old-style lock naming pid 1, written before this boot, is taken over with a notice', async () => {
    const { path } = freshCase();
    writeFileSync(`${path}.lock`, '1');
    const beforeBoot = new Date(Date.now() - 10 * 365 * 24 * 3600 * 1000);
    utimesSync(`${path}.lock`, beforeBoot, beforeBoot);
    const store = await open(path);
    expect(store.report.tookOverLock).toMatch(/before this computer last started/);
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('an old-style lock naming a pid that a later process now has is taken over', async () => {
    const { path } = freshCase();
    const later = sleeper();
    try {
      writeFileSync(`${path}.lock`, String(later.pid));
      const written = new Date(Date.now() - 60_000);
      utimesSync(`${path}.lock`, written, written);
      const store = await open(path);
      expect(store.report.tookOverLock).toMatch(/started after the lock was written/);
      await store.close();
    } finally {
      later.kill('SIGKILL');
    }
  });

  it('a lock from before a reboot, or from a process whose pid was reused, is taken over', async () => {
    const live = sleeper();
    try {
      const rebooted = freshCase();
      writeFileSync(`${rebooted.path}.lock`, lockOf(live.pid!, { bootId: '00000000-0000-0000-0000-000000000000' }));
      const a = await open(rebooted.path);
      expect(a.report.tookOverLock).toMatch(/restarted/);
      await a.close();

      const reused = freshCase();
      writeFileSync(`${reused.path}.lock`, lockOf(live.pid!, { startTicks: startTicksOf(live.pid!) - 1 }));
      const b = await open(reused.path);
      expect(b.report.tookOverLock).toMatch(/given to another process/);
      await b.close();
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('a lock whose holder provably has the case open is never taken over, even when asked', async () => {
    const { path } = freshCase();
    const holder = sleeper();
    try {
      const theirs = lockOf(holder.pid!);
      writeFileSync(`${path}.lock`, theirs);
      const error = await expectStoreError(open(path), 'LOCKED');
      expect(error.message).toContain(String(holder.pid));
      await expectStoreError(open(path, { takeOverLock: true }), 'LOCKED');
      expect(readFileSync(`${path}.lock`, 'utf8')).toBe(theirs);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a lock that cannot be proven stale (another computer; an old-style lock of a running process) is taken over only when the analyst asks', async () => {
    const { path } = freshCase();
    writeFileSync(`${path}.lock`, lockOf(process.pid, { host: 'analyst-laptop-2', token: 'e'.repeat(32) }));
    const error = await expectStoreError(open(path), 'LOCK_UNPROVEN');
    expect(error.message).toMatch(/analyst-laptop-2/);
    expect(error.message).toMatch(/take over/i);
    const store = await open(path, { takeOverLock: true });
    expect(store.report.tookOverLock).toMatch(/you chose to take it over/);
    await store.close();

    const older = freshCase();
    const running = sleeper();
    try {
      writeFileSync(`${older.path}.lock`, String(running.pid));
      await expectStoreError(open(older.path), 'LOCK_UNPROVEN');
      const taken = await open(older.path, { takeOverLock: true });
      await taken.close();
    } finally {
      running.kill('SIGKILL');
    }
  });
});

describe('what the hostile review found (a live holder judged dead, links, leftovers)', () => {
  it('a holder in another PID namespace (a Flatpak or Snap sandbox) is never judged dead from our /proc', async () => {
    const { path } = freshCase();
    const live = sleeper();
    try {
      // Its pid and start ticks mean something only in its own namespace: here they match nothing.
      writeFileSync(`${path}.lock`, lockOf(live.pid!, { pidNs: 'pid:[4026530000]', startTicks: startTicksOf(live.pid!) + 12345 }));
      const error = await expectStoreError(open(path), 'LOCK_UNPROVEN');
      expect(error.message).toMatch(/another sandbox \(PID namespace\)/);
    } finally {
      live.kill('SIGKILL');
    }
  });

  it('another computer of the same name on a shared folder is not a restart of this one', async () => {
    const { path } = freshCase();
    writeFileSync(`${path}.lock`, lockOf(process.pid, { token: 'd'.repeat(32), machineId: 'f'.repeat(32), bootId: '11111111-2222-3333-4444-555555555555' }));
    const other = await expectStoreError(open(path), 'LOCK_UNPROVEN');
    expect(other.message).toMatch(/another computer with the same name/);
    // A lock of an older build (no machine id) from another boot: it may be either, so the analyst decides.
    const older = freshCase();
    const legacy = JSON.parse(lockOf(process.pid, { token: 'e'.repeat(32), bootId: '11111111-2222-3333-4444-555555555555' })) as Record<string, unknown>;
    delete legacy['machineId'];
    writeFileSync(`${older.path}.lock`, JSON.stringify(legacy));
    await expectStoreError(open(older.path), 'LOCK_UNPROVEN');
  });

  it('a store taken over while it wrote does not acknowledge the edit, and leaves the journal to the new holder', async () => {
    const { path } = freshCase();
    const holder = sleeper();
    try {
      const theirs = lockOf(holder.pid!);
      const fs = new FaultyFileSystem();
      const store = await open(path, { fs });
      // The takeover lands between the write and the acknowledgement.
      fs.onSync = (file) => {
        if (file.endsWith('.journal')) writeFileSync(`${path}.lock`, theirs);
      };
      const before = readFileSync(journalPathOf(path)).length;
      await expectStoreError(putEvent(store, 'event--raced', 'Written while taken over'), 'LOCKED');
      expect(store.records.get('events', 'event--raced')).toBeUndefined();
      // Not cut back: the new holder may have read it (and its own appends would follow it).
      expect(readFileSync(journalPathOf(path)).length).toBeGreaterThan(before);
      fs.onSync = undefined;
      await store.close();
      expect(readFileSync(`${path}.lock`, 'utf8')).toBe(theirs);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a takeover right after an acknowledged edit, by a lock of the same size renamed over ours, refuses the next edit', async () => {
    const { path } = freshCase();
    const store = await open(path);
    const holder = sleeper();
    try {
      await putEvent(store, 'event--mine', 'Saved while ours');
      // A takeover as another process makes one: a new file of the very same length renamed over the lock, at once.
      const ours = readFileSync(`${path}.lock`, 'utf8');
      const theirs = lockOf(holder.pid!, { createdAt: JSON.parse(ours).createdAt as string });
      const padded = theirs.replace(/}$/, `${' '.repeat(Math.max(0, ours.length - theirs.length))}}`);
      writeFileSync(`${path}.lock.tmp`, padded);
      renameSync(`${path}.lock.tmp`, `${path}.lock`);
      await expectStoreError(putEvent(store, 'event--late', 'After the takeover'), 'LOCKED');
      expect(store.records.get('events', 'event--late')).toBeUndefined();
      await store.close();
      expect(readFileSync(`${path}.lock`, 'utf8')).toBe(padded);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a case file with a second name (a hard link) is refused for writing', async () => {
    const { dir, path } = freshCase();
    linkSync(path, join(dir, 'second-name.cfcase'));
    const error = await expectStoreError(open(join(dir, 'second-name.cfcase')), 'CONFLICT');
    expect(error.message).toMatch(/2 names \(hard links/);
    await expectStoreError(open(path), 'CONFLICT');
  });

  it("opening x.cfcase never sweeps the save files of x.cfcase.old beside it", async () => {
    const { dir, path } = freshCase();
    const others = ['.case.cfcase.old.0123456789ab.tmp', 'case.cfcase.old.bak.0123456789ab.tmp', '.case.cfcase.old.journal.0123456789ab.tmp', '.case.cfcase.bak.tmp'];
    for (const name of others) writeFileSync(join(dir, name), 'another case is saving');
    writeFileSync(join(dir, '.case.cfcase.0123456789ab.tmp'), 'our own leftover');
    const store = await open(path);
    await store.close();
    for (const name of others) expect(existsSync(join(dir, name)), name).toBe(true);
    expect(existsSync(join(dir, '.case.cfcase.0123456789ab.tmp'))).toBe(false);
  });

  it('`dir/link/../x` opens the case the OS names (past the link), not the text collapsed', async () => {
    const { dir: real, path } = freshCase();
    const elsewhere = tempDir('lock-elsewhere');
    mkdirSync(join(elsewhere, 'inner'));
    symlinkSync(join(real, 'sub-target'), join(elsewhere, 'inner', 'link'));
    mkdirSync(join(real, 'sub-target'));
    // elsewhere/inner/link/../case.cfcase is real/case.cfcase to the OS; as text it is elsewhere/inner/case.cfcase.
    const store = await open(`${join(elsewhere, 'inner', 'link')}/../case.cfcase`);
    expect(store.path).toBe(path);
    await store.close();
  });

  it('a link or a folder where the lock belongs is refused with a message that says so, and touched by no one', async () => {
    const { path } = freshCase();
    symlinkSync('/nonexistent/elsewhere', `${path}.lock`);
    const link = await expectStoreError(open(path), 'LOCKED');
    expect(link.message).toMatch(/is a link, not a lock file this app wrote/);
    const folder = freshCase();
    mkdirSync(`${folder.path}.lock`);
    const dirError = await expectStoreError(open(folder.path), 'LOCKED');
    expect(dirError.message).toMatch(/is a folder, not a lock file this app wrote/);
  });
});

describe('a read-only open while another process saves', () => {
  it('reads again when a save swaps the files under it, and so misses no acknowledged edit', async () => {
    const { path } = freshCase();
    const writer = await open(path);
    for (let n = 0; n < 3; n++) await putEvent(writer, `event--w${n}`, `Acknowledged ${n}`);
    const fs = new FaultyFileSystem();
    let swapped = false;
    fs.onOpenRead = async (file) => {
      // Between the reader's snapshot and its journal: the writer folds, then acknowledges one more.
      if (!swapped && file.endsWith('.journal')) {
        swapped = true;
        await writer.write(writer.document);
        await putEvent(writer, 'event--w3', 'Acknowledged 3');
      }
    };
    const reader = await CaseStore.open(path, { dataKey: template.dataKey }, { readOnly: true, fs });
    expect(swapped).toBe(true);
    for (let n = 0; n < 4; n++) expect(reader.records.get('events', `event--w${n}`)?.title, `edit ${n}`).toBe(`Acknowledged ${n}`);
    await reader.close();
    await writer.close();
  });
});

describe('two processes taking over one stale lock at the same moment', () => {
  const RACER = fileURLToPath(new URL('../helpers/lock-racer.ts', import.meta.url));
  const ROOT = fileURLToPath(new URL('../..', import.meta.url));

  it('exactly one wins, every time', async () => {
    const racers = Array.from({ length: 4 }, () => lineReader(spawn(process.execPath, ['--import', 'tsx', RACER], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })));
    try {
      expect(await Promise.all(racers.map((r) => r.next()))).toEqual(racers.map(() => 'ready'));
      const dead = Number(spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim());
      for (let round = 0; round < 12; round++) {
        const path = join(tempDir('race'), 'case.cfcase');
        writeFileSync(path, '');
        writeFileSync(`${path}.lock`, lockOf(process.pid, { pid: dead, startTicks: 1 }));
        const at = Date.now() + 100;
        for (const racer of racers) racer.child.stdin!.write(`${path} ${at}\n`);
        const outcomes = await Promise.all(racers.map((r) => r.next()));
        expect(outcomes.filter((o) => o === 'won'), `round ${round}: ${outcomes.join(', ')}`).toHaveLength(1);
        expect(outcomes.filter((o) => o === 'lost LOCKED')).toHaveLength(3);
      }
    } finally {
      for (const racer of racers) racer.child.kill('SIGKILL');
    }
  }, 120_000);
});

/** Reads a child's stdout line by line. */
function lineReader(child: ChildProcess): { child: ChildProcess; next(): Promise<string> } {
  const seen: string[] = [];
  const waiters: Array<() => void> = [];
  let partial = '';
  let read = 0;
  const wake = () => {
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    seen.push(...parts);
    wake();
  });
  child.on('close', () => {
    seen.push('exited');
    wake();
  });
  return {
    child,
    async next() {
      while (seen.length <= read) await new Promise<void>((resolve) => waiters.push(resolve));
      return seen[read++]!;
    },
  };
}

describe('a failed append never costs a confirmed edit', () => {
  it('fsync fails and the truncate after it fails too: the next edit does not reuse the number, and survives a restart', async () => {
    const { path } = freshCase();
    const fs = new FaultyFileSystem();
    const store = await open(path, { fs });
    const journal = /\.journal$/;
    fs.inject({ op: 'sync', code: 'EIO', path: journal, times: 1 });
    fs.inject({ op: 'truncate', code: 'EIO', path: journal, times: 1 });
    await expectStoreError(putEvent(store, 'event--rejected', 'Reported as not saved'), 'IO');
    const seq = await putEvent(store, 'event--confirmed', 'Confirmed edit');
    expect(store.records.get('events', 'event--rejected')).toBeUndefined();
    // Crash: reopen from disk without closing.
    const after = await CaseStore.open(path, { dataKey: template.dataKey }, { readOnly: true });
    expect(after.records.get('events', 'event--confirmed')?.title).toBe('Confirmed edit');
    expect(after.records.get('events', 'event--rejected')).toBeUndefined();
    expect(after.sequence).toBe(seq);
    await after.close();
    await store.close();
  });

  it('a journal that holds one number twice, side by side (written by an older version), keeps the confirmed second copy and says so', async () => {
    const { path } = freshCase();
    const store = await open(path);
    const seq = store.sequence + 1;
    const records = store.records;
    const rejected = putEntry(records, seq, 'events', plainEvent('event--rejected', 'Reported as not saved'));
    const confirmed = putEntry(records, seq, 'events', plainEvent('event--confirmed', 'Confirmed edit'));
    const next = putEntry(records, seq + 1, 'events', plainEvent('event--next', 'The edit after it'));
    await store.write(store.document); // fold: what follows is the whole journal
    await store.close();
    // The journal as a version before format 2 left it.
    const prefix = journalPrefixV1(template.caseId);
    const seal = (entry: typeof rejected) => encodeRecordV1(template.dataKey, prefix, entry.seq, Buffer.from(JSON.stringify(entry)));
    writeFileSync(journalPathOf(path), Buffer.concat([prefix, seal(rejected), seal(confirmed), seal(next)]));

    const reopened = await open(path);
    expect(reopened.report.setAsideDuplicates).toEqual([seq]);
    expect(reopened.records.get('events', 'event--confirmed')?.title).toBe('Confirmed edit');
    expect(reopened.records.get('events', 'event--next')?.title).toBe('The edit after it');
    expect(reopened.records.get('events', 'event--rejected')).toBeUndefined();
    expect(reopened.sequence).toBe(seq + 1);
    await reopened.close();
    const again = await open(path);
    expect(again.report.setAsideDuplicates).toEqual([]);
    expect(again.records.get('events', 'event--confirmed')?.title).toBe('Confirmed edit');
    await again.close();
  });

  it('a number repeated out of order is reported as an altered journal, not skipped', async () => {
    const { path } = freshCase();
    const store = await open(path);
    const seq = store.sequence + 1;
    const a = putEntry(store.records, seq, 'events', plainEvent('event--a', 'A'));
    const b = putEntry(store.records, seq + 1, 'events', plainEvent('event--b', 'B'));
    await store.close();
    const prefix = journalPrefix(template.caseId);
    const frames = async (entry: typeof a) => {
      const out: Buffer[] = [];
      for await (const piece of entryFrames(template.dataKey, prefix, entry)) out.push(piece);
      return Buffer.concat(out);
    };
    writeFileSync(journalPathOf(path), Buffer.concat([readFileSync(journalPathOf(path)), await frames(a), await frames(b), await frames(a)]));
    const error = await expectStoreError(open(path), 'CORRUPT_STORE');
    expect(error.message).toMatch(/jumps from edit/);
  });
});
