import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../src/main/store/case-store';
import { SEGMENT_FINAL } from '../../src/main/store/segments';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import type { CaseDocument } from '../../src/shared/domain/case';
import { listsChangedFrom } from '../../src/shared/domain/migrations';
import { PASSPHRASE, removeTempDirs, smallCase, tempDir } from '../helpers/store';
import { PREVIOUS_SCHEMA as PREVIOUS, previousSchemaSnapshot } from '../helpers/previous-schema';

/**
 * Review #13: an amended snapshot (snapshot-amend.ts) steps over the base segments it replaces
 * without opening them, so their length and FINAL flag were read unauthenticated. One of them
 * (the base's case header, segment 0, is always replaced) could be rewritten to claim it is the
 * base's last segment and span every segment after it: the case then opened with no events, no
 * actors and no history, and no word of damage.
 */
afterAll(removeTempDirs);

const TINY = { segmentBytes: 4_096 };

/** A previous-schema segmented case, opened once read-write so that the migration amended it. */
async function amendedCase(): Promise<{ path: string; doc: CaseDocument; baseSize: number; headLength: number }> {
  const path = join(tempDir('rev13-amend-tamper'), 'case.cfcase');
  const doc = smallCase(1_000, 20);
  const created = await CaseStore.create(path, PASSPHRASE, doc, { tuning: TINY });
  const dataKey = created.exportDataKey();
  await created.close();
  const layout = layoutOf(readFileSync(path), path);
  const base = await previousSchemaSnapshot(path, dataKey, doc, TINY.segmentBytes);
  writeFileSync(path, base);
  const store = await CaseStore.open(path, { passphrase: PASSPHRASE }, { tuning: TINY });
  expect(store.report.amendedLists).toEqual(listsChangedFrom(PREVIOUS));
  expect(store.document.events).toHaveLength(1_000);
  await store.close();
  return { path, doc, baseSize: base.length, headLength: layout.head.length };
}

describe('an amended snapshot whose replaced base segments were altered', () => {
  it('is refused when the base case header claims to be the last segment and to span the others (events and history would vanish)', async () => {
    const { path, baseSize, headLength } = await amendedCase();
    const file = readFileSync(path);
    // Segment 0 (the base's case header, replaced by the amendment): its length now runs to the
    // end of the base, its flags say FINAL. Five bytes, the file's size unchanged.
    file.writeUInt32BE(baseSize - headLength - 4, headLength);
    file.writeUInt8(SEGMENT_FINAL, headLength + 4);
    writeFileSync(path, file);
    const opened = await CaseStore.open(path, { passphrase: PASSPHRASE }, { readOnly: true }).then(
      async (store) => {
        const counts = { events: store.document.events.length, actors: store.document.actors.length };
        await store.close();
        return counts;
      },
      (error: { code?: string }) => error.code,
    );
    expect(opened).toBe('CORRUPT_STORE');
  });

});
