import { describe, expect, it } from 'vitest';
import { cslNoteFormatter } from '../../src/main/services/report/csl-notes';
import { reportHtml } from '../../src/main/services/report/html';
import { reportMarkdown } from '../../src/main/services/report/markdown';
import { compileWrittenReport } from '../../src/shared/report/authoring/compile';
import type { ReportInput } from '../../src/shared/report/select';
import { AMBER_SOURCE, GREEN_SOURCE, markedReport } from '../helpers/written-report-fixture';

const input: ReportInput = { caseName: 'Valley', events: [], actors: [], sources: [{ ...GREEN_SOURCE, url: 'https://example.org/open' }, AMBER_SOURCE], series: [] };

function compiled() {
  const result = compileWrittenReport(markedReport(), input, { maxMarking: 'TLP:GREEN', withheld: 'mark', noteMode: 'endnotes' }, cslNoteFormatter(input, 'chicago-fullnote-bibliography'));
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('a written report as a self-contained web page', () => {
  it('has no script and asks for nothing from outside (a source URL is printed as text only)', () => {
    const html = reportHtml(compiled());
    expect(html).not.toMatch(/<script|<link|<iframe|<object|<embed|@import|url\(\s*['"]?(?!data:)/i);
    expect(html).not.toMatch(/\s(src|href|srcset|action|poster)\s*=\s*(?!["']?(#|data:))/i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('https://example.org/open');
    expect(html).toContain('<p dir="rtl">د ولايت خبرې</p>');
    expect(html).toMatch(/<h1>Bibliography<\/h1><p>Doe, Jane\. “Open Reporting on the Valley\.”/);
  });

  it('Markdown has [^n] notes in order with the withheld one marked', () => {
    const md = reportMarkdown(compiled());
    expect(md).toContain('The group claimed fewer attacks in 2023.[^1]');
    expect(md).toContain('Losses rose as well.[^2],[^3]');
    expect(md).toMatch(/^\[\^2\]: \\\[withheld\\\]$/m);
  });
});
