import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { ImportService } from '../../src/main/services/import/import-service';
import { MappingStore } from '../../src/main/services/import/mapping-store';
import type { ImportProgress } from '../../src/shared/ipc/channels/import';
import type { Result } from '../../src/shared/ipc/result';
import { fixture } from '../fixtures/import/helpers';
import { folderState, newCase, PASSPHRASE, plainEvent, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function setup() {
  const dir = tempDir('import');
  const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
  value(await cases.create(join(dir, 'case.cfcase'), PASSPHRASE, newCase('Import case')));
  const progress: ImportProgress[] = [];
  const imports = new ImportService(cases, { uploadDir: join(dir, 'uploads'), onProgress: (p) => progress.push(p) });
  return { dir, cases, imports, progress };
}

describe('ImportService', () => {
  it('previews, then commits all rows as one undoable step', async () => {
    const { cases, imports } = await setup();
    const file = value(await imports.register(fixture('acled-current.csv')));
    const preview = value(await imports.preview(file.fileId, undefined, undefined));
    expect(preview.counts).toMatchObject({ add: 4, update: 0, invalid: 0 });
    expect(cases.document?.events).toHaveLength(0); // a preview writes nothing
    const committed = value(await imports.commit(preview.previewId, false));
    expect(committed.summary).toBe('Imported acled-current.csv: 4 added, 0 updated, 0 skipped; new records marked TLP:CLEAR');
    expect(cases.document?.events).toHaveLength(4);
    expect(cases.document?.history.at(-1)?.kind).toBe('import');
    value(await cases.undo());
    expect(cases.document?.events).toHaveLength(0);
    expect(cases.document?.actors).toHaveLength(0);
    expect(cases.document?.sources).toHaveLength(0);
    await cases.close();
  });

  it('removes the events ACLED no longer lists only when asked', async () => {
    const { cases, imports } = await setup();
    const first = value(await imports.register(fixture('acled-current.csv')));
    value(await imports.commit(value(await imports.preview(first.fileId, 'acled', undefined)).previewId, false));
    const newer = value(await imports.register(fixture('acled-current-newer.csv')));
    const preview = value(await imports.preview(newer.fileId, 'acled', undefined));
    expect(preview.missing.map((m) => m.id)).toEqual(['event--acled-AFG1003']);
    value(await imports.commit(preview.previewId, true));
    const ids = cases.document?.events.map((e) => e.id).sort();
    expect(ids).toEqual(['event--acled-AFG1001', 'event--acled-AFG1002', 'event--acled-AFG1004', 'event--acled-PAK2001']);
    expect(cases.document?.events.find((e) => e.id === 'event--acled-AFG1001')?.fatalities).toEqual({ min: 23, max: 23 });
    await cases.close();
  });

  it('leaves the case untouched when the file is bad, and refuses a stale preview', async () => {
    const { dir, cases, imports } = await setup();
    value(await cases.fold());
    const before = folderState(dir);
    const bad = value(await imports.register(fixture('bad-malformed.csv')));
    const failed = await imports.preview(bad.fileId, undefined, undefined);
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error.code).toBe('VALIDATION');
    expect(!failed.ok && failed.error.message).toMatch(/bad-malformed\.csv, line 3, column 3/);
    const stale = await imports.commit('not-a-preview', false);
    expect(!stale.ok && stale.error.code).toBe('CONFLICT');
    expect(cases.document?.history).toHaveLength(0);
    expect(folderState(dir)).toEqual(before);
    await cases.close();
  });

  it('cancels a running import and keeps nothing of it', async () => {
    const { dir, cases, imports, progress } = await setup();
    const big = join(dir, 'big.csv');
    const [header, row] = readFileSync(fixture('acled-current.csv'), 'utf8').split('\n') as [string, string];
    const rows = Array.from({ length: 40_000 }, (_, i) => row.replace('AFG1001', `AFG${100_000 + i}`));
    writeFileSync(big, `${header}\n${rows.join('\n')}\n`);
    const file = value(await imports.register(big));
    const running = imports.preview(file.fileId, undefined, undefined);
    await new Promise((r) => setTimeout(r, 30));
    imports.cancel();
    const result = await running;
    expect(!result.ok && result.error.code).toBe('CANCELLED');
    expect(cases.document?.events).toHaveLength(0);
    expect(progress.at(-1)?.phase).toBe('done');
    await cases.close();
  });

  it('takes an uploaded file in chunks and imports a STIX bundle, reporting what it set aside', async () => {
    const { cases, imports } = await setup();
    const bytes = readFileSync(fixture('stix-bundle.json'));
    const { uploadId } = value(await imports.beginUpload('bundle.json', bytes.length));
    value(await imports.uploadChunk(uploadId, 0, bytes.subarray(0, 100).toString('base64')));
    const wrongOffset = await imports.uploadChunk(uploadId, 50, bytes.subarray(100).toString('base64'));
    expect(wrongOffset.ok).toBe(false);
    value(await imports.uploadChunk(uploadId, 100, bytes.subarray(100).toString('base64')));
    const file = value(await imports.endUpload(uploadId));
    expect(value(await imports.inspect(file.fileId)).format).toBe('stix');
    const preview = value(await imports.preview(file.fileId, undefined, undefined));
    expect(preview.format).toBe('stix');
    expect(preview.counts.add).toBe(1);
    expect(preview.notes.join('\n')).toContain('x-acme-widget');
    value(await imports.commit(preview.previewId, false));
    expect(cases.document?.actors.map((a) => a.name)).toEqual(['Example Group']);
    await cases.close();
  });

  it('inspects a generic file: header, first rows and guessed mapping', async () => {
    const { cases, imports } = await setup();
    const file = value(await imports.register(fixture('generic.csv')));
    const inspection = value(await imports.inspect(file.fileId));
    expect(inspection).toMatchObject({ format: 'csv', delimiter: ';', encoding: 'utf-8' });
    expect(inspection.headers).toEqual(['Incident date', 'Group', 'Killed', 'Town', 'Nation', 'What happened', 'Ref']);
    expect(inspection.rows[0]).toEqual(['03/04/2023', 'ISKP', '5', 'Kabul', 'Afghanistan', 'Attack on a ministry', 'R-1']);
    expect(inspection.guess.columns).toMatchObject({ actor: 'Group', fatalities: 'Killed', place: 'Town' });
    await cases.close();
  });
});

