import { writeFileSync } from 'node:fs';
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

  it('--only filters rows (a repeated key is "or"), --marking is applied and printed, proposed matches are listed and accepted with --accept-matches', async () => {
    const dir = tempDir('import-cli');
    const store = join(dir, 'case.cfcase');
    const env = { CASEFILE_PASSPHRASE: 'cli import passphrase', CASEFILE_HOME: join(dir, 'home') };
    expect((await runCli(['new', store, '--name', 'CLI filters'], env)).code).toBe(0);
    const bundle = join(dir, 'set.json');
    const setId = 'intrusion-set--1e6e5a3a-0b0e-4d8b-9d55-0c9f3b9c2a11';
    const set = { type: 'intrusion-set', spec_version: '2.1', id: setId, created: '2020-01-01T00:00:00.000Z', modified: '2020-01-01T00:00:00.000Z', name: 'Harakat al-Shabaab al-Mujahideen', aliases: ['Al-Shabaab'] };
    writeFileSync(bundle, JSON.stringify({ type: 'bundle', id: 'bundle--5d0f3a4e-54f4-4c4b-9f2e-2c1d6f7a8b90', objects: [set] }));
    expect((await runCli(['import', store, bundle], env)).code).toBe(0);

    const only = ['--only', 'country=SO', '--only=country=Kenya', '--only', 'from=2016'];
    const dry = await runCli(['import', store, fixture('acled-somalia.csv'), ...only, '--dry-run'], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('filter     country SO or Kenya; from 2016: 1 rows left out');
    expect(dry.stdout).toMatch(/add\s+5/);
    expect(dry.stdout).toContain('marking    new records TLP:CLEAR (suggested: ACLED publishes its data openly');
    expect(dry.stdout).toContain('match?     “Al Shabab” → Harakat al-Shabaab al-Mujahideen (90%, 1 rows;');
    expect(dry.stdout).toContain('not accepted: a new actor is made (pass --accept-matches');

    const done = await runCli(['import', store, fixture('acled-somalia.csv'), ...only, '--marking', 'green', '--accept-matches', '--json'], env);
    expect(done.code, done.stderr).toBe(0);
    const report = JSON.parse(done.stdout) as { counts: Record<string, number>; marking: { applied: string }; proposals: Array<{ accepted: boolean }>; summary: string };
    expect(report.counts).toMatchObject({ add: 5, filteredOut: 1 });
    expect(report.marking.applied).toBe('TLP:GREEN');
    expect(report.proposals.map((p) => p.accepted)).toEqual([true]);
    expect(report.summary).toContain('new records marked TLP:GREEN');
    const dump = await runCli(['dump', store, '--json'], env);
    const doc = JSON.parse(dump.stdout) as { actors: Array<{ name: string }>; events: Array<{ marking: string }> };
    expect(doc.actors.filter((a) => /shabaa?b/i.test(a.name)).map((a) => a.name)).toEqual(['Harakat al-Shabaab al-Mujahideen']);
    expect(new Set(doc.events.map((e) => e.marking))).toEqual(new Set(['TLP:GREEN']));

    const badKey = await runCli(['import', store, fixture('acled-somalia.csv'), '--only', 'province=Bay'], env);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('the key must be one of country, admin1, actor, event_type, from, to');
    const badMarking = await runCli(['import', store, fixture('acled-somalia.csv'), '--marking', 'purple'], env);
    expect(badMarking.code).toBe(2);
    expect(badMarking.stderr).toContain('--marking must be one of TLP:CLEAR');
  }, 240_000);
});
