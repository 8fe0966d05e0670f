import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/main/store/case-store';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import { encodeSnapshotV2 } from '../../src/main/store/snapshot-v2';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';
import { listsChangedFrom } from '../../src/shared/domain/migrations';
import { PASSPHRASE, removeTempDirs, smallCase, tempDir } from '../helpers/store';

/**
 * Review #13: a migration validated only the lists its steps declare; the others were taken as
 * read. But a schema can tighten without a step (ACH rows were bounded with no version bump), and
 * the save that follows stamps the case with the current schema, which is trusted unchecked from
 * then on. An older case holding records the current schema refuses must not be loaded, and
 * laundered, as if they were valid.
 */
afterAll(removeTempDirs);

const PREVIOUS = CURRENT_SCHEMA_VERSION - 1;

async function bytesOf(pieces: AsyncIterable<Buffer>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const piece of pieces) out.push(piece);
  return Buffer.concat(out);
}

describe('migrating an older segmented case whose unchanged lists hold invalid records', () => {
  it('is refused, naming the record, and the file is left as it was', async () => {
    const path = join(tempDir('rev13-migrate-validate'), 'case.cfcase');
    const doc = smallCase(50, 5);
    const created = await CaseStore.create(path, PASSPHRASE, doc);
    const dataKey = created.exportDataKey();
    await created.close();
    const header = layoutOf(readFileSync(path), path).header;
    expect(listsChangedFrom(PREVIOUS)).not.toContain('actors');
    const older = { ...doc, schemaVersion: PREVIOUS, actors: doc.actors.map((actor, i) => (i === 3 ? { ...actor, name: 42 } : actor)) };
    const bytes = await bytesOf(encodeSnapshotV2(dataKey, { caseId: header.caseId, kdf: header.kdf, wrappedKey: header.wrappedKey }, { journalSeq: 0, schemaVersion: PREVIOUS }, older, () => undefined));
    writeFileSync(path, bytes);

    await expect(CaseStore.open(path, { passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'CORRUPT_STORE', message: expect.stringContaining('actors[3]') });
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
