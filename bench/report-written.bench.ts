/**
 * Written reports at size (issue 14): report_docx_30p_ms < 3000 and report_pdf_30p_ms < 5000,
 * a ~30-page written report with 150 citations and 6 figures compiled from the case and written
 * end to end (compiler, CSL notes, writer; PDF through headless Chromium). Beside them, in the
 * same run, the case report's PDF and DOCX of the same case as the baseline.
 */
import { PDFParse } from 'pdf-parse';
import type { BodyNode, WrittenReport } from '../src/shared/domain/written-report';
import { CHART_IDS } from '../src/shared/analytics/chart-data';
import { figureSpec } from '../src/shared/report/authoring/figure-spec';
import { builtInTemplate } from '../src/shared/report/template';
import { chromiumPrinter } from '../src/main/services/report/pdf';
import { writeReport } from '../src/main/services/report/report-service';
import { writeWrittenReport } from '../src/main/services/report/written-export';
import { generateCase } from './generate';
import type { BenchContext } from './run';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const WORDS = 'the group claimed attacks across the province while losses in the operations rose through the year and the pattern shifted between seasons'.split(' ');

/** ~600 characters of prose, varied by `i`. */
function sentence(i: number): string {
  const words = Array.from({ length: 95 }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]);
  return `${words.join(' ')}.`;
}

/** A live figure of the case: one of the Analytics charts, drawn by the report's figure compiler. */
function figureNode(p: number): BodyNode {
  const chart = CHART_IDS[p % CHART_IDS.length]!;
  return { type: 'figure', attrs: { id: `fig-${p}`, spec: JSON.stringify(figureSpec(chart)), caption: `Chart ${chart}`, sourceLine: 'Source: the bench case.', marking: null } };
}

function body(sourceIds: string[]): BodyNode {
  const content: BodyNode[] = [];
  let cites = 0;
  for (let p = 0; p < 150; p++) {
    if (p % 12 === 0) content.push({ type: 'heading', attrs: { level: p % 36 === 0 ? 1 : 2 }, content: [{ type: 'text', text: `Section ${p / 12 + 1}` }] });
    if (p % 25 === 12 && content.filter((n) => n.type === 'figure').length < 6) content.push(figureNode(p));
    const para: BodyNode[] = [{ type: 'text', text: sentence(p) }];
    // 150 citations, one a paragraph (about 30 pages in all).
    if (cites < 150) {
      para.push({ type: 'citation', attrs: { recordId: sourceIds[cites % sourceIds.length]!, kind: 'sources', locator: String(cites + 1), label: '' } });
      cites++;
    }
    content.push({ type: 'paragraph', content: para });
  }
  return { type: 'doc', content };
}

export default async function reportWrittenBench({ log }: BenchContext): Promise<Record<string, number>> {
  const doc = generateCase({ events: 220, actors: 40, seed: 7 });
  const report: WrittenReport = { id: 'report--bench', title: 'Bench report', authors: ['A. Analyst'], date: '2026-03-01', marking: 'TLP:CLEAR', status: 'draft', citationStyle: 'chicago-fullnote-bibliography', body: body(doc.sources.map((s) => s.id)) };
  const options = { maxMarking: 'TLP:RED' as const, withheld: 'mark' as const, noteMode: 'footnotes' as const };
  const template = { ...builtInTemplate('full', doc.name), maxMarking: 'TLP:RED' as const, summary: 'Bench report.' };

  const times: Record<'docx' | 'pdf' | 'caseDocx' | 'casePdf', number[]> = { docx: [], pdf: [], caseDocx: [], casePdf: [] };
  let pages = 0;
  for (let i = 0; i < 3; i++) {
    for (const format of ['docx', 'pdf'] as const) {
      let started = performance.now();
      const written = await writeWrittenReport(doc, report, { ...options, format }, chromiumPrinter);
      times[format].push(performance.now() - started);
      if (!written.ok) throw new Error(written.error.message);
      if (i === 0 && format === 'pdf') pages = (await new PDFParse({ data: new Uint8Array(written.value.bytes) }).getText()).total;
      started = performance.now();
      await writeReport(doc, template, format);
      times[format === 'docx' ? 'caseDocx' : 'casePdf'].push(performance.now() - started);
    }
  }
  log(`written report, ${pages} PDF pages: DOCX ${times.docx.map((t) => t.toFixed(0)).join(', ')} ms; PDF ${times.pdf.map((t) => t.toFixed(0)).join(', ')} ms`);
  log(`case report (baseline): DOCX ${times.caseDocx.map((t) => t.toFixed(0)).join(', ')} ms; PDF ${times.casePdf.map((t) => t.toFixed(0)).join(', ')} ms`);
  return {
    report_docx_30p_ms: Math.round(median(times.docx)),
    report_pdf_30p_ms: Math.round(median(times.pdf)),
    report_written_pages: pages,
    report_case_docx_baseline_ms: Math.round(median(times.caseDocx)),
    report_case_pdf_baseline_ms: Math.round(median(times.casePdf)),
  };
}
