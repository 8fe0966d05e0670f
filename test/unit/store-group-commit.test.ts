import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import type { AuditEntry } from '../../src/shared/domain/audit';
import { FaultyFileSystem } from '../helpers/faulty-fs';
import { expectStoreError, PASSPHRASE, plainEvent, putEntry, putEvent, removeTempDirs, smallCase, tempDir } from '../helpers/store';

/**
 * Group commit: edits that arrive while the journal's write and fsync are in flight are written
 * together next and acknowledged after that one fsync, never before it.
 */
afterAll(removeTempDirs);

const journalSyncs = (fs: FaultyFileSystem, path: string) => fs.calls.filter((c) => c.op === 'sync' && c.path === journalPathOf(path)).length;

async function freshStore(label: string): Promise<{ path: string; fs: FaultyFileSystem; store: CaseStore }> {
  const path = join(tempDir(label), 'case.cfcase');
  const fs = new FaultyFileSystem();
  const store = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2), { fs });
  return { path, fs, store };
}

describe('group commit', () => {
  it('many edits at once share fsyncs, and every acknowledged one is there after reopening, in order', async () => {
    const { path, fs, store } = await freshStore('group');
    const before = journalSyncs(fs, path);
    const N = 40;
    const acknowledged = await Promise.all(Array.from({ length: N }, (_, i) => putEvent(store, `event--g${i}`, `group edit ${i}`)));
    const syncs = journalSyncs(fs, path) - before;
    // Each edit keeps its place: seqs in the order the edits were asked for.
    expect(acknowledged).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(syncs).toBeGreaterThan(0);
    expect(syncs).toBeLessThan(N);
    await store.close();

    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.sequence).toBe(N);
    for (let i = 0; i < N; i++) expect(reopened.records.get('events', `event--g${i}`)?.title).toBe(`group edit ${i}`);
    expect(reopened.document.history.slice(-N).map((e) => e.seq)).toEqual(acknowledged);
    await reopened.close();
  });

  it('an edit in a batch is built on the edits before it in the same batch', async () => {
    const { path, store } = await freshStore('group-chain');
    const seen: Array<string | undefined> = [];
    const edits = ['one', 'two', 'three'].map((title) =>
      store.commit((records, seq) => {
        seen.push(records.get('events', 'event--chain')?.title);
        return putEntry(records, seq, 'events', plainEvent('event--chain', title));
      }),
    );
    const entries = await Promise.all(edits);
    expect(seen).toEqual([undefined, 'one', 'two']);
    // The journaled `before` of each is the one before it, so undo steps back one at a time.
    expect(entries.map((e) => (e.changes[0] as { before: { title: string } | null }).before?.title)).toEqual([undefined, 'one', 'two']);
    await store.close();
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.records.get('events', 'event--chain')?.title).toBe('three');
    await reopened.close();
  });

  it('a failed fsync fails every edit of its batch and leaves the case as it was', async () => {
    const { path, fs, store } = await freshStore('group-fail');
    await putEvent(store, 'event--kept', 'acknowledged before');
    const events = store.document.events.map((e) => ({ ...e }));
    const history = store.document.history.length;
    fs.inject({ op: 'sync', code: 'EIO', path: /\.journal$/, times: 1 });
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => putEvent(store, i === 0 ? 'event--kept' : `event--f${i}`, `never saved ${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 8 }, () => 'rejected'));
    for (const r of results) expect(r.status === 'rejected' && (r.reason as { name: string }).name).toBe('StoreError');
    // Nothing of the failed batch shows: records, history, sequence.
    expect(store.sequence).toBe(1);
    expect(store.document.history.length).toBe(history);
    expect(store.document.events.map((e) => ({ ...e })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(events.sort((a, b) => a.id.localeCompare(b.id)));
    expect(store.records.get('events', 'event--kept')?.title).toBe('acknowledged before');
    for (let i = 1; i < 8; i++) expect(store.records.has('events', `event--f${i}`)).toBe(false);

    // The store goes on: the next edit takes the next seq, and only it is there after reopening.
    expect(await putEvent(store, 'event--after', 'saved after the failure')).toBe(2);
    await store.close();
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.sequence).toBe(2);
    expect(reopened.records.get('events', 'event--kept')?.title).toBe('acknowledged before');
    expect(reopened.records.get('events', 'event--after')?.title).toBe('saved after the failure');
    for (let i = 1; i < 8; i++) expect(reopened.records.has('events', `event--f${i}`)).toBe(false);
    await reopened.close();
  });

  it('an edit that cannot be built fails alone; the rest of its batch is saved', async () => {
    const { path, store } = await freshStore('group-build');
    const bad = (): AuditEntry => {
      throw new Error('this edit is refused');
    };
    const results = await Promise.allSettled([putEvent(store, 'event--b1', 'first'), store.commit(bad), putEvent(store, 'event--b2', 'second'), store.commit((records, seq) => putEntry(records, seq + 5, 'events', plainEvent('event--b3', 'x')))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(results[0]?.status === 'fulfilled' && results[0].value).toBe(1);
    expect(results[2]?.status === 'fulfilled' && results[2].value).toBe(2);
    await expectStoreError(Promise.reject((results[3] as PromiseRejectedResult).reason), 'CONFLICT');
    await store.close();
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.sequence).toBe(2);
    expect(reopened.records.get('events', 'event--b2')?.title).toBe('second');
    await reopened.close();
  });

  it('on a busy host an edit is acknowledged after a few turns of the event loop: its write and its fsync, not lock-file reads in turn', async () => {
    // Every file operation an edit waits for in turn costs one trip through the event loop; on a
    // host serving many requests each trip waits behind them (the host soak's edit tail).
    const path = join(tempDir('group-busy'), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, smallCase(5, 2));
    await putEvent(store, 'event--warm', 'first edit');
    const turns: number[] = [];
    for (let i = 0; i < 5; i++) {
      let count = 0;
      let busy = true;
      // A busy loop: each turn does 2 ms of other work, so operations that finish land in separate turns.
      const spin = () => {
        if (!busy) return;
        count += 1;
        const until = performance.now() + 2;
        while (performance.now() < until);
        setImmediate(spin);
      };
      setImmediate(spin);
      await putEvent(store, `event--busy${i}`, `edit on a busy loop ${i}`);
      busy = false;
      turns.push(count);
    }
    await store.close();
    // The journal write, its fsync and one look at the lock file: never a dozen operations in turn.
    expect(Math.min(...turns)).toBeLessThanOrEqual(5);
  });

  it('a batch torn by a power cut (an earlier sector lost, later ones kept) opens without the batch', async () => {
    // The cache may write a batch's sectors back in any order: a later entry of the batch can
    // survive whole while an earlier one is lost. Neither was acknowledged; the case must open.
    const { path, store } = await freshStore('group-torn');
    await putEvent(store, 'event--durable', 'acknowledged alone');
    const durable = statSync(journalPathOf(path)).size;
    await Promise.all(Array.from({ length: 6 }, (_, i) => putEvent(store, `event--t${i}`, `torn batch ${i} `.repeat(300))));
    await store.close();
    zeroSector(journalPathOf(path), durable + 600);

    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.report.discardedTornTail).toBe(true);
    expect(reopened.sequence).toBe(1);
    expect(reopened.records.get('events', 'event--durable')?.title).toBe('acknowledged alone');
    for (let i = 0; i < 6; i++) expect(reopened.records.has('events', `event--t${i}`)).toBe(false);
    await reopened.close();
  });

  it('damage to an acknowledged batch followed by a later batch is still refused as altered', async () => {
    const { path, store } = await freshStore('group-damaged');
    await putEvent(store, 'event--first', 'alone');
    const start = statSync(journalPathOf(path)).size;
    await Promise.all(Array.from({ length: 3 }, (_, i) => putEvent(store, `event--a${i}`, `batch A ${i} `.repeat(300))));
    await Promise.all(Array.from({ length: 3 }, (_, i) => putEvent(store, `event--b${i}`, `batch B ${i} `.repeat(300))));
    expect(store.sequence).toBe(7);
    await store.close();
    zeroSector(journalPathOf(path), start + 600);
    await expectStoreError(CaseStore.open(path, { passphrase: PASSPHRASE }), 'CORRUPT_STORE');
  });
});

/** Zeros the 512-byte sector that holds byte `at` (as a lost, never written-back sector reads). */
function zeroSector(file: string, at: number): void {
  const bytes = readFileSync(file);
  const sector = Math.floor(at / 512) * 512;
  expect(sector + 512).toBeLessThan(bytes.length - 1024);
  bytes.fill(0, sector, sector + 512);
  writeFileSync(file, bytes);
}
