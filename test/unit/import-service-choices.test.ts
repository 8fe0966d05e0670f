import { copyFileSync, rmSync } from 'node:fs';
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

async function setup() {
  const dir = tempDir('import-choices');
  const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
  value(await cases.create(join(dir, 'case.cfcase'), PASSPHRASE, { ...newCase('Choices'), defaultMarking: 'TLP:AMBER' }));
  const imports = new ImportService(cases, { uploadDir: join(dir, 'uploads') });
  return { cases, imports };
}

const SOMALIA_2016 = { country: ['SO'], admin1: [], actor: [], eventType: [], from: '2016-01-01', to: '2016-12-31' };

describe('ImportService: filters, marking and matches chosen in the preview', () => {
  it('counts what the filter leaves out, suggests CLEAR for ACLED in an AMBER case, and commits the marking the analyst chose', async () => {
    const { cases, imports } = await setup();
    const file = value(await imports.register(fixture('acled-somalia.csv')));
    const preview = value(await imports.preview(file.fileId, 'acled', undefined, SOMALIA_2016));
    expect(preview.counts).toMatchObject({ add: 4, filteredOut: 2 });
    expect(preview.rowsRead).toBe(6);
    expect(preview.filter).toBe('country SO; from 2016-01-01; to 2016-12-31');
    expect(preview.marking).toMatchObject({ applied: 'TLP:CLEAR', marking: 'TLP:CLEAR' });

    const committed = value(await imports.commit(preview.previewId, false, { marking: 'TLP:GREEN', accepted: {} }));
    expect(committed.summary).toBe('Imported acled-somalia.csv: 4 added, 0 updated, 0 skipped; new records marked TLP:GREEN');
    const doc = cases.document!;
    expect(doc.events.map((e) => e.id).sort()).toEqual(['event--acled-SOM9001', 'event--acled-SOM9002', 'event--acled-SOM9003', 'event--acled-SOM9005']);
    expect(new Set([...doc.events, ...doc.actors, ...doc.sources].map((r) => r.marking))).toEqual(new Set(['TLP:GREEN']));
    await cases.close();
  });

  it('re-reads the file with the same filter when the case changed after the preview', async () => {
    const { cases, imports } = await setup();
    const file = value(await imports.register(fixture('acled-somalia.csv')));
    const preview = value(await imports.preview(file.fileId, 'acled', undefined, { ...SOMALIA_2016, eventType: ['Battles'] }));
    expect(preview.counts).toMatchObject({ add: 1, filteredOut: 5 });
    value(await cases.put({ collection: 'events', record: plainEvent('event--meanwhile', 'Added meanwhile') }));
    value(await imports.commit(preview.previewId, false, { marking: 'TLP:CLEAR', accepted: {} }));
    expect(cases.document!.events.map((e) => e.id).sort()).toEqual(['event--acled-SOM9001', 'event--meanwhile']);
    await cases.close();
  });

  it('refuses a filter that cannot match, and filters on a STIX bundle, before reading', async () => {
    const { cases, imports } = await setup();
    const file = value(await imports.register(fixture('acled-somalia.csv')));
    const bad = await imports.preview(file.fileId, 'acled', undefined, { ...SOMALIA_2016, from: '2017-01-01' });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('ends (2016-12-31) before it starts (2017-01-01)') });
    const stix = value(await imports.register(fixture('stix-bundle.json')));
    const refused = await imports.preview(stix.fileId, 'stix', undefined, SOMALIA_2016);
    expect(!refused.ok && refused.error.message).toContain('a STIX bundle is imported whole');
    expect(cases.document!.events).toHaveLength(0);
    await cases.close();
  });
});

describe('ImportService: committing the choices the preview showed', () => {
  it('commits the previewed plan as it is when the analyst confirms the suggestion, and plans again from the file for other choices', async () => {
    const { cases, imports } = await setup();
    const dir = tempDir('import-choices-file');
    const copy = join(dir, 'acled.csv');
    copyFileSync(fixture('acled-somalia.csv'), copy);
    const file = value(await imports.register(copy));
    const preview = value(await imports.preview(file.fileId, 'acled', undefined));
    rmSync(copy);
    // Another marking needs the file again, which is gone: refused, nothing written.
    const other = await imports.commit(preview.previewId, false, { marking: 'TLP:RED', accepted: {} });
    expect(!other.ok && other.error.code).toBe('NOT_FOUND');
    expect(cases.document!.events).toHaveLength(0);
    // The suggested marking and the matches shown are the previewed plan: committed without the file.
    const committed = value(await imports.commit(preview.previewId, false, { marking: preview.marking.marking, accepted: {} }));
    expect(committed.summary).toBe('Imported acled.csv: 6 added, 0 updated, 0 skipped; new records marked TLP:CLEAR');
    expect(new Set(cases.document!.events.map((e) => e.marking))).toEqual(new Set(['TLP:CLEAR']));
    await cases.close();
  });
});
