import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { journalPrefix } from '../../src/main/store/journal';
import { MIN_SCRYPT_N } from '../../src/main/store/keys';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import type { CaseDocument } from '../../src/shared/domain/case';
import {
  expectStoreError,
  folderState,
  hashFile,
  newCase,
  PASSPHRASE,
  plainEvent,
  putEntry,
  putEvent,
  putRecord,
  removeTempDirs,
  smallCase,
  tempDir,
} from '../helpers/store';

afterAll(removeTempDirs);

const header = (path: string) => layoutOf(readFileSync(path), path).header;
const titles = (doc: CaseDocument) => new Map(doc.events.map((e) => [e.id, e.title]));

describe('store round trip', () => {
  it('replays committed edits on open after a close without a fold', async () => {
    const path = join(tempDir(), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase());
    expect(await putEvent(store, 'event--a', 'Kabul airport gate bombing')).toBe(1);
    expect(await putEvent(store, 'event--b', 'Kerman memorial bombing')).toBe(2);
    expect(await putEvent(store, 'event--a', 'Kabul airport Abbey Gate bombing')).toBe(3);
    await store.commit((records, seq) => ({
      seq,
      at: new Date().toISOString(),
      by: 'tester',
      summary: 'delete b',
      kind: 'edit',
      changes: [{ op: 'delete', collection: 'events', id: 'event--b', before: records.get('events', 'event--b')! }],
    }));
    await store.close();
    // Nothing was folded: the snapshot still holds the empty case at seq 0.
    expect(header(path).journalSeq).toBe(0);

    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.report).toEqual({ replayed: 4, discardedTornTail: false, migratedFrom: [], setAsideDuplicates: [] });
    expect(reopened.sequence).toBe(4);
    expect(titles(reopened.document)).toEqual(new Map([['event--a', 'Kabul airport Abbey Gate bombing']]));
    expect(reopened.document.history.map((h) => h.seq)).toEqual([1, 2, 3, 4]);
    expect(reopened.records.get('events', 'event--a')?.title).toBe('Kabul airport Abbey Gate bombing');
    expect(reopened.records.has('events', 'event--b')).toBe(false);
    // The next edit continues the sequence.
    expect(await putEvent(reopened, 'event--c', 'Crocus City Hall attack')).toBe(5);
    await reopened.close();
  });

  it('fold writes a new snapshot, keeps the previous one as the single .bak and empties the journal', async () => {
    const dir = tempDir();
    const path = join(dir, 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, smallCase(10, 3));
    const created = hashFile(path);
    for (let i = 0; i < 5; i++) await putEvent(store, `event--f${i}`, `Folded edit ${i}`);
    const journalBefore = statSync(journalPathOf(path)).size;
    expect(journalBefore).toBeGreaterThan(journalPrefix(store.document.id).length);

    await store.write(store.document);
    expect(hashFile(`${path}.bak`)).toBe(created); // the previous snapshot, byte for byte
    expect(header(path).journalSeq).toBe(5);
    expect(statSync(journalPathOf(path)).size).toBe(journalPrefix(store.document.id).length);
    expect(store.journalSize).toBe(journalPrefix(store.document.id).length);

    const firstFold = hashFile(path);
    await putEvent(store, 'event--g', 'After the first fold');
    await store.write(store.document);
    expect(hashFile(`${path}.bak`)).toBe(firstFold); // one generation: .bak moves on
    expect(header(path).journalSeq).toBe(6);
    expect(readdirSync(dir).sort()).toEqual(['case.cfcase', 'case.cfcase.bak', 'case.cfcase.journal', 'case.cfcase.lock']);
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);

    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.report.replayed).toBe(0);
    expect(reopened.sequence).toBe(6);
    expect(reopened.document.events).toHaveLength(16);
    expect(reopened.records.get('events', 'event--g')?.title).toBe('After the first fold');
    await reopened.close();

    // The .bak is a whole, openable store: the state as of the first fold.
    const restored = join(tempDir(), 'restored.cfcase');
    copyFileSync(`${path}.bak`, restored);
    const fromBak = await CaseStore.open(restored, { passphrase: PASSPHRASE }, { readOnly: true });
    expect(fromBak.sequence).toBe(5);
    expect(fromBak.records.has('events', 'event--g')).toBe(false);
    expect(fromBak.records.has('events', 'event--f4')).toBe(true);
    await fromBak.close();
  });

  it('skips journal records already folded (crash between snapshot rename and journal reset)', async () => {
    const path = join(tempDir(), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase());
    await putEvent(store, 'event--x', 'first title');
    await putEvent(store, 'event--x', 'second title');
    await putEvent(store, 'event--y', 'another');
    const oldJournal = readFileSync(journalPathOf(path));
    await store.write(store.document); // snapshot at seq 3, journal emptied
    await store.close();
    // The crash: the new snapshot is in place but the journal still holds seqs 1..3.
    writeFileSync(journalPathOf(path), oldJournal);

    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(reopened.report.replayed).toBe(0);
    expect(reopened.sequence).toBe(3);
    expect(reopened.document.history.map((h) => h.seq)).toEqual([1, 2, 3]);
    expect(reopened.records.get('events', 'event--x')?.title).toBe('second title');
    // New edits append after the stale records, and the next open replays only them.
    expect(await putEvent(reopened, 'event--x', 'third title')).toBe(4);
    await reopened.close();

    const again = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(again.report.replayed).toBe(1);
    expect(again.document.history.map((h) => h.seq)).toEqual([1, 2, 3, 4]);
    expect(again.records.get('events', 'event--x')?.title).toBe('third title');
    await again.close();
  });

  it('writes no plaintext of the case to disk: not the header, not the body, not the journal', async () => {
    const dir = tempDir();
    const path = join(dir, 'case.cfcase');
    const doc = newCase('Operation Zarghun Shahr Dossier');
    doc.events.push(plainEvent('event--plain', 'Zarghun Shahr tunnel ambush', { description: 'Witness Qudratullah Hamidi saw it' }));
    const store = await CaseStore.create(path, PASSPHRASE, doc);
    await putEvent(store, 'event--j', 'Spin Boldak checkpoint raid');
    await store.write(store.document);
    await putEvent(store, 'event--k', 'Torkham crossing shelling');
    await store.close();

    const secrets = ['Zarghun', 'Qudratullah', 'Spin Boldak', 'Torkham', PASSPHRASE, 'event--plain', 'TLP:AMBER'];
    for (const file of ['case.cfcase', 'case.cfcase.bak', 'case.cfcase.journal']) {
      const bytes = readFileSync(join(dir, file));
      for (const secret of secrets) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret} in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16) in ${file}`).toBe(false);
      }
    }
    // The header says only what is needed to unlock: format, ids, KDF, wrapped key, sequence.
    const h = header(path);
    expect(Object.keys(h).sort()).toEqual(['caseId', 'format', 'journalSeq', 'kdf', 'savedAt', 'schemaVersion', 'wrappedKey']);
  });

  it('derives the passphrase key with scrypt at N >= 2^17 and a 128-bit salt', async () => {
    const path = join(tempDir(), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase());
    await store.close();
    const { kdf, wrappedKey } = header(path);
    expect(kdf.id).toBe('scrypt');
    expect(kdf.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(MIN_SCRYPT_N).toBeGreaterThanOrEqual(2 ** 17);
    expect(kdf.r).toBeGreaterThanOrEqual(8);
    expect(kdf.p).toBeGreaterThanOrEqual(1);
    expect(kdf.salt).toMatch(/^[0-9a-f]{32,}$/);
    expect(wrappedKey.nonce).toMatch(/^[0-9a-f]{24}$/); // 96-bit GCM nonce
    expect(wrappedKey.data).toMatch(/^[0-9a-f]{96}$/); // 32-byte key + 16-byte tag
  });

  it('gives two stores of the same content different salts, data keys and ciphertexts', async () => {
    const dir = tempDir();
    const doc = smallCase(5, 2);
    const a = await CaseStore.create(join(dir, 'a.cfcase'), PASSPHRASE, structuredClone(doc));
    const b = await CaseStore.create(join(dir, 'b.cfcase'), PASSPHRASE, structuredClone(doc));
    expect(a.exportDataKey().equals(b.exportDataKey())).toBe(false);
    await a.close();
    await b.close();
    const ha = header(join(dir, 'a.cfcase'));
    const hb = header(join(dir, 'b.cfcase'));
    expect(ha.kdf.salt).not.toBe(hb.kdf.salt);
    expect(ha.wrappedKey.data).not.toBe(hb.wrappedKey.data);
    const bodyOf = (file: string) => {
      const bytes = readFileSync(join(dir, file));
      return bytes.subarray(12 + bytes.readUInt32BE(8));
    };
    const [bodyA, bodyB] = [bodyOf('a.cfcase'), bodyOf('b.cfcase')];
    expect(bodyA.length).toBe(bodyB.length);
    expect(bodyA.equals(bodyB)).toBe(false);
    // Each fold of the same store draws new segment nonces too: no 16-byte run of the old body is in the new one.
    const store = await CaseStore.open(join(dir, 'a.cfcase'), { passphrase: PASSPHRASE });
    await store.write(store.document);
    await store.close();
    const refolded = bodyOf('a.cfcase');
    for (let at = 0; at + 16 <= bodyA.length; at += 16) expect(refolded.includes(bodyA.subarray(at, at + 16))).toBe(false);
  });

  it('opens with the data key alone (the keychain path) and with lowdb on top', async () => {
    const path = join(tempDir(), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, smallCase(3, 1));
    const key = store.exportDataKey();
    await putEvent(store, 'event--k1', 'via key');
    await store.close();

    const byKey = await CaseStore.open(path, { dataKey: key });
    const db = new Low<CaseDocument>(byKey, byKey.document);
    await db.read();
    expect(db.data).toBe(byKey.document);
    expect(db.data.events.map((e) => e.id)).toContain('event--k1');
    await db.write(); // lowdb's save is a fold
    expect(header(path).journalSeq).toBe(1);
    await byKey.close();
  });

  it('a commit whose builder throws writes nothing and changes nothing', async () => {
    const dir = tempDir();
    const path = join(dir, 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase());
    await putEvent(store, 'event--1', 'one');
    const before = folderState(dir);
    await expect(
      store.commit(() => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    // An entry with the wrong seq is refused too.
    await expectStoreError(store.commit((records, seq) => putEntry(records, seq + 1, 'events', plainEvent('event--2', 'two'))), 'CONFLICT');
    expect(folderState(dir)).toEqual(before);
    expect(store.sequence).toBe(1);
    expect(store.document.history).toHaveLength(1);
    expect(await putRecord(store, 'events', plainEvent('event--2', 'two'))).toBe(2);
    await store.close();
    await expectStoreError(putEvent(store, 'event--3', 'after close'), 'NO_CASE_OPEN');
  });

  it('create refuses to overwrite an existing case or journal', async () => {
    const dir = tempDir();
    const path = join(dir, 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase());
    await putEvent(store, 'event--1', 'one');
    await store.close();
    const before = folderState(dir);
    await expectStoreError(CaseStore.create(path, PASSPHRASE, newCase()), 'ALREADY_EXISTS');
    expect(folderState(dir)).toEqual(before);

    const orphanJournal = join(dir, 'other.cfcase');
    writeFileSync(journalPathOf(orphanJournal), 'x');
    await expectStoreError(CaseStore.create(orphanJournal, PASSPHRASE, newCase()), 'ALREADY_EXISTS');
  });

  it('an open with the lock sweeps temp files a killed save left, and nothing else', async () => {
    const dir = tempDir();
    const path = join(dir, 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase());
    await store.close();
    const leftovers = ['.case.cfcase.0a1b2c3d4e5f.tmp', '.case.cfcase.journal.0a1b2c3d4e5f.tmp', 'case.cfcase.bak.0a1b2c3d4e5f.tmp'];
    const unrelated = ['notes.tmp', '.other.cfcase.0a1b2c3d4e5f.tmp', 'case.cfcase.notes'];
    for (const name of [...leftovers, ...unrelated]) writeFileSync(join(dir, name), 'x');
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE });
    await reopened.close();
    const names = readdirSync(dir);
    for (const name of leftovers) expect(names, name).not.toContain(name);
    for (const name of unrelated) expect(names, name).toContain(name);
  });

  it('a read-only open writes nothing: no journal repair, no lock', async () => {
    const dir = tempDir();
    const path = join(dir, 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase());
    await putEvent(store, 'event--1', 'one');
    await store.close();
    const journal = readFileSync(journalPathOf(path));
    writeFileSync(journalPathOf(path), journal.subarray(0, journal.length - 5)); // torn tail
    const before = folderState(dir);
    const reader = await CaseStore.open(path, { passphrase: PASSPHRASE }, { readOnly: true });
    expect(reader.report.discardedTornTail).toBe(true);
    expect(reader.document.events).toHaveLength(0);
    await reader.close();
    expect(folderState(dir)).toEqual(before);
  });
});