describe('a preview belongs to the case it was made in', () => {
  /** Case B at the same history position as A, holding an analyst's edit of an event the file also lists. */
  async function caseWithAnalystEdit(cases: CaseService, dir: string): Promise<string> {
    const path = join(dir, 'b.cfcase');
    value(await cases.create(path, PASSPHRASE, newCase('Case B')));
    value(await cases.put({ collection: 'events', record: plainEvent('event--acled-AFG1001', 'Kabul bombing (analyst’s corrected account)', { location: { country: 'AF', admin1: 'Kabul', place: 'Kabul', geoPrecision: 'exact' } }) }));
    return path;
  }

  it('refuses to commit a preview made in case A after switching to case B at the same history position', async () => {
    const { dir, cases, imports } = await setup();
    value(await cases.put({ collection: 'events', record: plainEvent('event--a-only', 'An event of case A') }));
    const file = value(await imports.register(fixture('acled-current.csv')));
    const preview = value(await imports.preview(file.fileId, undefined, undefined));
    expect(preview.counts.add).toBe(4);
    await caseWithAnalystEdit(cases, dir);
    const before = structuredClone(cases.document?.events);
    expect(cases.document?.history.at(-1)?.seq).toBe(1); // the same seq as A's when it was previewed
    const committed = await imports.commit(preview.previewId, false);
    expect(committed.ok).toBe(false);
    expect(!committed.ok && committed.error.code).toBe('CONFLICT');
    expect(!committed.ok && committed.error.message).toMatch(/closed or switched.*Preview the file again/);
    expect(cases.document?.events).toEqual(before);
    expect(cases.document?.history).toHaveLength(1);
    await cases.close();
  });

  it('refuses a preview once its case was closed and opened again, or a copy of it (same case id) was opened', async () => {
    const { dir, cases, imports } = await setup();
    const path = cases.path!;
    const file = value(await imports.register(fixture('acled-current.csv')));
    const first = value(await imports.preview(file.fileId, undefined, undefined));
    value(await cases.close());
    value(await cases.open(path, { passphrase: PASSPHRASE }));
    const reopened = await imports.commit(first.previewId, false);
    expect(!reopened.ok && reopened.error.code).toBe('CONFLICT');

    const second = value(await imports.preview(file.fileId, undefined, undefined));
    value(await cases.close());
    const copy = join(dir, 'copy.cfcase');
    copyFileSync(path, copy);
    value(await cases.open(copy, { passphrase: PASSPHRASE }));
    expect(cases.document?.id).toBe(value(await cases.open(path, { passphrase: PASSPHRASE })).id);
    value(await cases.open(copy, { passphrase: PASSPHRASE }));
    const copied = await imports.commit(second.previewId, false);
    expect(!copied.ok && copied.error.code).toBe('CONFLICT');
    expect(cases.document?.events).toHaveLength(0);

    // A fresh preview in the case now open commits as usual.
    const fresh = value(await imports.preview(file.fileId, undefined, undefined));
    value(await imports.commit(fresh.previewId, false));
    expect(cases.document?.events).toHaveLength(4);
    await cases.close();
  });

  it('does not let a preview that was running while the case switched be committed into the new case', async () => {
    const { dir, cases, imports } = await setup();
    const big = join(dir, 'big.csv');
    const [header, row] = readFileSync(fixture('acled-current.csv'), 'utf8').split('\n') as [string, string];
    writeFileSync(big, `${header}\n${Array.from({ length: 5_000 }, (_, i) => row.replace('AFG1001', `AFG${100_000 + i}`)).join('\n')}\n`);
    const file = value(await imports.register(big));
    const running = imports.preview(file.fileId, undefined, undefined);
    const other = newCase('Case B');
    const switched = cases.create(join(dir, 'b.cfcase'), PASSPHRASE, other);
    const [previewed] = await Promise.all([running, switched]);
    expect(cases.document?.id).toBe(other.id);
    if (previewed.ok) {
      const committed = await imports.commit(previewed.value.previewId, false);
      expect(!committed.ok && committed.error.code).toBe('CONFLICT');
    } else {
      expect(previewed.error.message).toMatch(/closed or switched.*Preview the file again/);
    }
    expect(cases.document?.events).toHaveLength(0);
    expect(cases.document?.history).toHaveLength(0);
    await cases.close();
  });
});

describe('saved mappings', () => {
  it('keeps mappings by name, replacing one saved again under the same name', async () => {
    const store = new MappingStore(join(tempDir('mappings'), 'import-mappings.json'));
    expect(await store.list()).toEqual([]);
    const mapping = { name: 'Sheet', columns: { date: 'Date' }, dateFormat: 'auto' as const, defaultCategory: 'attack' as const, actorClaim: 'attributed' as const };
    await store.save(mapping);
    await store.save({ ...mapping, dateFormat: 'dd/mm/yyyy' });
    expect(await store.list()).toHaveLength(1);
    expect((await store.get('sheet'))?.dateFormat).toBe('dd/mm/yyyy');
  });
});
