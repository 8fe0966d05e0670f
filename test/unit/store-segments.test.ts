import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateEvent } from '../../bench/generate';
import { CaseStore, journalPathOf, type OpenProgress, type StoreTuning } from '../../src/main/store/case-store';
import { journalPrefixV1, encodeRecordV1 } from '../../src/main/store/journal-v1';
import { encodeSnapshot, type KeyHeader } from '../../src/main/store/snapshot-format';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import type { AuditEntry, Change } from '../../src/shared/domain/audit';
import { expectStoreError, newCase, PASSPHRASE, plainEvent, putEntry, removeTempDirs, smallCase, tempDir } from '../helpers/store';

/**
 * The segmented snapshot and the journal in parts (issue #13, point 1): nothing on the way in or
 * out is a string or Buffer the size of the case. Small segment and part sizes make a case of a
 * few hundred records cross every boundary a real case of gigabytes crosses.
 */
afterAll(removeTempDirs);

const TINY: StoreTuning = { segmentBytes: 2_048, partBytes: 1_024 };

/** Segment frames after the header: their lengths. */
function segmentLengths(bytes: Buffer): number[] {
  const out: number[] = [];
  let offset = 12 + bytes.readUInt32BE(8);
  while (offset + 4 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    out.push(length);
    offset += 4 + length;
  }
  return out;
}

/** One audit entry that imports `events` (as an import's batch does). */
function importEntry(seq: number, events: ReturnType<typeof plainEvent>[]): AuditEntry {
  const changes = events.map((after) => ({ op: 'put', collection: 'events', id: after.id, before: null, after }) as Change);
  return { seq, at: new Date().toISOString(), by: 'tester', kind: 'import', summary: `Imported ${events.length} events`, changes };
}

describe('the segmented snapshot', () => {
  it('saves a case in bounded segments and reads it back exactly, big history entries split across segments', async () => {
    const path = join(tempDir('segments'), 'case.cfcase');
    const doc = smallCase(120, 30);
    const store = await CaseStore.create(path, PASSPHRASE, doc, { tuning: TINY });
    const imported = Array.from({ length: 300 }, (_, i) => plainEvent(`event--imported-${i}`, `Imported row ${i} ${'ـ'.repeat(i % 7)}`));
    await store.commit((_records, seq) => importEntry(seq, imported));
    await store.commit((records, seq) => putEntry(records, seq, 'events', { ...imported[5]!, title: 'Edited after the import' }));
    const expected = structuredClone(store.document);
    await store.write(store.document);
    await store.close();

    const bytes = readFileSync(path);
    expect(layoutOf(bytes, path).header.format).toBe(2);
    const lengths = segmentLengths(bytes);
    // Many segments, none much larger than the budget (one record may overrun it).
    expect(lengths.length).toBeGreaterThan(50);
    const largestRecord = Math.max(...expected.events.map((e) => Buffer.byteLength(JSON.stringify(e))), ...expected.actors.map((a) => Buffer.byteLength(JSON.stringify(a))));
    for (const length of lengths) expect(length).toBeLessThan(TINY.segmentBytes! * 3 + largestRecord + 64);

    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY });
    expect(reopened.document).toEqual(expected);
    await reopened.close();
  });

  it("links an import's history to the records the case holds: no second copy in memory", async () => {
    const path = join(tempDir('segments'), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase(), { tuning: TINY });
    const imported = Array.from({ length: 50 }, (_, i) => plainEvent(`event--i${i}`, `Row ${i}`));
    await store.commit((_records, seq) => importEntry(seq, imported));
    await store.commit((records, seq) => putEntry(records, seq, 'events', { ...imported[0]!, title: 'Edited' }));
    await store.write(store.document);
    await store.close();

    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY });
    const [importing, editing] = reopened.document.history;
    const after = (entry: AuditEntry | undefined, id: string) => (entry?.changes.find((c) => c.id === id) as { after?: unknown } | undefined)?.after;
    // Unchanged since the import: the very same object as the case's record.
    expect(after(importing, 'event--i7')).toBe(reopened.records.get('events', 'event--i7'));
    // Edited since: the import's version is its own (older) copy, the edit's is the current record.
    expect(after(importing, 'event--i0')).not.toBe(reopened.records.get('events', 'event--i0'));
    expect((after(importing, 'event--i0') as { title: string }).title).toBe('Row 0');
    expect(after(editing, 'event--i0')).toBe(reopened.records.get('events', 'event--i0'));
    await reopened.close();
  });

  it('journals a large entry in parts and replays it; a crash that cut its last part leaves it out', async () => {
    const path = join(tempDir('segments'), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, newCase(), { tuning: TINY });
    await store.commit((records, seq) => putEntry(records, seq, 'events', plainEvent('event--before', 'Before the import')));
    const imported = Array.from({ length: 80 }, (_, i) => plainEvent(`event--p${i}`, `Part row ${i}`));
    await store.commit((_records, seq) => importEntry(seq, imported));
    await store.close();
    const journal = readFileSync(journalPathOf(path));

    const replayed = await CaseStore.open(path, { passphrase: PASSPHRASE }, { readOnly: true });
    expect(replayed.report.replayed).toBe(2);
    expect(replayed.document.events).toHaveLength(81);
    await replayed.close();

    // Cut inside the import's last part: the import was never acknowledged, the edit before it was.
    writeFileSync(journalPathOf(path), journal.subarray(0, journal.length - 10));
    const torn = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(torn.report.discardedTornTail).toBe(true);
    expect(torn.document.events.map((e) => e.id)).toEqual(['event--before']);
    await torn.close();
  });

  it('reports progress while opening, in phases, up to the whole file', async () => {
    const path = join(tempDir('segments'), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, smallCase(200, 20), { tuning: TINY });
    await store.close();
    const seen: OpenProgress[] = [];
    const reopened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY, onProgress: (p) => seen.push(p) });
    await reopened.close();
    expect(seen[0]?.phase).toBe('unlocking');
    const reading = seen.filter((p) => p.phase === 'reading');
    expect(reading.length).toBeGreaterThan(10);
    expect(reading.at(-1)).toMatchObject({ done: reading.at(-1)!.total });
    expect(reading.every((p, i) => i === 0 || p.done >= reading[i - 1]!.done)).toBe(true);
  });

  it('a case too large for the memory this process may use says so, with the size it needs', async () => {
    const path = join(tempDir('segments'), 'case.cfcase');
    const store = await CaseStore.create(path, PASSPHRASE, smallCase(200, 20));
    await store.close();
    const error = await expectStoreError(CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: { heapLimitBytes: process.memoryUsage().heapUsed + 10_000 } }), 'UNAVAILABLE');
    expect(error.message).toMatch(/too large for the memory this app may use: opening it needs about \d+ MB/);
    expect(error.message).toMatch(/Nothing was changed/);
  });
});

