import { MAX_HYPOTHESES, type AchMatrix, type AchRow, type Hypothesis } from '../domain/ach';
import type { CaseDocument } from '../domain/case';
import type { AnyRecord } from '../domain/collections';
import { canonicalJson } from './canonical';
import type { FieldConflict, MergePlan } from './merge-plan';

/**
 * A matrix's columns after every record is planned (docs/ach.md, "Several analysts"): a removed
 * hypothesis that ratings still need comes back whole, and a matrix never takes more hypotheses
 * than its bound, ours first, with what was left out said in the review.
 */

type Ours = Pick<CaseDocument, 'matrices' | 'matrixRows'>;

/** The rows as the plan leaves them, and a way to change one within the plan. */
function plannedRows(plan: MergePlan, ours: Ours) {
  const rows = new Map<string, AchRow>(ours.matrixRows.map((r) => [r.id, r]));
  for (const c of plan.changed) if (c.collection === 'matrixRows') rows.set(c.id, c.merged as AchRow);
  for (const a of plan.added) if (a.collection === 'matrixRows') rows.set(a.record.id, a.record as AchRow);
  for (const d of plan.deleted) if (d.collection === 'matrixRows') rows.delete(d.id);
  const set = (after: AchRow): void => {
    rows.set(after.id, after);
    const added = plan.added.find((a) => a.collection === 'matrixRows' && a.record.id === after.id);
    if (added) return void (added.record = after as AnyRecord);
    const at = plan.changed.findIndex((c) => c.collection === 'matrixRows' && c.id === after.id);
    const before = ours.matrixRows.find((r) => r.id === after.id)!;
    if (at < 0) return void plan.changed.push({ collection: 'matrixRows', id: after.id, label: after.title, fields: ['ratings'], merged: after as AnyRecord, before: before as AnyRecord });
    const entry = plan.changed[at]!;
    entry.merged = after as AnyRecord;
    const same = canonicalJson(after.ratings) === canonicalJson(before.ratings);
    entry.fields = [...entry.fields.filter((f) => f !== 'ratings'), ...(same ? [] : ['ratings'])];
    // Nothing of theirs left to take in this row: it is ours as it stands.
    if (entry.fields.length === 0 && !plan.conflicts.some((c) => c.collection === 'matrixRows' && c.id === after.id)) {
      plan.changed.splice(at, 1);
      plan.oursNewer++;
    }
  };
  return { rows, set };
}

function matrixEntry(plan: MergePlan, ours: Ours, id: string): { matrix: AchMatrix; write: (after: AchMatrix) => void } | undefined {
  const changed = plan.changed.find((c) => c.collection === 'matrices' && c.id === id);
  if (changed) return { matrix: changed.merged as AchMatrix, write: (after) => void (changed.merged = after as AnyRecord, changed.fields.includes('hypotheses') || changed.fields.push('hypotheses')) };
  const added = plan.added.find((a) => a.collection === 'matrices' && a.record.id === id);
  if (added) return { matrix: added.record as AchMatrix, write: (after) => void (added.record = after as AnyRecord) };
  const mine = ours.matrices.find((m) => m.id === id);
  if (!mine) return undefined;
  return { matrix: mine, write: (after) => void plan.changed.push({ collection: 'matrices', id, label: after.title, fields: ['hypotheses'], merged: after as AnyRecord, before: mine as AnyRecord }) };
}

/** A choice of wording for this matrix's hypotheses offers the same columns on both sides. */
function rewordConflicts(plan: MergePlan, matrixId: string, change: (list: Hypothesis[]) => Hypothesis[]): void {
  for (const c of plan.conflicts) {
    if (c.kind !== 'field' || c.collection !== 'matrices' || c.id !== matrixId || c.field !== 'hypotheses') continue;
    const field: FieldConflict = c;
    field.ours = change(field.ours as Hypothesis[]);
    field.theirs = change(field.theirs as Hypothesis[]);
  }
}

const titles = (rows: readonly AchRow[]): string => {
  const named = rows.slice(0, 3).map((r) => `“${r.title}”`).join(', ');
  return rows.length > 3 ? `${named} and ${rows.length - 3} more` : named;
};

/**
 * A rating the merge keeps for a hypothesis the merged matrix no longer has (one side removed it,
 * the other rated it since, or rated it in a row the file did not carry) would be invisible. Such
 * a hypothesis comes back WHOLE: every rating of it either side holds, not only the one that
 * needed it (a column back with one rating of four would lead on that one alone). The plan says why.
 */
