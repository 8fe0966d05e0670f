// Crafted files that once cost the store its memory or hours (findings R4, R5, R8 of the store
// issue's hostile review): each is now refused quickly with a clear error, or cleaned up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CaseStore, journalPathOf } from '../../src/main/store/case-store';
import { journalPrefix } from '../../src/main/store/journal';
import { StoreError } from '../../src/main/store/store-error';
import { emptyCase } from '../../src/shared/domain/case';
import { newCase, PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

describe('an older (format-1) case altered without the key', () => {
  it('is refused as altered before its body is parsed, not parsed into an out-of-memory crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cf-legacy-tamper-'));
    const child = (mode: string, heapMb?: number) =>
      spawnSync(process.execPath, [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), '--import', 'tsx', 'test/helpers/legacy-tamper-child.mts', mode, dir], { encoding: 'utf8', timeout: 110_000 });
    expect(child('make').status).toBe(0);
    // 16 MiB rewritten to "[" would need gigabytes to parse; a 384 MB heap must be plenty to refuse it.
    const opened = child('open-tampered', 384);
    expect(opened.stderr).not.toMatch(/heap out of memory/);
    expect(opened.status).toBe(0);
    expect(opened.stdout).toMatch(/tampered\.cfcase: error after .*altered or damaged/);
  }, 120_000);
});

describe('a journal crafted to make the damage scan read and decrypt without end', () => {
  it('is judged within a bounded amount of work, and reported as damaged', async () => {
    const path = join(tempDir('journal-scan'), 'case.cfcase');
    const made = await CaseStore.create(path, PASSPHRASE, emptyCase('case--scan', 'Scan', '2025-01-01T00:00:00.000Z'));
    const dataKey = made.exportDataKey();
    await made.close();
    const frameLength = 8 * 1024 * 1024;
    const damaged = Buffer.alloc(4 + 41);
    damaged.writeUInt32BE(41, 0);
    damaged.writeBigUInt64BE(1n, 4);
    // 3,000 fake starts of the next entry, each declaring an 8 MiB frame: 24 GB to decrypt unbounded.
    const fake = Buffer.alloc(12);
    fake.writeUInt32BE(frameLength, 0);
    fake.writeBigUInt64BE(2n, 4);
    writeFileSync(journalPathOf(path), Buffer.concat([journalPrefix('case--scan'), damaged, ...Array.from({ length: 3_000 }, () => fake), Buffer.alloc(frameLength)]));
    const opening = CaseStore.open(path, { dataKey }).then(
      () => null,
      (error: unknown) => error,
    );
    const error = await opening;
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('CORRUPT_STORE');
    expect((error as StoreError).message).toMatch(/journal .* was altered or damaged/);
  }, 60_000);
});

describe('a file written out of the case by a process that was killed', () => {
  it('leaves no plaintext temp beside the output once the next write to that name runs', async () => {
    const dir = tempDir('extract-leftover');
    const store = await CaseStore.create(join(dir, 'case.cfcase'), PASSPHRASE, newCase('Leftovers'));
    const added = await store.blobs.add((async function* () {
      yield Buffer.from('TLP:AMBER informant notes');
    })());
    const out = join(dir, 'informant.txt');
    const leftover = join(dir, '.informant.txt.1a09d5778767.tmp');
    writeFileSync(leftover, 'TLP:AMBER informant notes (half written)');
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(leftover, old, old);
    await store.blobs.writeTo(added.sha256, out);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(leftover)).toBe(false);
    await store.close();
  });
});
