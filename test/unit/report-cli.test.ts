import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../src/shared/ipc/errors';
import { runCli } from '../helpers/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'cf-report-cli-'));
const demo = join(dir, 'demo.cfcase');
const pass = { CASEFILE_PASSPHRASE: 'correct horse battery' };

describe('casefile report', () => {
  beforeAll(async () => {
    expect((await runCli(['new', demo, '--demo'], pass)).code).toBe(0);
  }, 60_000);

  it('writes Markdown with the default sections and lists what the maximum marking left out', async () => {
    const out = join(dir, 'clear.md');
    const run = await runCli(['report', demo, '--format', 'md', '--out', out, '--max-marking', 'TLP:CLEAR'], pass);
    expect(run.code).toBe(0);
    const md = readFileSync(out, 'utf8');
    for (const heading of ['## Summary', '## Charts', '## Map', '## Timeline', '## Actor profiles', '## Events', '## Sources']) expect(md).toContain(heading);
    const leftOut = [...run.stderr.matchAll(/left out: events "([^"]+)" \(marked (TLP:[A-Z+]+)/g)];
    expect(leftOut.length).toBeGreaterThan(0);
    for (const [, title, marking] of leftOut) {
      expect(marking).not.toBe('TLP:CLEAR');
      expect(md).not.toContain(title);
    }
    expect(md).toMatch(/^\[\^1\]: /m);
    // The size, section by section, as the builder shows it.
    expect(run.stderr).toMatch(/^Size: About \d+ pages \(A4\)$/m);
    expect(run.stderr).toMatch(/^ {2}Actor profiles: \d+ profiles, ~[\d.]+ pages?$/m);
    expect(run.stderr).toMatch(/^ {2}Sources and notes: \d+ sources, \d+ notes, ~[\d.]+ pages?$/m);
  }, 60_000);

  it('refuses an unknown format or template with the usage exit code', async () => {
    const bad = await runCli(['report', demo, '--format', 'odt', '--out', join(dir, 'x.odt')], pass);
    expect(bad.code).toBe(EXIT_CODES.VALIDATION);
    expect(bad.stderr).toContain('--format must be one of pdf, html, docx, md');
    const noTemplate = await runCli(['report', demo, '--format', 'md', '--out', join(dir, 'x.md'), '--template', 'fancy'], pass);
    expect(noTemplate.code).toBe(EXIT_CODES.VALIDATION);
    expect(noTemplate.stderr).toContain('unknown template "fancy"');
  }, 60_000);
});