describe('cases saved before segmented snapshots', () => {
  /** A format-1 case file (one ciphertext over the whole JSON), with a format-1 journal, as earlier versions wrote. */
  async function formatOneCase(events: number): Promise<{ path: string; expectedTitles: string[] }> {
    const dir = tempDir('format1');
    const path = join(dir, 'case.cfcase');
    // Borrow key material from a store made now, then replace its files with format-1 ones.
    const made = await CaseStore.create(path, PASSPHRASE, newCase());
    const dataKey = made.exportDataKey();
    const h = layoutOf(readFileSync(path), path).header;
    await made.close();
    const key: KeyHeader = { caseId: h.caseId, kdf: h.kdf, wrappedKey: h.wrappedKey };
    const doc = { ...newCase(), id: h.caseId };
    doc.events = Array.from({ length: events }, (_, i) => generateEvent(i, [], []));
    writeFileSync(path, encodeSnapshot(dataKey, key, { journalSeq: 0, schemaVersion: doc.schemaVersion }, Buffer.from(JSON.stringify(doc))));
    const prefix = journalPrefixV1(h.caseId);
    const edit = { seq: 1, at: '2026-01-01T00:00:00.000Z', by: 'old version', kind: 'edit', summary: 'edit', changes: [{ op: 'put', collection: 'events', id: 'event--journaled', before: null, after: plainEvent('event--journaled', 'Journaled by the old version') }] };
    writeFileSync(journalPathOf(path), Buffer.concat([prefix, encodeRecordV1(dataKey, prefix, 1, Buffer.from(JSON.stringify(edit)))]));
    return { path, expectedTitles: [...doc.events.map((e) => e.title), 'Journaled by the old version'].sort() };
  }

  it('opens one whose body is read as a stream (past the whole-body limit), converts it, and keeps the original as the .bak', async () => {
    const { path, expectedTitles } = await formatOneCase(400);
    const original = readFileSync(path);
    const store = await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: { legacyWholeBodyLimit: 4_096 } });
    expect(store.report.upgradedFormat).toBe(true);
    expect(store.document.events.map((e) => e.title).sort()).toEqual(expectedTitles);
    await store.close();
    expect(layoutOf(readFileSync(path), path).header.format).toBe(2);
    expect(readFileSync(`${path}.bak`).equals(original)).toBe(true);
    const again = await CaseStore.open(path, { passphrase: PASSPHRASE });
    expect(again.report.upgradedFormat).toBeUndefined();
    expect(again.document.events.map((e) => e.title).sort()).toEqual(expectedTitles);
    await again.close();
  });

  it('a streamed format-1 body that was altered is refused, and nothing is converted', async () => {
    const { path } = await formatOneCase(400);
    const bytes = readFileSync(path);
    bytes[bytes.length - 5_000] = bytes[bytes.length - 5_000]! ^ 0x01;
    writeFileSync(path, bytes);
    await expectStoreError(CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: { legacyWholeBodyLimit: 4_096 } }), 'CORRUPT_STORE');
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
