import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures/import/helpers';
import { runCli } from '../helpers/run-cli';
import { removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

describe('casefile import', () => {
  it('imports, previews with --dry-run --json, and refuses bad files without touching the case', async () => {
    const dir = tempDir('import-cli');
    const store = join(dir, 'case.cfcase');
    const env = { CASEFILE_PASSPHRASE: 'cli import passphrase', CASEFILE_HOME: join(dir, 'home') };
    expect((await runCli(['new', store, '--name', 'CLI import'], env)).code).toBe(0);

    const imported = await runCli(['import', store, fixture('acled-current.csv')], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/add\s+4/);
    expect(imported.stdout).toContain('Committed as one step');
    expect(imported.stderr).toContain('reading: 100%');

    const dry = await runCli(['import', store, fixture('acled-current-newer.csv'), '--format', 'acled', '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout) as { dryRun: boolean; counts: Record<string, number>; missing: Array<{ id: string }> };
    expect(report.dryRun).toBe(true);
    expect(report.counts).toMatchObject({ add: 1, update: 1, unchanged: 2, missing: 1 });
    expect(report.missing.map((m) => m.id)).toEqual(['event--acled-AFG1003']);

    const bad = await runCli(['import', store, fixture('bad-delimiter.csv')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad-delimiter.csv, line 3, column 2');
    expect(bad.stderr).toContain('The case was not changed');

    const stats = await runCli(['stats', store, '--json'], env);
    expect(JSON.parse(stats.stdout)).toMatchObject({ events: 4, history: 1 });
  }, 60_000);

  it('explains a wrong --format or an unknown mapping name', async () => {
    const dir = tempDir('import-cli');
    const env = { CASEFILE_PASSPHRASE: 'cli import passphrase', CASEFILE_HOME: join(dir, 'home') };
    const format = await runCli(['import', join(dir, 'x.cfcase'), fixture('gtd.csv'), '--format', 'xml'], env);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of acled, gtd, csv, stix');
    const mapping = await runCli(['import', join(dir, 'x.cfcase'), fixture('generic.csv'), '--mapping', 'Nope'], env);
    expect(mapping.code).toBe(2);
    expect(mapping.stderr).toContain('no saved mapping named "Nope"');
  }, 30_000);
});
