import type { MatrixView } from './product';

/**
 * A matrix as plain JSON (the CLI's `ach show --json`): hypotheses with every score, rows with
 * what they cite, their ratings, weights and diagnosticity, the lead and the sensitivity list.
 */
export function matrixJson(view: MatrixView) {
  const diag = new Map(view.scores.rows.map((r) => [r.id, r.diagnosticity]));
  const label = new Map(view.matrix.hypotheses.map((h, i) => [h.id, `H${i + 1}`]));
  const statement = (id: string | null) => view.matrix.hypotheses.find((h) => h.id === id)?.statement ?? null;
  return {
    id: view.matrix.id,
    question: view.matrix.title,
    ...(view.matrix.description ? { description: view.matrix.description } : {}),
    marking: view.matrix.marking,
    /** The most restrictive marking of what this output holds. */
    outputMarking: view.marking,
    hypotheses: view.scores.hypotheses.map((s, i) => ({ id: s.id, label: `H${i + 1}`, statement: view.matrix.hypotheses[i]?.statement ?? '', inconsistency: s.inconsistency, consistency: s.consistency, rated: s.rated })),
    rows: view.rows.map(({ row, status }) => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      marking: row.marking,
      cites: status.cites.map((c) => ({ collection: c.collection, id: c.id, ...(c.claimId ? { claimId: c.claimId } : {}), label: c.label, state: c.state, ...(c.mergedInto ? { mergedInto: c.mergedInto.id } : {}) })),
      relevance: row.relevance,
      credibility: { proposed: status.proposed, used: status.credibility, overridden: status.overridden },
      support: status.support.map((s) => ({ sourceId: s.sourceId, grade: `${s.reliability}${s.credibility}`, level: s.grade, via: s.via })),
      weight: status.weight,
      diagnosticity: diag.get(row.id) ?? 0,
      // In column order; a hypothesis not rated yet is left out.
      ratings: view.matrix.hypotheses.flatMap((h) => (row.ratings[h.id] ? [{ hypothesisId: h.id, label: label.get(h.id), ...row.ratings[h.id] }] : [])),
      flags: status.flags,
    })),
    lead: view.scores.lead ? { id: view.scores.lead, label: label.get(view.scores.lead), statement: statement(view.scores.lead) } : null,
    tied: view.scores.tied,
    sensitivity: view.sensitivity.map((s) => ({ rowId: s.rowId, removal: s.removal, reversal: s.reversal })),
    withheld: view.withheld,
  };
}