export function restoreRatedHypotheses(plan: MergePlan, ours: Ours, incoming: readonly AchMatrix[], theirRows: readonly AchRow[]): void {
  const { rows, set } = plannedRows(plan, ours);
  const sent = new Map(theirRows.map((r) => [r.id, r]));
  const mine = new Map(ours.matrixRows.map((r) => [r.id, r]));
  const matrixIds = new Set([...rows.values()].map((r) => r.matrixId));
  for (const matrixId of matrixIds) {
    const entry = matrixEntry(plan, ours, matrixId);
    if (!entry) continue;
    const shown = new Set(entry.matrix.hypotheses.map((h) => h.id));
    const ourMatrix = ours.matrices.find((m) => m.id === matrixId);
    const sources = [...(ourMatrix?.hypotheses ?? []), ...incoming.filter((m) => m.id === matrixId).flatMap((m) => m.hypotheses)];
    const inMatrix = () => [...rows.values()].filter((r) => r.matrixId === matrixId);
    const needed = new Set(inMatrix().flatMap((r) => Object.keys(r.ratings)).filter((h) => !shown.has(h)));
    const back = [...needed].flatMap((h) => sources.filter((s) => s.id === h).slice(0, 1));
    if (back.length === 0) continue;
    const reasons: string[] = [];
    for (const h of back) {
      const rated = inMatrix().filter((r) => r.ratings[h.id] !== undefined);
      for (const row of inMatrix()) {
        if (row.ratings[h.id] !== undefined) continue;
        const cell = mine.get(row.id)?.ratings[h.id] ?? sent.get(row.id)?.ratings[h.id];
        if (cell) set({ ...row, ratings: { ...row.ratings, [h.id]: cell } });
      }
      if (ourMatrix?.hypotheses.some((x) => x.id === h.id)) {
        const unseen = rated.filter((r) => !sent.has(r.id));
        const since = rated.filter((r) => sent.has(r.id));
        const why = [
          ...(unseen.length > 0 ? [`rated in rows the sender did not receive (${titles(unseen)})`] : []),
          ...(since.length > 0 ? [`rated here since the copy the sender changed (${titles(since)})`] : []),
        ];
        reasons.push(`“${h.statement}” is kept with all its ratings though the sender removed it: ${why.join('; ')}; remove it here to drop them`);
      } else {
        reasons.push(`“${h.statement}” is back with all the sender's ratings of it: removed here, rated by the sender since (${titles(rated)}); remove it again to drop them`);
      }
    }
    entry.write({ ...entry.matrix, hypotheses: [...entry.matrix.hypotheses, ...back] });
    rewordConflicts(plan, matrixId, (list) => [...list, ...back]);
    for (const note of reasons) plan.notes.push({ collection: 'matrices', id: matrixId, label: entry.matrix.title, note });
  }
}

/**
 * Both sides added hypotheses past the matrix's bound: ours stay, theirs are added in their order
 * while there is room, and the rest (with their ratings) are left out and said, in the review and
 * among what the merge skipped, never dropped unsaid when the merged matrix fails its schema.
 */
export function boundHypotheses(plan: MergePlan, ours: Ours): void {
  const { rows, set } = plannedRows(plan, ours);
  for (const change of plan.changed.filter((c) => c.collection === 'matrices')) {
    const merged = change.merged as AchMatrix;
    if (merged.hypotheses.length <= MAX_HYPOTHESES) continue;
    const ourIds = new Set((ours.matrices.find((m) => m.id === change.id)?.hypotheses ?? []).map((h) => h.id));
    const room = MAX_HYPOTHESES - merged.hypotheses.filter((h) => ourIds.has(h.id)).length;
    const theirs = merged.hypotheses.filter((h) => !ourIds.has(h.id));
    const dropped = theirs.slice(Math.max(0, room));
    const out = new Set(dropped.map((h) => h.id));
    change.merged = { ...merged, hypotheses: merged.hypotheses.filter((h) => !out.has(h.id)) } as AnyRecord;
    rewordConflicts(plan, change.id, (list) => list.filter((h) => !out.has(h.id)));
    const named = dropped.slice(0, 10).map((h) => `“${h.statement}”`).join(', ') + (dropped.length > 10 ? ` and ${dropped.length - 10} more` : '');
    plan.notes.push({ collection: 'matrices', id: change.id, label: merged.title, leftOut: true, note: `${dropped.length} of the sender's hypotheses cannot be added (a matrix holds at most ${MAX_HYPOTHESES}; ours are kept): ${named}; their ratings of them are left out too, row by row` });
    for (const row of [...rows.values()].filter((r) => r.matrixId === change.id)) {
      const lost = Object.entries(row.ratings).filter(([h]) => out.has(h));
      if (lost.length === 0) continue;
      const ratings = Object.fromEntries(Object.entries(row.ratings).filter(([h]) => !out.has(h)));
      set({ ...row, ratings });
      const said = lost.map(([h, cell]) => `${cell.value} for “${dropped.find((d) => d.id === h)!.statement}” (${h})`).join(', ');
      plan.notes.push({ collection: 'matrixRows', id: row.id, label: row.title, leftOut: true, note: `their rating(s) of hypotheses that could not be added are left out: ${said}` });
    }
  }
}
