import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

/** `casefile new` and `casefile export --passphrase-file` refuse weak passphrases unless told to use them anyway. */

afterAll(removeTempDirs);

describe('weak passphrases on the command line', () => {
  it('new: refuses a weak one with the reason (exit 2, nothing created), uses it with --allow-weak-passphrase, exempts the demo passphrase on --demo only', async () => {
    const dir = tempDir('passphrase-cli');
    const weak = join(dir, 'weak.cfcase');
    const refused = await runCli(['new', weak, '--name', 'Kabul cell'], { CASEFILE_PASSPHRASE: 'Summer2024!' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the passphrase is weak; nothing was created/);
    expect(refused.stderr).toMatch(/Passphrase strength: [a-z ]+ \([0-2] of 4\)\./);
    expect(refused.stderr).toMatch(/Time to guess it from a stolen copy of the file: /);
    expect(refused.stderr).toContain('--allow-weak-passphrase');
    expect(existsSync(weak)).toBe(false);

    const forced = await runCli(['new', weak, '--name', 'Kabul cell', '--allow-weak-passphrase'], { CASEFILE_PASSPHRASE: 'Summer2024!' });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/Warning: using a weak passphrase/);
    expect(existsSync(weak)).toBe(true);

    const demo = await runCli(['new', join(dir, 'demo.cfcase'), '--demo'], { CASEFILE_PASSPHRASE: 'khorasan-demo' });
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stderr).not.toMatch(/weak/i);

    const ownCase = await runCli(['new', join(dir, 'own.cfcase')], { CASEFILE_PASSPHRASE: 'khorasan-demo' });
    expect(ownCase.code).toBe(2);
    expect(ownCase.stderr).toMatch(/demo case’s published passphrase/);
  }, 300_000);

  it('export --passphrase-file: refuses a weak file passphrase before unlocking the case, and writes nothing', async () => {
    const dir = tempDir('passphrase-cli-export');
    const store = join(dir, 'case.cfcase');
    expect((await runCli(['new', store, '--name', 'Exports'], { CASEFILE_PASSPHRASE: PASSPHRASE })).code).toBe(0);
    const weakFile = join(dir, 'weak.txt');
    writeFileSync(weakFile, 'password123\n');
    const out = join(dir, 'out.casefile');
    // No store passphrase at all: the refusal comes first, so it is never asked for.
    const refused = await runCli(['export', store, '--out', out, '--passphrase-file', weakFile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the passphrase is weak; nothing was exported/);
    expect(refused.stderr).toMatch(/commonly used/i);
    expect(existsSync(out)).toBe(false);

    const forced = await runCli(['export', store, '--out', out, '--passphrase-file', weakFile, '--allow-weak-passphrase'], { CASEFILE_PASSPHRASE: PASSPHRASE });
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/Warning: using a weak passphrase/);
    expect(existsSync(out)).toBe(true);
  }, 300_000);
});
