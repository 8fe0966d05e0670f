import { listLookup } from '../ach/lookup';
import { lookupAt, matrixAt, type MatrixView } from '../ach/product';
import { cellText, leadText, sensitivityLines } from '../ach/table';
import { LEVEL_LABELS } from '../domain/ach';
import { isWithinMarking, type Marking } from '../domain/marking';
import type { Source } from '../domain/source';
import type { Block, LeftOut, Run } from './document';
import type { FootnoteBook } from './footnotes';
import type { ReportInput } from './select';
import type { ReportTemplate } from './template';

/**
 * The ACH matrices a report shows (the template's pick, else every one), each cut at the
 * report's marking as any product is (shared/ach/product.ts): rows above it stay out and are
 * listed, cites of withheld records are dropped, and the scores are computed from what is shown.
 * Also the sources its rows cite within the cut, so they get footnotes.
 */
export function achForReport(input: ReportInput, template: ReportTemplate): { views: MatrixView[]; leftOut: LeftOut[]; sources: Source[] } {
  const matrices = input.matrices ?? [];
  if (matrices.length === 0) return { views: [], leftOut: [], sources: [] };
  const filterCap = input.filter?.maxMarking;
  const cap: Marking = filterCap && !isWithinMarking(template.maxMarking, filterCap) ? filterCap : template.maxMarking;
  const picked = template.matrixIds ? matrices.filter((m) => template.matrixIds?.includes(m.id)) : matrices;
  const lookup = listLookup({ events: input.events, sources: input.sources, actors: input.actors, relationships: input.relationships ?? [] });
  const visible = lookupAt(lookup, cap);
  const views: MatrixView[] = [];
  const leftOut: LeftOut[] = [];
  const sources = new Map<string, Source>();
  const above = (marking: Marking) => `marked ${marking}, above the report's maximum ${cap}`;
  for (const matrix of picked) {
    const view = matrixAt(matrix, input.matrixRows ?? [], lookup, cap);
    if (!view) {
      leftOut.push({ collection: 'matrices', id: matrix.id, title: matrix.title, marking: matrix.marking, reason: above(matrix.marking) });
      continue;
    }
    for (const row of input.matrixRows ?? []) {
      if (row.matrixId === matrix.id && !isWithinMarking(row.marking, cap)) leftOut.push({ collection: 'matrixRows', id: row.id, title: row.title, marking: row.marking, reason: above(row.marking) });
    }
    for (const { row } of view.rows) {
      for (const cite of row.cites) {
        const source = cite.collection === 'sources' ? visible.get('sources', cite.id) : undefined;
        if (source) sources.set(source.id, source);
      }
    }
    views.push(view);
  }
  return { views, leftOut, sources: [...sources.values()] };
}

/** The section: per matrix its question, hypotheses, the rated table with scores, the lead and what it rests on. */
export function achSection(views: readonly MatrixView[], book: FootnoteBook): { blocks: Block[]; items: number } {
  if (views.length === 0) return { blocks: [], items: 0 };
  const blocks: Block[] = [{ type: 'heading', level: 1, text: 'Competing hypotheses' }];
  for (const view of views) {
    const hyps = view.matrix.hypotheses;
    blocks.push({ type: 'heading', level: 2, text: view.matrix.title });
    if (view.matrix.description) blocks.push({ type: 'paragraph', runs: [{ text: view.matrix.description }] });
    blocks.push({ type: 'list', ordered: false, items: hyps.map((h, i): Run[] => [{ text: `H${i + 1}: `, strong: true }, { text: h.statement, strong: h.id === view.scores.lead }]) });
    const diag = new Map(view.scores.rows.map((r) => [r.id, r.diagnosticity]));
    const rows = view.rows.map(({ row, status }): Run[][] => {
      const sourceCites = row.cites.filter((c) => c.collection === 'sources').map((c) => ({ sourceId: c.id, credibility: c.credibility ?? 6, ...(c.locator ? { locator: c.locator } : {}) }));
      const others = status.cites.filter((c) => c.collection !== 'sources').map((c) => c.label);
      const evidence: Run[] = [{ text: row.kind === 'assumption' ? `Assumption: ${row.title}` : row.title }, ...book.cite(sourceCites)];
      if (others.length > 0) evidence.push({ text: ` (cites ${others.join('; ')})` });
      return [
        evidence,
        [{ text: `${status.weight} (${LEVEL_LABELS[status.credibility]}${status.overridden ? ', set' : ''} × ${LEVEL_LABELS[row.relevance]})` }],
        ...hyps.map((h): Run[] => [{ text: cellText(row.ratings[h.id]) }]),
        [{ text: String(diag.get(row.id) ?? 0) }],
      ];
    });
    const score = (label: string, key: 'inconsistency' | 'consistency'): Run[][] => [[{ text: label, strong: true }], [{ text: '' }], ...view.scores.hypotheses.map((s): Run[] => [{ text: String(s[key]), strong: s.id === view.scores.lead }]), [{ text: '' }]];
    blocks.push({
      type: 'table',
      caption: `${view.matrix.title} (${view.marking}; ${view.rows.length} rows)`,
      header: ['Evidence', 'Weight', ...hyps.map((_, i) => `H${i + 1}`), 'Diagnosticity'],
      rows: [...rows, score('Inconsistency (lower is more likely)', 'inconsistency'), score('Consistency', 'consistency')],
    });
    const notes = view.rows.flatMap(({ row }) => hyps.flatMap((h, i) => (row.ratings[h.id]?.note ? [[{ text: `${row.title}, H${i + 1}: `, strong: true }, { text: row.ratings[h.id]?.note ?? '' }] as Run[]] : [])));
    if (notes.length > 0) blocks.push({ type: 'list', ordered: false, items: notes });
    blocks.push({ type: 'paragraph', runs: [{ text: leadText(view), strong: true }] });
    const sensitive = sensitivityLines(view);
    if (sensitive.length > 0) blocks.push({ type: 'paragraph', runs: [{ text: 'The lead would change with:' }] }, { type: 'list', ordered: false, items: sensitive.map((s): Run[] => [{ text: s }]) });
    if (view.withheld > 0) blocks.push({ type: 'paragraph', runs: [{ text: `${view.withheld} row(s) above this report's marking are left out; the scores are computed without them.` }] });
  }
  return { blocks, items: views.length };
}
