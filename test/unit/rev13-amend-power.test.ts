import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/main/store/case-store';
import { CURRENT_SCHEMA_VERSION, emptyCase } from '../../src/shared/domain/case';
import { materialise, PowerLossFileSystem, seededRandom } from '../helpers/power-fs';
import { POWER_TUNING } from '../helpers/power-cuts';
import { plainEvent, plainSource, putRecord, removeTempDirs, tempDir } from '../helpers/store';
import { previousSchemaSnapshot } from '../helpers/previous-schema';

/**
 * Review #13: power cuts at every disk operation of a migration's amending save (a clone of the
 * old snapshot, the amendment appended, fsync, rename, the .bak) and of the saves after it (edits
 * journaled after the amended open, a full save, edits after that). Each cut is taken several
 * times (whole, lost, torn); every image must open migrated with every acknowledged edit.
 */
afterAll(removeTempDirs);

const CASE = 'case.cfcase';
const IMAGES_PER_CUT = 4;

describe('power cuts around a migration that amends the snapshot', () => {
  it('every cut, at every disk operation from the amending open to the saves after it, opens migrated with every acknowledged edit', async () => {
    const root = tempDir('rev13-amend-power');
    const run = join(root, 'run');
    await mkdir(run);
    const casePath = join(run, CASE);
    const doc = emptyCase('case--amend-power', 'Amend power case', '2025-01-01T00:00:00.000Z');
    doc.sources = [{ ...plainSource('source--outlet', 'Report'), publisher: 'Daily Outlet' } as never, plainSource('source--plain', 'Plain')];
    doc.events = Array.from({ length: 40 }, (_, i) => plainEvent(`event--base-${i}`, `base event ${i}`));
    const made = await CaseStore.create(casePath, 'amend power passphrase', doc, { tuning: POWER_TUNING });
    const dataKey = made.exportDataKey();
    await made.close();
    await writeFile(casePath, await previousSchemaSnapshot(casePath, dataKey, doc, POWER_TUNING.segmentBytes));

    const fs = await PowerLossFileSystem.attach(run);
    const acknowledged: string[] = [];
    let amended = false;
    const problems: string[] = [];
    let cuts = 0;
    const cutDir = join(root, 'cut');
    fs.beforeMutation = async (index, label) => {
      for (let n = 0; n < IMAGES_PER_CUT; n++) {
        const image = fs.crashImage(seededRandom(index * 131 + n));
        await rm(cutDir, { recursive: true, force: true });
        await materialise(image, cutDir);
        cuts++;
        try {
          const store = await CaseStore.open(join(cutDir, CASE), { dataKey }, { tuning: POWER_TUNING });
          const got = store.document;
          const missing = [...doc.events.map((e) => e.id), ...acknowledged].filter((id) => !store.records.get('events', id));
          if (missing.length > 0) problems.push(`cut ${index} (${label}) #${n}: lost ${missing.join(', ')}`);
          if (got.schemaVersion !== CURRENT_SCHEMA_VERSION) problems.push(`cut ${index} (${label}) #${n}: schema ${got.schemaVersion}`);
          if (store.records.get('sources', 'source--outlet')?.outlet !== 'Daily Outlet') problems.push(`cut ${index} (${label}) #${n}: the source's outlet is not migrated`);
          await store.close();
        } catch (error) {
          problems.push(`cut ${index} (${label}) #${n}${amended ? ' (after the amending open)' : ''}: does not open: ${(error as Error).message}`);
        }
      }
    };

    const store = await CaseStore.open(casePath, { dataKey }, { fs, tuning: POWER_TUNING });
    expect(store.report.amendedLists).toEqual(['sources']);
    amended = true;
    for (let i = 0; i < 3; i++) {
      await putRecord(store, 'events', plainEvent(`event--after-amend-${i}`, `after amend ${i}`));
      acknowledged.push(`event--after-amend-${i}`);
    }
    await store.write(store.document);
    await putRecord(store, 'events', plainEvent('event--after-fold', 'after fold'));
    acknowledged.push('event--after-fold');
    await store.close();
    fs.beforeMutation = undefined;

    expect(cuts).toBeGreaterThan(20 * IMAGES_PER_CUT);
    expect(problems).toEqual([]);
  }, 240_000);
});
