import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutputFile } from '../../src/main/services/output-file';
import { EXIT_CODES } from '../../src/shared/ipc/errors';
import { runCli } from '../helpers/run-cli';
import { expectStoreError, folderState, PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

/**
 * A file the user asks for (a report, an export, a public key) is never written over a case
 * file, one of its companions, or anything that holds a store format: a typo in --out must not
 * destroy the case.
 */
afterAll(removeTempDirs);

describe('writeOutputFile refuses case files and their companions', () => {
  it('refuses a .cfcase, its journal, backup, keys and lock, and anything inside a .blobs folder, writing nothing', async () => {
    const dir = tempDir('out-guard');
    mkdirSync(join(dir, 'x.cfcase.blobs'));
    for (const name of ['x.cfcase', 'new.cfcase', 'x.cfcase.journal', 'x.cfcase.bak', 'x.cfcase.keys', 'x.cfcase.taxii', 'x.cfcase.lock', 'X.CFCASE', 'x.cfcase.blobs/ab12']) {
      const before = folderState(dir);
      const error = await expectStoreError(writeOutputFile(join(dir, name), '# report', { overwrite: true }), 'FORBIDDEN');
      expect(error.message).toContain(name);
      expect(error.message).toMatch(/Nothing was written/);
      expect(folderState(dir)).toEqual(before);
    }
  });

  it('refuses an existing file of any name that holds a store format, and the companions of a case of any name', async () => {
    const dir = tempDir('out-guard-magic');
    writeFileSync(join(dir, 'renamed.txt'), Buffer.concat([Buffer.from('CFWJRNL1'), Buffer.alloc(32)]));
    writeFileSync(join(dir, 'keys.pub'), Buffer.concat([Buffer.from('CFWKEYS1'), Buffer.alloc(32)]));
    writeFileSync(join(dir, 'servers.bin'), Buffer.concat([Buffer.from('CFWTAXI1'), Buffer.alloc(32)]));
    writeFileSync(join(dir, 'case.db'), Buffer.concat([Buffer.from('CFWSNAP2'), Buffer.alloc(32)]));
    for (const name of ['renamed.txt', 'keys.pub', 'servers.bin', 'case.db', 'case.db.journal', 'case.db.taxii', 'case.db.lock']) {
      await expectStoreError(writeOutputFile(join(dir, name), 'text', { overwrite: true }), 'FORBIDDEN');
    }
    expect(readFileSync(join(dir, 'renamed.txt')).subarray(0, 8).toString()).toBe('CFWJRNL1');
    expect(existsSync(join(dir, 'case.db.journal'))).toBe(false);
  });

  it('still writes and replaces ordinary files', async () => {
    const dir = tempDir('out-guard-ok');
    writeFileSync(join(dir, 'report.md'), 'old');
    await writeOutputFile(join(dir, 'report.md'), 'new', { overwrite: true });
    await writeOutputFile(join(dir, 'notes.journal'), 'a journal of my own', { overwrite: false });
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'notes.journal'), 'utf8')).toBe('a journal of my own');
  });
});

describe('the CLI never writes --out over the case', () => {
  it('report, keys export and export refuse the case and its companions with the FORBIDDEN exit code, and the case still opens', async () => {
    const dir = tempDir('out-guard-cli');
    const env = { CASEFILE_PASSPHRASE: PASSPHRASE };
    const store = join(dir, 'x.cfcase');
    expect((await runCli(['new', store, '--name', 'Guarded'], env)).code).toBe(0);
    expect((await runCli(['keys', 'list', store], env)).code).toBe(0); // makes x.cfcase.keys
    const before = folderState(dir);
    const runs = [
      ['report', store, '--format', 'md', '--out', store],
      ['keys', 'export', store, '--out', `${store}.keys`],
      ['export', store, '--format', 'stix', '--out', `${store}.journal`],
    ];
    for (const args of runs) {
      const run = await runCli(args, env);
      expect(run.stderr, args.join(' ')).toMatch(/case file|companion/);
      expect(run.code, args.join(' ')).toBe(EXIT_CODES.FORBIDDEN);
    }
    expect(folderState(dir)).toEqual(before);
    const stats = await runCli(['stats', store, '--json'], env);
    expect(stats.code).toBe(0);
  }, 90_000);
});
