import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXCEPTIONS_FILE, judge, passed, readExceptions, report, runElectronegativity, type AcceptedFinding } from '../security/electronegativity';

const work = mkdtempSync(join(tmpdir(), 'casefile-audit-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Electronegativity over the Electron host, preload and renderer', () => {
  it('finds nothing but the reviewed, accepted findings, and every accepted finding still occurs', async () => {
    const run = await runElectronegativity(process.cwd());
    const verdict = judge(run.findings, readExceptions(EXCEPTIONS_FILE));
    expect(run.checks).toBeGreaterThanOrEqual(40);
    expect(passed(run, verdict), report(run, verdict)).toBe(true);
  });

  it('fails on a finding not in the list, naming the check, the file, the line and why', async () => {
    mkdirSync(join(work, 'src'), { recursive: true });
    writeFileSync(join(work, 'src', 'window.ts'), ["import { BrowserWindow } from 'electron';", 'export const w = new BrowserWindow({', '  webPreferences: { nodeIntegration: true },', '});', ''].join('\n'));
    const run = await runElectronegativity(work, ['src']);
    const verdict = judge(run.findings, []);
    const nodeIntegration = verdict.unexpected.find((f) => f.check === 'NODE_INTEGRATION_JS_CHECK');
    expect(nodeIntegration).toMatchObject({ file: 'src/window.ts', line: 3, code: 'webPreferences: { nodeIntegration: true },' });
    expect(passed(run, verdict)).toBe(false);
    const text = report(run, verdict);
    expect(text).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(text).toContain('src/window.ts:3:');
    expect(text).toMatch(/why: .*nodeIntegration/i);
    expect(text).toContain('Electron audit FAILED.');
  });

  it('fails when an accepted finding no longer occurs, so the list cannot rot', () => {
    const gone: AcceptedFinding = { check: 'PRELOAD_JS_CHECK', file: 'src/main/hosts/electron.ts', code: 'preload: somewhereElse,', reason: 'A preload that no longer exists anywhere.' };
    const verdict = judge([], [gone]);
    expect(verdict.stale).toEqual([gone]);
    const run = { checks: 41, findings: [], parseErrors: [], inlineDisables: [] };
    expect(passed(run, verdict)).toBe(false);
    expect(report(run, verdict)).toContain('no longer found');
  });

  it('fails on an inline eng-disable comment, which would hide a finding from the reviewed list', async () => {
    const dir = join(work, 'inline');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src', 'window.ts'), ["import { BrowserWindow } from 'electron';", 'export const w = new BrowserWindow({ webPreferences: { sandbox: true } }); // eng-disable AUXCLICK_JS_CHECK', ''].join('\n'));
    const run = await runElectronegativity(dir, ['src']);
    expect(run.inlineDisables).toEqual([expect.stringContaining('src/window.ts:2:')]);
    expect(passed(run, judge(run.findings, []))).toBe(false);
  });
});
