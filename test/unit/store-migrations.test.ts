import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/main/store/case-store';
import { type KeyHeader } from '../../src/main/store/snapshot-format';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import { CaseDocument, CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';
import { migrateToCurrent } from '../../src/shared/domain/migrations';
import { encodeSnapshot } from '../../src/main/store/snapshot-format';
import { V1_DOC, V1_FILE, V1_PASSPHRASE } from '../fixtures/stores/make-v1';
import { expectStoreError, hashFile, plainEvent, putRecord, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

/** A private copy of the committed v1 fixture (opening writes a journal and a lock beside it). */
function copyOfFixture(): string {
  const path = join(tempDir('v1'), 'v1-case.cfcase');
  copyFileSync(V1_FILE, path);
  return path;
}

const header = (path: string) => layoutOf(readFileSync(path), path).header;

describe('the committed v1 fixture', () => {
  it('is a schema-1 store as the prototype wrote it', () => {
    const h = header(V1_FILE);
    expect(h.schemaVersion).toBe(1);
    expect(h.format).toBe(1);
    expect(h.journalSeq).toBe(0);
    expect(h.caseId).toBe(V1_DOC.id);
  });

  it('opens, migrated: counts become {min,max}, history starts empty; the file is converted and the original kept as the .bak', async () => {
    const path = copyOfFixture();
    const before = hashFile(path);
    const store = await CaseStore.open(path, { passphrase: V1_PASSPHRASE });
    expect(store.report).toEqual({ replayed: 0, discardedTornTail: false, migratedFrom: [1, 2, 3, 4, 5, 6, 7], setAsideDuplicates: [], upgradedFormat: true, foldedOnOpen: true });
    const doc = store.document;
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(doc.history).toEqual([]);
    expect(store.records.get('events', 'event--v1-airport')?.fatalities).toEqual({ min: 183, max: 183 });
    expect(store.records.get('events', 'event--v1-airport')?.injured).toEqual({ min: 200, max: 200 });
    expect(store.records.get('events', 'event--v1-zero')?.fatalities).toEqual({ min: 0, max: 0 });
    expect(store.records.get('events', 'event--v1-zero')?.injured).toBeUndefined();
    expect(store.records.get('events', 'event--v1-unknown')?.fatalities).toBeUndefined();
    // Nothing else was lost on the way.
    expect(store.records.get('events', 'event--v1-airport')?.responsibility[0]?.by).toBe('Amaq News Agency');
    expect(store.records.get('actors', 'actor--v1-iskp')?.aliases[0]?.name).toBe('ولایت خراسان');
    expect(store.document.sources).toHaveLength(1);
    expect(CaseDocument.safeParse(doc).success).toBe(true);
    await store.close();
    // Opening converted the file to the segmented format; the original is the .bak, byte for byte.
    expect(header(path).format).toBe(2);
    expect(header(path).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(hashFile(`${path}.bak`)).toBe(before);
    // A read-only open (casefile dump) converts nothing.
    const untouched = copyOfFixture();
    const reader = await CaseStore.open(untouched, { passphrase: V1_PASSPHRASE }, { readOnly: true });
    expect(reader.records.get('events', 'event--v1-airport')?.fatalities).toEqual({ min: 183, max: 183 });
    await reader.close();
    expect(hashFile(untouched)).toBe(before);
  });

  it('edits on a migrated case are journaled and replayed over the migration', async () => {
    const path = copyOfFixture();
    const store = await CaseStore.open(path, { passphrase: V1_PASSPHRASE });
    expect(await putRecord(store, 'events', plainEvent('event--new', 'Added after the upgrade', { fatalities: { min: 3, max: 5 } }))).toBe(1);
    await store.close();
    expect(header(path).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);

    const again = await CaseStore.open(path, { passphrase: V1_PASSPHRASE });
    expect(again.report.migratedFrom).toEqual([]);
    expect(again.report.replayed).toBe(1);
    expect(again.records.get('events', 'event--new')?.fatalities).toEqual({ min: 3, max: 5 });
    expect(again.records.get('events', 'event--v1-airport')?.fatalities).toEqual({ min: 183, max: 183 });
    await again.close();
  });

  it('a later fold saves it again; it then opens without migrating', async () => {
    const path = copyOfFixture();
    const store = await CaseStore.open(path, { passphrase: V1_PASSPHRASE });
    await putRecord(store, 'events', plainEvent('event--new', 'Added after the upgrade'));
    const migrated = structuredClone(store.document);
    await store.write(store.document);
    await store.close();

    expect(header(path).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(header(path).journalSeq).toBe(1);
    // The .bak is now the converted file of the open (one generation), which opens without migrating.
    const bak = await CaseStore.open(`${path}.bak`, { passphrase: V1_PASSPHRASE }, { readOnly: true });
    expect(bak.report.migratedFrom).toEqual([]);
    expect(bak.sequence).toBe(0);
    await bak.close();

    const v2 = await CaseStore.open(path, { passphrase: V1_PASSPHRASE });
    expect(v2.report).toEqual({ replayed: 0, discardedTornTail: false, migratedFrom: [], setAsideDuplicates: [] });
    expect(v2.document).toEqual(migrated);
    await v2.close();
  });
});

/** A store holding a body of our choosing, written as the given schema version (the fixture's key material). */
async function storeWith(body: Buffer | object, schemaVersion: number): Promise<{ path: string; dir: string }> {
  const dir = tempDir('bad-migration');
  const path = join(dir, 'case.cfcase');
  copyFileSync(V1_FILE, path);
  const opened = await CaseStore.open(path, { passphrase: V1_PASSPHRASE }, { readOnly: true });
  const dataKey = opened.exportDataKey();
  const h = header(path);
  const key: KeyHeader = { caseId: h.caseId, kdf: h.kdf, wrappedKey: h.wrappedKey };
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  writeFileSync(path, encodeSnapshot(dataKey, key, { journalSeq: 0, schemaVersion }, bytes));
  return { path, dir };
}

describe('schema 4 → 5 (ACH matrices)', () => {
  it('a schema-4 case opens with empty matrix lists and everything else as it was', async () => {
    const v4 = migrateToCurrent(structuredClone(V1_DOC) as unknown as Record<string, unknown>);
    if (!v4.ok) throw new Error('fixture does not migrate');
    const { matrices: _m, matrixRows: _r, ...rest } = v4.doc;
    const { path } = await storeWith({ ...rest, schemaVersion: 4 }, 4);
    const store = await CaseStore.open(path, { passphrase: V1_PASSPHRASE });
    expect(store.report.migratedFrom).toEqual([4, 5, 6, 7]);
    expect(store.document.matrices).toEqual([]);
    expect(store.document.matrixRows).toEqual([]);
    expect(store.document.events).toEqual(v4.doc['events']);
    expect(CaseDocument.safeParse(store.document).success).toBe(true);
    await store.close();
  });

  it('the migration only adds the two lists', () => {
    const outcome = migrateToCurrent({ schemaVersion: 4, name: 'x', events: [{ id: 'a' }], history: [{ seq: 1 }] });
    expect(outcome).toEqual({ ok: true, from: 4, applied: [4, 5, 6, 7], changed: ['matrices', 'matrixRows', 'reports', 'sources'], doc: { schemaVersion: 8, name: 'x', events: [{ id: 'a' }], history: [{ seq: 1 }], matrices: [], matrixRows: [], reports: [] } });
  });
});

describe('schema 5 → 6 (ACLED fields, issue 18)', () => {
  it('changes nothing but the version: events imported before keep what they hold', () => {
    const event = { id: 'event--acled-SOM1', category: 'statement', tags: ['acled', 'Protests'], location: { country: 'SO', geoPrecision: 'exact' } };
    const outcome = migrateToCurrent({ schemaVersion: 5, name: 'x', events: [event], history: [{ seq: 1 }] });
    expect(outcome).toEqual({ ok: true, from: 5, applied: [5, 6, 7], changed: ['reports', 'sources'], doc: { schemaVersion: 8, name: 'x', events: [event], history: [{ seq: 1 }], reports: [] } });
  });
});

describe('schema 6 → 7 (written reports, issue 14)', () => {
  it('a schema-6 case opens with an empty list of written reports and everything else as it was', async () => {
    const v6 = migrateToCurrent(structuredClone(V1_DOC) as unknown as Record<string, unknown>);
    if (!v6.ok) throw new Error('fixture does not migrate');
    const { reports: _reports, ...rest } = v6.doc;
    const { path } = await storeWith({ ...rest, schemaVersion: 6 }, 6);
    const store = await CaseStore.open(path, { passphrase: V1_PASSPHRASE });
    expect(store.report.migratedFrom).toEqual([6, 7]);
    expect(store.document.reports).toEqual([]);
    expect(store.document.events).toEqual(v6.doc['events']);
    expect(CaseDocument.safeParse(store.document).success).toBe(true);
    await store.close();
  });

  it('keeps reports a document already holds and only sets the version', () => {
    const outcome = migrateToCurrent({ schemaVersion: 6, name: 'x', reports: [{ id: 'report--a' }], history: [] });
    expect(outcome).toEqual({ ok: true, from: 6, applied: [6, 7], changed: ['reports', 'sources'], doc: { schemaVersion: 8, name: 'x', reports: [{ id: 'report--a' }], history: [] } });
  });
});

describe('schema 7 → 8 (source citation fields, issue 14)', () => {
  const source = (extra: Record<string, unknown>) => ({ id: 'source--a', title: 'A report', authors: [], kind: 'news-report', language: 'en', reliability: 'C', marking: 'TLP:CLEAR', ...extra });
  const migrated = (sources: unknown[]) => {
    const outcome = migrateToCurrent({ schemaVersion: 7, name: 'x', sources, history: [{ seq: 1 }] });
    if (!outcome.ok) throw new Error('did not migrate');
    return outcome;
  };

  it('moves the newspaper or journal a news report or article named as publisher to outlet', () => {
    const outcome = migrated([source({ publisher: 'Daily Example' }), source({ id: 'source--b', kind: 'journal-article', publisher: 'Journal of Examples' })]);
    expect(outcome.applied).toEqual([7]);
    expect(outcome.doc['schemaVersion']).toBe(8);
    expect(outcome.doc['sources']).toEqual([source({ outlet: 'Daily Example' }), source({ id: 'source--b', kind: 'journal-article', outlet: 'Journal of Examples' })]);
    expect(outcome.doc['history']).toEqual([{ seq: 1 }]);
  });

  it('keeps publisher where it names who issued the work, or where an outlet is already set', () => {
    const kept = [
      source({ kind: 'dataset', publisher: 'Example Data Project' }),
      source({ id: 'source--b', kind: 'official-statement', publisher: 'Ministry of Examples' }),
      source({ id: 'source--c', publisher: 'Example Press', outlet: 'Daily Example' }),
      source({ id: 'source--d', publisher: '  ' }),
    ];
    expect(migrated(structuredClone(kept)).doc['sources']).toEqual(kept);
  });

  it('tidies author names: spaces, commas, empty entries and repeats', () => {
    const outcome = migrated([source({ authors: ['  Karimi ,Laila ', 'Karimi, Laila', '', ' ', 'Example   Research  Centre', 'Noor,', 'Ahmadi, Omar'] })]);
    expect((outcome.doc['sources'] as Array<{ authors: string[] }>)[0]!.authors).toEqual(['Karimi, Laila', 'Example Research Centre', 'Noor', 'Ahmadi, Omar']);
  });

  it('a schema-7 case opens with its news sources’ outlets moved and validates', async () => {
    const v7 = migrateToCurrent(structuredClone(V1_DOC) as unknown as Record<string, unknown>);
    if (!v7.ok) throw new Error('fixture does not migrate');
    const sources = (v7.doc['sources'] as Array<Record<string, unknown>>).map((s) => ({ ...s, kind: 'news-report', publisher: 'Daily Example', authors: ['Karimi ,Laila'] }));
    const { path } = await storeWith({ ...v7.doc, sources, schemaVersion: 7 }, 7);
    const store = await CaseStore.open(path, { passphrase: V1_PASSPHRASE });
    expect(store.report.migratedFrom).toEqual([7]);
    expect(store.document.sources[0]).toMatchObject({ outlet: 'Daily Example', authors: ['Karimi, Laila'] });
    expect(store.document.sources[0]!.publisher).toBeUndefined();
    expect(store.document.events).toEqual(v7.doc['events']);
    expect(CaseDocument.safeParse(store.document).success).toBe(true);
    await store.close();
  });
});

describe('stores that cannot be migrated', () => {
  it('a v1 case whose content does not fit the current schema → CORRUPT_STORE, file untouched', async () => {
    const bad = structuredClone(V1_DOC) as { events: Array<Record<string, unknown>> };
    (bad.events[0] as { location: { country: string } }).location.country = 'Afghanistan';
    const { path } = await storeWith(bad, 1);
    const before = hashFile(path);
    const error = await expectStoreError(CaseStore.open(path, { passphrase: V1_PASSPHRASE }), 'CORRUPT_STORE');
    expect(error.message).toMatch(/could not be migrated/);
    expect(error.message).toMatch(/Nothing was changed/);
    expect(hashFile(path)).toBe(before);
  });

  it('a v1 case with a negative bare count is refused rather than turned into a bad {min,max}', async () => {
    const bad = structuredClone(V1_DOC) as { events: Array<Record<string, unknown>> };
    (bad.events[0] as { fatalities: number }).fatalities = -4;
    const { path } = await storeWith(bad, 1);
    await expectStoreError(CaseStore.open(path, { passphrase: V1_PASSPHRASE }), 'CORRUPT_STORE');
  });

  it('a schema version from the future → UNSUPPORTED_VERSION', async () => {
    const { path } = await storeWith({ ...V1_DOC, schemaVersion: CURRENT_SCHEMA_VERSION + 1 }, CURRENT_SCHEMA_VERSION + 1);
    const error = await expectStoreError(CaseStore.open(path, { passphrase: V1_PASSPHRASE }), 'UNSUPPORTED_VERSION');
    expect(error.message).toMatch(/Update Casefile Workbench/);
  });

  it('an authentic body that is not JSON → CORRUPT_STORE', async () => {
    const { path } = await storeWith(Buffer.from('not json at all'), 1);
    await expectStoreError(CaseStore.open(path, { passphrase: V1_PASSPHRASE }), 'CORRUPT_STORE');
  });
});

describe('migrateToCurrent', () => {
  it('refuses versions it does not know, saying which it found', () => {
    for (const version of [0, -1, 1.5, '1', null, undefined, CURRENT_SCHEMA_VERSION + 1, 99]) {
      const outcome = migrateToCurrent({ schemaVersion: version });
      expect(outcome, String(version)).toEqual({ ok: false, found: version });
    }
    expect(migrateToCurrent({})).toEqual({ ok: false, found: undefined });
  });

  it('leaves a current document alone', () => {
    const doc = { schemaVersion: CURRENT_SCHEMA_VERSION, events: [{ fatalities: 3 }] };
    expect(migrateToCurrent(doc)).toEqual({ ok: true, doc, from: CURRENT_SCHEMA_VERSION, applied: [], changed: [] });
  });

  it('lifts v1 to v2: bare counts become ranges, other counts and fields stay, history appears', () => {
    const v1 = {
      schemaVersion: 1,
      name: 'x',
      events: [{ id: 'a', fatalities: 4, injured: 0 }, { id: 'b', fatalities: { min: 1, max: 2 } }, { id: 'c' }],
      history: undefined,
    };
    const frozen = structuredClone(v1);
    const outcome = migrateToCurrent(v1);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.from).toBe(1);
    expect(outcome.applied).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(outcome.doc).toEqual({
      schemaVersion: CURRENT_SCHEMA_VERSION,
      name: 'x',
      events: [{ id: 'a', fatalities: { min: 4, max: 4 }, injured: { min: 0, max: 0 } }, { id: 'b', fatalities: { min: 1, max: 2 } }, { id: 'c' }],
      history: [],
      views: [],
      attachments: [],
      matrices: [],
      matrixRows: [],
      reports: [],
    });
    // Pure: the input is not modified.
    expect(v1).toEqual(frozen);
  });

  it('keeps an existing history and copes with a missing events list', () => {
    const outcome = migrateToCurrent({ schemaVersion: 1, history: [{ seq: 1 }] });
    expect(outcome).toMatchObject({ ok: true, doc: { schemaVersion: CURRENT_SCHEMA_VERSION, events: [], history: [{ seq: 1 }] } });
  });
});
