import { appendFileSync, copyFileSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { ImportService } from '../../src/main/services/import/import-service';
import type { Result } from '../../src/shared/ipc/result';
import { fixture } from '../fixtures/import/helpers';
import { newCase, PASSPHRASE, plainEvent, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A case, and a copy of the ACLED fixture the test may change. */
async function setup() {
  const dir = tempDir('import-reread');
  const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
  value(await cases.create(join(dir, 'case.cfcase'), PASSPHRASE, newCase('Import case')));
  const imports = new ImportService(cases, { uploadDir: join(dir, 'uploads') });
  const csv = join(dir, 'acled.csv');
  copyFileSync(fixture('acled-current.csv'), csv);
  return { cases, imports, csv };
}

/** The preview holds only its plan, so a commit after the case changed reads the file again. */
describe('committing a preview after the case changed', () => {
  it('reads the file again and imports every row as one undoable step, keeping the edit made meanwhile', async () => {
    const { cases, imports, csv } = await setup();
    const file = value(await imports.register(csv));
    const preview = value(await imports.preview(file.fileId, undefined, undefined));
    expect(preview.counts.add).toBe(4);
    value(await cases.put({ collection: 'events', record: plainEvent('event--analyst-1', 'Written while the preview was open') }));

    const committed = value(await imports.commit(preview.previewId, false));
    expect(committed.summary).toBe('Imported acled.csv: 4 added, 0 updated, 0 skipped; new records marked TLP:CLEAR');
    const ids = cases.document?.events.map((e) => e.id).sort();
    expect(ids).toEqual(['event--acled-AFG1001', 'event--acled-AFG1002', 'event--acled-AFG1003', 'event--acled-PAK2001', 'event--analyst-1']);
    expect(cases.document?.events.find((e) => e.id === 'event--acled-AFG1001')?.responsibility).toHaveLength(1);
    value(await cases.undo());
    expect(cases.document?.events.map((e) => e.id)).toEqual(['event--analyst-1']);
    await cases.close();
  });

  it('refuses, changing nothing, when the file itself changed since the preview', async () => {
    const { cases, imports, csv } = await setup();
    const file = value(await imports.register(csv));
    const preview = value(await imports.preview(file.fileId, undefined, undefined));
    value(await cases.put({ collection: 'events', record: plainEvent('event--analyst-1', 'Written while the preview was open') }));
    // Another row appears in the file after the analyst saw what it holds.
    const [, row] = readFileSync(csv, 'utf8').split('\n') as [string, string];
    appendFileSync(csv, `${row.replace('AFG1001', 'AFG9999')}\n`);
    utimesSync(csv, new Date(), new Date(Date.now() + 5_000));

    const committed = await imports.commit(preview.previewId, false);
    expect(!committed.ok && committed.error.code).toBe('CONFLICT');
    expect(!committed.ok && committed.error.message).toMatch(/acled\.csv has changed since it was previewed; nothing was imported\. Preview it again/);
    expect(cases.document?.events.map((e) => e.id)).toEqual(['event--analyst-1']);
    expect(cases.document?.history.at(-1)?.kind).not.toBe('import');
    await cases.close();
  });
});
