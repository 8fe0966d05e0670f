import type { CaseDocument } from '../../../shared/domain/case';
import type { EventFilter } from '../../../shared/domain/filters';
import type { Marking } from '../../../shared/domain/marking';
import { buildReport } from '../../../shared/report/build';
import { PREVIEW_LEFT_OUT, PREVIEW_NOTES, PREVIEW_ROWS, type ReportPreview } from '../../../shared/report/schemas';
import { selectReport } from '../../../shared/report/select';
import { buildMarkdownSummary } from '../../../shared/report/summary';
import type { ReportTemplate } from '../../../shared/report/template';

/**
 * The builder's live preview, made in main from the case: the same selection, marking cut,
 * footnote numbers and size as the written report, with each long section cut to its first
 * PREVIEW_ROWS items (the rest measured, not held), and the first notes and left-out records.
 */
export function reportPreview(doc: CaseDocument, template: ReportTemplate, filter: EventFilter | undefined, now: Date): ReportPreview {
  const built = buildReport({ caseName: doc.name, events: doc.events, actors: doc.actors, sources: doc.sources, series: doc.series, matrices: doc.matrices, matrixRows: doc.matrixRows, filter }, template, now, { rows: PREVIEW_ROWS });
  const leftOutCounts: Record<string, number> = {};
  for (const item of built.leftOut) leftOutCounts[item.collection] = (leftOutCounts[item.collection] ?? 0) + 1;
  return {
    title: built.title,
    marking: built.marking,
    blocks: built.blocks,
    footnotes: built.footnotes.slice(0, PREVIEW_NOTES),
    leftOut: built.leftOut.slice(0, PREVIEW_LEFT_OUT),
    size: built.size,
    footnotesTotal: built.footnotes.length,
    leftOutTotal: built.leftOut.length,
    leftOutCounts,
  };
}

/** The Markdown case summary, cut as the report with this maximum marking and filters would be. */
export function reportSummary(doc: CaseDocument, maxMarking: Marking, filter: EventFilter | undefined, now: Date): string {
  const selection = selectReport({ caseName: doc.name, ...doc, filter }, maxMarking);
  return buildMarkdownSummary({ caseName: doc.name, selection, maxMarking, filtered: Object.keys(filter ?? {}).length > 0 }, now);
}
