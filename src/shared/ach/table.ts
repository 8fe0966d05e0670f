import { LEVEL_LABELS, type AchCell } from '../domain/ach';
import type { MatrixView } from './product';
import type { RowStatus } from './resolve';

/** A cell of a product table: text, or a number (scores and weights stay numbers in XLSX). */
export type TableValue = string | number;

/** A matrix as a table, shared by CSV, XLSX, the report section and the image. */
export interface MatrixTable {
  title: string;
  /** "H1", "H2", … with each statement, in column order. */
  hypotheses: Array<{ id: string; label: string; statement: string }>;
  header: string[];
  rows: TableValue[][];
  /** Inconsistency and consistency per hypothesis, under the rating columns. */
  scoreRows: TableValue[][];
  /** Lines under the table: the lead, what it rests on, rows left out. */
  notes: string[];
}

/** The fixed columns before the hypotheses. */
export const LEADING_COLUMNS = ['Evidence', 'Type', 'Cites', 'Credibility', 'Relevance', 'Weight'] as const;

export function cellText(cell: AchCell | undefined): string {
  if (!cell) return '';
  if (!cell.others || cell.others.length === 0) return cell.value;
  return `${cell.value} (also ${cell.others.map((o) => `${o.value}${o.by ? ` by ${o.by}` : ''}`).join(', ')}${cell.kept ? '; kept' : ''})`;
}

export function credibilityText(status: Pick<RowStatus, 'credibility' | 'overridden' | 'proposed'>): string {
  const proposed = status.proposed ? LEVEL_LABELS[status.proposed] : 'none';
  if (status.overridden) return `${LEVEL_LABELS[status.credibility]} (set; proposed ${proposed})`;
  return status.proposed ? `${LEVEL_LABELS[status.credibility]} (proposed)` : `${LEVEL_LABELS[status.credibility]} (no graded source)`;
}

/** "H2 (the group directed it)" for messages. */
export function hypothesisName(view: Pick<MatrixView, 'matrix'>, id: string | null): string {
  if (id === null) return 'a tie (no lead)';
  const i = view.matrix.hypotheses.findIndex((h) => h.id === id);
  return i < 0 ? id : `H${i + 1} (${view.matrix.hypotheses[i]?.statement})`;
}

export function leadText(view: MatrixView): string {
  if (view.scores.lead) return `Tentative lead: ${hypothesisName(view, view.scores.lead)}, the least inconsistent.`;
  if (view.scores.tied.length > 0) return `No single lead: ${view.scores.tied.map((id) => hypothesisName(view, id)).join(' and ')} tie.`;
  return 'No lead: the matrix has no hypotheses.';
}

export function sensitivityLines(view: MatrixView): string[] {
  const title = new Map(view.rows.map(({ row }) => [row.id, row.title]));
  return view.sensitivity.map((s) => {
    const what = [s.removal ? `removing it, ${hypothesisName(view, s.removal.leads)} would lead` : null, s.reversal ? `reversing its ratings, ${hypothesisName(view, s.reversal.leads)} would lead` : null].filter(Boolean).join('; ');
    return `“${title.get(s.rowId) ?? s.rowId}”: ${what}.`;
  });
}

export function matrixTable(view: MatrixView): MatrixTable {
  const hypotheses = view.matrix.hypotheses.map((h, i) => ({ id: h.id, label: `H${i + 1}`, statement: h.statement }));
  const diag = new Map(view.scores.rows.map((r) => [r.id, r.diagnosticity]));
  const rows = view.rows.map(({ row, status }): TableValue[] => [
    row.title,
    row.kind === 'assumption' ? 'Assumption' : 'Evidence',
    status.cites.map((c) => c.label).join('; '),
    credibilityText(status),
    LEVEL_LABELS[row.relevance],
    status.weight,
    ...hypotheses.map((h) => cellText(row.ratings[h.id])),
    diag.get(row.id) ?? 0,
    hypotheses.flatMap((h) => (row.ratings[h.id]?.note ? [`${h.label}: ${row.ratings[h.id]?.note}`] : [])).join('; '),
  ]);
  const pad = LEADING_COLUMNS.map(() => '');
  const scoreRows: TableValue[][] = [
    ['Inconsistency (lower is more likely)', ...pad.slice(1), ...view.scores.hypotheses.map((s) => s.inconsistency), '', ''],
    ['Consistency', ...pad.slice(1), ...view.scores.hypotheses.map((s) => s.consistency), '', ''],
  ];
  const sensitive = sensitivityLines(view);
  const notes = [
    leadText(view),
    ...(sensitive.length > 0 ? ['The lead would change with:', ...sensitive] : view.scores.lead ? ['No single row, removed or reversed, changes the lead.'] : []),
    ...(view.withheld > 0 ? [`${view.withheld} row(s) marked above ${view.cap ?? 'the cut'} are left out, and the scores are computed without them.`] : []),
  ];
  return { title: view.matrix.title, hypotheses, header: [...LEADING_COLUMNS, ...hypotheses.map((h) => `${h.label}: ${h.statement}`), 'Diagnosticity', 'Notes'], rows, scoreRows, notes };
}
