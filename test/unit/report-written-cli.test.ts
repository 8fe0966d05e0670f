import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFParse } from 'pdf-parse';
import { beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/main/services/report/pdf';
import { CaseStore } from '../../src/main/store/case-store';
import { EXIT_CODES } from '../../src/shared/ipc/errors';
import { runCli } from '../helpers/run-cli';
import { newCase, PASSPHRASE } from '../helpers/store';
import { AMBER_STRINGS, GREEN_STRINGS, withMarkedReport } from '../helpers/written-report-fixture';

const dir = mkdtempSync(join(tmpdir(), 'cf-written-cli-'));
const file = join(dir, 'valley.cfcase');
const env = { CASEFILE_PASSPHRASE: PASSPHRASE };

/** Every text an output holds: a DOCX's XML parts, a PDF's text, HTML and Markdown as written. */
async function textOf(path: string): Promise<string> {
  const bytes = readFileSync(path);
  if (path.endsWith('.docx')) return Object.values(unzipSync(new Uint8Array(bytes))).map((d) => strFromU8(d)).join('\n');
  // Lines of a PDF's text may break anywhere; Markdown escapes brackets.
  if (path.endsWith('.pdf')) return (await new PDFParse({ data: new Uint8Array(bytes) }).getText()).text.replace(/\s+/g, ' ');
  return path.endsWith('.md') ? bytes.toString('utf8').replace(/\\([[\]])/g, '$1') : bytes.toString('utf8');
}

describe('casefile report list / write (written reports)', () => {
  beforeAll(async () => {
    await (await CaseStore.create(file, PASSPHRASE, withMarkedReport(newCase('Valley')))).close();
  }, 60_000);

  it('lists the written reports', async () => {
    const run = await runCli(['report', 'list', file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('report--valley\tdraft\tTLP:GREEN\t2026-03-01\tValley assessment\nreport--latin\tdraft\tTLP:GREEN\t2026-03-01\tValley assessment, Latin only\n');
  }, 60_000);

  const formats = findChromium() ? ['docx', 'html', 'md', 'pdf'] : ['docx', 'html', 'md'];
  it.each(formats)('writes %s at TLP:GREEN with no AMBER string in any file it writes, and prints what was left out', async (format) => {
    const out = join(dir, `green-${format}.${format}`);
    const run = await runCli(['report', 'write', file, '--report', format === 'pdf' ? 'Valley assessment, Latin only' : 'valley ASSESSMENT', '--format', format, '--max-marking', 'TLP:GREEN', '--out', out], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('left out: Paragraph 2 (TLP:AMBER)');
    expect(run.stderr).toContain('left out: Citation in Paragraph 3 of a TLP:AMBER record');
    const written = readdirSync(dir).filter((f) => f.startsWith(`green-${format}`));
    for (const name of written) {
      // Case folded: the citation style title-cases titles.
      const text = (await textOf(join(dir, name))).toLowerCase();
      for (const amber of AMBER_STRINGS) expect(text, `${name} holds "${amber}"`).not.toContain(amber.toLowerCase());
    }
    const main = (await textOf(out)).toLowerCase();
    for (const green of GREEN_STRINGS.slice(0, format === 'pdf' ? 2 : 3)) expect(main).toContain(green.toLowerCase());
    expect(main).toContain('[withheld]');
  }, 120_000);

  it('writes the AMBER material at TLP:AMBER (the check above can fail)', async () => {
    const out = join(dir, 'amber.html');
    const run = await runCli(['report', 'write', file, '--report', 'report--valley', '--format', 'html', '--max-marking', 'TLP:AMBER', '--out', out], env);
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(out, 'utf8').toLowerCase();
    for (const amber of AMBER_STRINGS) expect(html).toContain(amber.toLowerCase());
  }, 60_000);

  it('DOCX: real Word endnotes or footnotes, headings in Word heading styles, RTL paragraphs marked bidi', async () => {
    for (const notes of ['footnotes', 'endnotes']) {
      const out = join(dir, `notes-${notes}.docx`);
      const run = await runCli(['report', 'write', file, '--report', 'report--valley', '--format', 'docx', '--max-marking', 'TLP:GREEN', '--notes', notes, '--out', out], env);
      expect(run.code, run.stderr).toBe(0);
      const parts = unzipSync(new Uint8Array(readFileSync(out)));
      const body = strFromU8(parts['word/document.xml']!);
      expect(body).toContain(notes === 'footnotes' ? '<w:footnoteReference' : '<w:endnoteReference');
      expect(strFromU8(parts[`word/${notes}.xml`]!)).toContain('Open Reporting on the Valley');
      expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>/);
      expect(body).toContain('<w:bidi/>');
    }
  }, 60_000);

  it('refuses an unknown report and a bad option', async () => {
    const missing = await runCli(['report', 'write', file, '--report', 'nope', '--format', 'md', '--out', join(dir, 'x.md')], env);
    expect(missing.code).toBe(EXIT_CODES.NOT_FOUND);
    expect(missing.stderr).toContain('casefile report list');
    const bad = await runCli(['report', 'write', file, '--report', 'report--valley', '--format', 'md', '--withheld', 'hide', '--out', join(dir, 'x.md')], env);
    expect(bad.code).toBe(EXIT_CODES.VALIDATION);
  }, 60_000);
});
