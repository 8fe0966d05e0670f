import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDemoCase } from '../../src/main/demo/isk-case';
import { CaseStore } from '../../src/main/store/case-store';
import { EXIT_CODES } from '../../src/shared/ipc/errors';
import { runCli } from '../helpers/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'cf-report-check-'));
const demo = join(dir, 'demo.cfcase');
const drifted = join(dir, 'drifted.cfcase');
const PASSPHRASE = 'correct horse battery';
const pass = { CASEFILE_PASSPHRASE: PASSPHRASE };

describe('casefile report check', () => {
  beforeAll(async () => {
    await (await CaseStore.create(demo, PASSPHRASE, buildDemoCase('2024-06-01T00:00:00.000Z'))).close();
    // The same case after a re-import changed a count, and a cited source was deleted.
    const doc = buildDemoCase('2024-06-01T00:00:00.000Z');
    const claimed = doc.series.find((s) => s.id === 'series--isk-claimed-attacks-per-year')!;
    claimed.points = claimed.points.map((p) => (p.period.value === '2021' ? { ...p, value: 350 } : p));
    doc.sources = doc.sources.filter((s) => s.id !== 'source--macron-2024');
    await (await CaseStore.create(drifted, PASSPHRASE, doc)).close();
  }, 60_000);

  it('finds nothing to fix in the demo report, by title, and exits 0', async () => {
    const run = await runCli(['report', 'check', demo, '--report', 'Islamic State Khorasan: a smaller campaign at home, a longer reach abroad'], pass);
    expect(run.stderr).toContain('nothing to fix');
    expect(run.stdout).toBe('');
    expect(run.code).toBe(0);
  }, 60_000);

  it('prints the changed number and the broken citation, and exits 1', async () => {
    const run = await runCli(['report', 'check', drifted, '--report', 'report--isk-draft-2024'], pass);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    // The report gives the 2021 count twice (key judgements and the text): both are listed.
    expect(lines.filter((l) => /^changed number\s+Number \d+ was confirmed as 353; the case now gives 350\.$/.test(l))).toHaveLength(2);
    expect(lines).toHaveLength(3);
    expect(lines.some((l) => /^broken citation\s+Note \d+: the source “President Emmanuel Macron.*was deleted/.test(l))).toBe(true);
  }, 60_000);

  it('refuses an unknown report with the usage exit code and names the reports there are', async () => {
    const run = await runCli(['report', 'check', demo, '--report', 'No such report'], pass);
    expect(run.code).toBe(EXIT_CODES.VALIDATION);
    expect(run.stderr).toContain('report--isk-draft-2024');
  }, 60_000);
});
