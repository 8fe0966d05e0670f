import type { CaseDocument } from '../../../shared/domain/case';
import type { EventFilter } from '../../../shared/domain/filters';
import { buildReport } from '../../../shared/report/build';
import type { ReportDocument } from '../../../shared/report/document';
import type { ReportTemplate } from '../../../shared/report/template';
import { reportDocx } from './docx';
import { reportHtml } from './html';
import { reportMarkdown } from './markdown';
import { chromiumPrinter, type PdfPrinter } from './pdf';

export const REPORT_FORMATS = ['pdf', 'html', 'docx', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
};

export interface WrittenReport {
  bytes: Buffer;
  document: ReportDocument;
}

/** Builds the report tree from the case (marking filter applied) and writes it in one format. */
export async function writeReport(doc: CaseDocument, template: ReportTemplate, format: ReportFormat, options: { filter?: EventFilter; printer?: PdfPrinter; now?: Date } = {}): Promise<WrittenReport> {
  const document = buildReport({ caseName: doc.name, events: doc.events, actors: doc.actors, sources: doc.sources, series: doc.series, relationships: doc.relationships, matrices: doc.matrices, matrixRows: doc.matrixRows, filter: options.filter }, template, options.now ?? new Date());
  return { document, bytes: await render(document, format, options.printer ?? chromiumPrinter) };
}

export async function render(document: ReportDocument, format: ReportFormat, printer: PdfPrinter): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(reportHtml(document), 'utf8');
    case 'md':
      return Buffer.from(reportMarkdown(document), 'utf8');
    case 'docx':
      return reportDocx(document);
    case 'pdf':
      return printer(reportHtml(document));
  }
}

/** A file name for the report: the title in safe characters plus the extension. */
export function reportFileName(title: string, format: ReportFormat): string {
  const base = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'report';
  return `${base}.${format}`;
}
