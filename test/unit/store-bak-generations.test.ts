// The .bak keeps the previous generation: a close with nothing to save leaves it (and the
// pre-migration original) alone (finding R9 of the store issue's hostile review).
import { copyFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CaseService } from '../../src/main/services/case-service';
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
