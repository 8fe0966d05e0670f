import { mapSvg } from '../../../shared/analytics/svg';
import type { CaseDocument } from '../../../shared/domain/case';
import type { Marking } from '../../../shared/domain/marking';
import type { WrittenReport } from '../../../shared/domain/written-report';
import { err, ok, type Result } from '../../../shared/ipc/result';
import { compileWrittenReport, type CompileOptions } from '../../../shared/report/authoring/compile';
import type { ReportDocument } from '../../../shared/report/document';
import type { ReportInput } from '../../../shared/report/select';
import { chartSvg } from './chart-svg';
import { cslNoteFormatter } from './csl-notes';
import { reportDocx } from './docx';
import { reportHtml } from './html';
import { reportMarkdown } from './markdown';
import type { PdfPrinter } from './pdf';
import type { ReportFormat } from './report-service';

export interface WrittenExportOptions {
  format: ReportFormat;
  maxMarking: Marking;
  withheld: 'mark' | 'drop';
  noteMode: 'footnotes' | 'endnotes';
  now?: Date;
  /** Live-node compilers other than the app's (the bench's stand-in figures). */
  compilers?: CompileOptions['compilers'];
}

/** A file written beside the report (Markdown's figures), named relative to it. */
export interface SideFile {
  name: string;
  bytes: Buffer;
}

export interface WrittenExport {
  document: ReportDocument;
  bytes: Buffer;
  figures: SideFile[];
}

function inputOf(doc: CaseDocument): ReportInput {
  return { caseName: doc.name, events: doc.events, actors: doc.actors, sources: doc.sources, series: doc.series, relationships: doc.relationships, matrices: doc.matrices, matrixRows: doc.matrixRows };
}

/** The written report as the export's tree at the chosen maximum (what the confirmation lists before writing). */
export function compileForExport(doc: CaseDocument, report: WrittenReport, options: Omit<WrittenExportOptions, 'format'>): Result<ReportDocument> {
  const input = inputOf(doc);
  return compileWrittenReport(report, input, { maxMarking: options.maxMarking, withheld: options.withheld, noteMode: options.noteMode, ...(options.now ? { now: options.now } : {}), ...(options.compilers ? { compilers: options.compilers } : {}) }, cslNoteFormatter(input, report.citationStyle));
}

/**
 * Writes a written report in one format from its compiled tree. Markdown's figures are SVG
 * files named after the report file (`base`-figure-N.svg), to be written beside it.
 */
export async function writeWrittenReport(doc: CaseDocument, report: WrittenReport, options: WrittenExportOptions, printer: PdfPrinter, base = 'report'): Promise<Result<WrittenExport>> {
  const compiled = compileForExport(doc, report, options);
  if (!compiled.ok) return err(compiled.error.code, compiled.error.message);
  const document = compiled.value;
  const figures: SideFile[] = [];
  switch (options.format) {
    case 'html':
      return ok({ document, figures, bytes: Buffer.from(reportHtml(document), 'utf8') });
    case 'pdf':
      return ok({ document, figures, bytes: await printer(reportHtml(document)) });
    case 'docx':
      return ok({ document, figures, bytes: await reportDocx(document) });
    case 'md': {
      const text = reportMarkdown(document, (b) => {
        const name = `${base}-figure-${figures.length + 1}.svg`;
        figures.push({ name, bytes: Buffer.from(b.type === 'chart' ? chartSvg(b.chart) : mapSvg(b.map), 'utf8') });
        return name;
      });
      return ok({ document, figures, bytes: Buffer.from(text, 'utf8') });
    }
  }
}
