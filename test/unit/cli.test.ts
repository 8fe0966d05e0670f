import { mkdtempSync, readFileSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/shared/ipc/errors';
import { runCli } from '../helpers/run-cli';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain/case';

const dir = mkdtempSync(join(tmpdir(), 'cf-cli-'));
const demo = join(dir, 'demo.cfcase');
const pass = { CASEFILE_PASSPHRASE: 'correct horse battery' };

describe('casefile CLI', () => {
  beforeAll(async () => {
    const created = await runCli(['new', demo, '--demo'], pass);
    expect(created.stderr).toContain('Created');
    expect(created.code).toBe(0);
  });

  it('prints the counts of the demo case as JSON', async () => {
    const run = await runCli(['stats', demo, '--json'], pass);
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout) as Record<string, number>;
    expect(Object.keys(stats)).toEqual(expect.arrayContaining(['events', 'actors', 'relationships', 'sources', 'series']));
    expect(stats['events']).toBeGreaterThan(20);
    expect(stats['actors']).toBeGreaterThan(10);
    expect(stats['series']).toBeGreaterThan(0);
  });

  it('dumps the whole decrypted document, matching the stats', async () => {
    const [dump, stats] = await Promise.all([runCli(['dump', demo, '--json'], pass), runCli(['stats', demo, '--json'], pass)]);
    expect(dump.code).toBe(0);
    const doc = JSON.parse(dump.stdout) as { events: unknown[]; actors: unknown[]; schemaVersion: number };
    expect(doc.events.length).toBe((JSON.parse(stats.stdout) as { events: number }).events);
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('keeps the case encrypted on disk', () => {
    const bytes = readFileSync(demo);
    expect(bytes.includes(Buffer.from('Kerman'))).toBe(false);
    expect(bytes.includes(Buffer.from('Khorasan'))).toBe(false);
  });

  it('reads the passphrase from --passphrase-file', async () => {
    const file = join(dir, 'pass.txt');
    writeFileSync(file, 'correct horse battery\n');
    const run = await runCli(['stats', demo, '--json', '--passphrase-file', file]);
    expect(run.code).toBe(0);
  });

  it('fails with distinct exit codes and clear messages', async () => {
    const wrong = await runCli(['stats', demo, '--json'], { CASEFILE_PASSPHRASE: 'wrong wrong wrong' });
    expect(wrong.code).toBe(EXIT_CODES.WRONG_PASSPHRASE);
    expect(wrong.stderr).toMatch(/passphrase does not unlock/);
    expect(wrong.stdout).toBe('');

    const missing = await runCli(['stats', join(dir, 'nope.cfcase')], pass);
    expect(missing.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(missing.stderr).toMatch(/No case file at/);

    const exists = await runCli(['new', demo], pass);
    expect(exists.code).toBe(EXIT_CODES.ALREADY_EXISTS);

    const noPass = await runCli(['stats', demo]);
    expect(noPass.code).toBe(EXIT_CODES.VALIDATION);
    expect(noPass.stderr).toMatch(/CASEFILE_PASSPHRASE/);

    const unknown = await runCli(['frobnicate'], pass);
    expect(unknown.code).toBe(EXIT_CODES.VALIDATION);
    const badFlag = await runCli(['stats', demo, '--jsn'], pass);
    expect(badFlag.code).toBe(EXIT_CODES.VALIDATION);
    expect(badFlag.stderr).toMatch(/unknown option --jsn/);
  });

  it('reports a truncated case file as truncated and a foreign file as not ours', async () => {
    const cut = join(dir, 'cut.cfcase');
    writeFileSync(cut, readFileSync(demo));
    truncateSync(cut, Math.floor(statSync(cut).size / 2));
    const truncated = await runCli(['stats', cut], pass);
    expect(truncated.code).toBe(EXIT_CODES.TRUNCATED_STORE);
    expect(truncated.stderr).toMatch(/truncated/);

    const foreign = join(dir, 'foreign.cfcase');
    writeFileSync(foreign, 'just some text, not a case');
    const notOurs = await runCli(['stats', foreign], pass);
    expect(notOurs.code).toBe(EXIT_CODES.CORRUPT_STORE);
  });

  it('refuses a short passphrase for a new case and creates nothing', async () => {
    const path = join(dir, 'short.cfcase');
    const run = await runCli(['new', path], { CASEFILE_PASSPHRASE: 'short' });
    expect(run.code).toBe(EXIT_CODES.VALIDATION);
    expect(() => statSync(path)).toThrow();
  });
});
