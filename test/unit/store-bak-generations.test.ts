// The .bak keeps the previous generation: a close with nothing to save leaves it (and the
// pre-migration original) alone (finding R9 of the store issue's hostile review).
import { copyFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { encodeRecordV1, journalPrefixV1 } from '../../src/main/store/journal-v1';
import { encodeSnapshot, type KeyHeader } from '../../src/main/store/snapshot-format';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import { emptyCase } from '../../src/shared/domain/case';
import { V1_FILE, V1_PASSPHRASE } from '../fixtures/stores/make-v1';
import { newCase, PASSPHRASE, plainSource, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

it('opening an older case keeps the original as the .bak through a close without edits, and says so', async () => {
  const path = join(tempDir('bak-migration'), 'case.cfcase');
  copyFileSync(V1_FILE, path);
  const original = readFileSync(path);
  const cases = new CaseService({ user: 'analyst' });
  const opened = await cases.open(path, { passphrase: V1_PASSPHRASE });
  expect(opened.ok).toBe(true);
  expect(opened.ok && opened.value.notices.join(' ')).toMatch(/kept as .*\.bak/);
  expect(readFileSync(`${path}.bak`).equals(original)).toBe(true);
  expect((await cases.close()).ok).toBe(true);
  expect(readFileSync(`${path}.bak`).equals(original)).toBe(true);
});

it('a close with nothing journaled rewrites neither the case nor its .bak; a close after an edit saves it', async () => {
  const path = join(tempDir('bak-close'), 'case.cfcase');
  const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
  expect((await cases.create(path, PASSPHRASE, newCase('Generations'))).ok).toBe(true);
  expect((await cases.put({ collection: 'sources', record: plainSource('source--a', 'A') })).ok).toBe(true);
  expect((await cases.close()).ok).toBe(true);
  const saved = readFileSync(path);
  const inode = statSync(path).ino;
  const bak = readFileSync(`${path}.bak`);

  expect((await cases.open(path, { passphrase: PASSPHRASE })).ok).toBe(true);
  expect((await cases.close()).ok).toBe(true);
  expect(statSync(path).ino).toBe(inode);
  expect(readFileSync(path).equals(saved)).toBe(true);
  expect(readFileSync(`${path}.bak`).equals(bak)).toBe(true);

  expect((await cases.open(path, { passphrase: PASSPHRASE })).ok).toBe(true);
  expect((await cases.put({ collection: 'sources', record: plainSource('source--b', 'B') })).ok).toBe(true);
  expect((await cases.close()).ok).toBe(true);
  expect(readFileSync(`${path}.bak`).equals(saved)).toBe(true);
});

it('an older-format case with journaled edits keeps its original as the .bak through open and close', async () => {
  // The open folds the replayed edits into the new format at once; the close then has nothing
  // left to save and must not push the pre-migration original out of the .bak.
  const dir = tempDir('bak-older-journal');
  const path = join(dir, 'case.cfcase');
  const doc = emptyCase('case--older-journal', 'Older with a journal', '2025-01-01T00:00:00.000Z');
  const made = await CaseStore.create(path, PASSPHRASE, doc);
  const dataKey = made.exportDataKey();
  await made.close();
  const h = layoutOf(readFileSync(path), path).header;
  const key: KeyHeader = { caseId: h.caseId, kdf: h.kdf, wrappedKey: h.wrappedKey };
  writeFileSync(path, encodeSnapshot(dataKey, key, { journalSeq: 0, schemaVersion: 3 }, Buffer.from(JSON.stringify({ ...doc, schemaVersion: 3 }))));
  const source = plainSource('source--journaled', 'Journaled before the upgrade');
  const entry = { seq: 1, at: '2025-01-02T00:00:00.000Z', by: 'old', kind: 'edit', summary: 'Added a source', changes: [{ op: 'put', collection: 'sources', id: source.id, before: null, after: source }] };
  const prefix = journalPrefixV1(h.caseId);
  writeFileSync(journalPathOf(path), Buffer.concat([prefix, encodeRecordV1(dataKey, prefix, 1, Buffer.from(JSON.stringify(entry)))]));
  const original = readFileSync(path);

  const cases = new CaseService({ user: 'analyst', foldAfterIdleMs: 2 ** 31 - 1 });
  const opened = await cases.open(path, { passphrase: PASSPHRASE });
  expect(opened.ok).toBe(true);
  expect(cases.document?.sources.map((s) => s.id)).toEqual([source.id]);
  expect((await cases.close()).ok).toBe(true);
  expect(readFileSync(`${path}.bak`).equals(original)).toBe(true);
  expect((await cases.open(path, { passphrase: PASSPHRASE })).ok && cases.document?.sources.length).toBe(1);
  expect((await cases.close()).ok).toBe(true);
});
