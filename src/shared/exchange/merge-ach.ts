import { mergeHypotheses } from '../ach/merge-hypotheses';
import { mergeRatings, ratingsOf, type RatingMemory } from '../ach/merge-ratings';
import type { AchMatrix, AchRow, Hypothesis } from '../domain/ach';
import type { AuditEntry } from '../domain/audit';
import type { CaseDocument } from '../domain/case';
import type { AnyRecord } from '../domain/collections';
import { canonicalJson } from './canonical';
import type { FieldConflict, MergePlan } from './merge-plan';
import { parseProvenance } from './provenance';

/**
 * How a merge treats ACH records beyond the generic field rules (docs/ach.md, "Several analysts"):
 * a row's ratings merge cell by cell with what our history remembers, a matrix's hypotheses merge
 * by id, and a row never changes matrix.
 */

/** What our history remembers of ACH rows, counting only steps still in effect (not undone). */
export interface AchMemory {
  /** For each row: its ratings as each step in effect left them, oldest first. */
  versions: ReadonlyMap<string, ReadonlyArray<AchRow['ratings']>>;
  /** For each row and hypothesis: ratings that merges of this author's earlier files brought in. */
  sent: ReadonlyMap<string, ReadonlyMap<string, ReadonlySet<string>>>;
}

/**
 * Reads the history once. A step that was undone (and not redone) does not count: a merge taken
 * back and merged again brings its ratings again.
 */
export function achMemory(history: readonly AuditEntry[], author: string | undefined): AchMemory {
  const live = stepsInEffect(history);
  const versions = new Map<string, Array<AchRow['ratings']>>();
  for (const entry of history) {
    if (!live.has(entry.seq)) continue;
    for (const change of entry.changes) {
      if (change.op !== 'put' || change.collection !== 'matrixRows') continue;
      const list = versions.get(change.id) ?? [];
      versions.set(change.id, list);
      list.push((change.after as AchRow).ratings);
    }
  }
  return { versions, sent: ratingsSentBy(history, author, live) };
}

/** Seqs of the entries whose effect stands: an undo cancels the entry it undoes, a redo cancels the undo. */
function stepsInEffect(history: readonly AuditEntry[]): Set<number> {
  const cancelled = new Set<number>();
  const live = new Set<number>();
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i]!;
    if (cancelled.has(entry.seq)) continue;
    live.add(entry.seq);
    if (entry.undoes !== undefined) cancelled.add(entry.undoes);
  }
  return live;
}

/** The ratings each merge (in effect) of a file signed by `author` added to a cell, compared with the cell before it. */
function ratingsSentBy(history: readonly AuditEntry[], author: string | undefined, live: ReadonlySet<number>): AchMemory['sent'] {
  const out = new Map<string, Map<string, Set<string>>>();
  if (!author) return out;
  const theirs = new Set(parseProvenance(history).filter((p) => p.author === author && live.has(p.seq)).map((p) => p.seq));
  for (const entry of history) {
    if (!theirs.has(entry.seq)) continue;
    for (const change of entry.changes) {
      if (change.op !== 'put' || change.collection !== 'matrixRows') continue;
      const before = (change.before as AchRow | null)?.ratings ?? {};
      for (const [h, cell] of Object.entries((change.after as AchRow).ratings)) {
        const had = new Set(ratingsOf(before[h]).map((r) => canonicalJson(r)));
        for (const r of ratingsOf(cell)) {
          const key = canonicalJson(r);
          if (had.has(key)) continue;
          const row = out.get(change.id) ?? new Map<string, Set<string>>();
          out.set(change.id, row);
          const set = row.get(h) ?? new Set<string>();
          row.set(h, set);
          set.add(key);
        }
      }
    }
  }
  return out;
}

export interface AchFieldMerge {
  /** The field's merged value (ours when nothing of theirs applies). */
  value: unknown;
  notes: string[];
  /** A choice left to the analyst: the merged value with their side where both changed it differently. */
  rival?: unknown;
}

/** A field of an ACH record merged by its own rule, or undefined for the generic rule. */
export function mergeAchField(collection: string, field: string, mine: AnyRecord, theirs: unknown, base: unknown, hasBase: boolean, remembered: AchMemory): AchFieldMerge | undefined {
  const ours = (mine as unknown as Record<string, unknown>)[field];
  if (collection === 'matrixRows' && field === 'matrixId') {
    // The rule of the local edit (putRowStep) holds for a merge too: ratings are keyed to the
    // hypotheses of the row's own matrix.
    return { value: ours, notes: ['their copy puts this row in another matrix; a row never moves between matrices, so it stays in this one'] };
  }
  if (collection === 'matrixRows' && field === 'ratings') {
    const memory: RatingMemory = {
      versions: (h) => [...(remembered.versions.get(mine.id) ?? []).map((ratings) => ratings[h]), (mine as AchRow).ratings[h]],
      sentByThisAuthor: (h) => remembered.sent.get(mine.id)?.get(h) ?? new Set(),
    };
    const merged = mergeRatings(ours as AchRow['ratings'], theirs as AchRow['ratings'], hasBase ? ((base ?? {}) as AchRow['ratings']) : undefined, memory);
    return { value: merged.ratings, notes: merged.notes.map((n) => `${n.note} (hypothesis ${n.hypothesisId})`) };
  }
  if (collection === 'matrices' && field === 'hypotheses') {
    const merged = mergeHypotheses(ours as Hypothesis[], (theirs ?? []) as Hypothesis[], hasBase ? ((base ?? []) as Hypothesis[]) : undefined);
    return { value: merged.value, notes: [], ...(merged.theirWording ? { rival: merged.theirWording } : {}) };
  }
  return undefined;
}

/**
 * After every record is planned: a rating the merge keeps for a hypothesis the merged matrix no
 * longer has (one side removed it, the other rated it since) would be invisible and weigh nothing.
 * Such a hypothesis comes back (from our copy or theirs), so no rating is lost, and the plan says so.
 */
export function restoreRatedHypotheses(plan: MergePlan, ours: Pick<CaseDocument, 'matrices' | 'matrixRows'>, incoming: readonly AchMatrix[]): void {
  const changedMatrix = new Map(plan.changed.filter((c) => c.collection === 'matrices').map((c) => [c.id, c]));
  const addedMatrix = new Map(plan.added.filter((a) => a.collection === 'matrices').map((a) => [a.record.id, a.record as AchMatrix]));
  const rows = new Map<string, AchRow>(ours.matrixRows.map((r) => [r.id, r]));
  for (const c of plan.changed) if (c.collection === 'matrixRows') rows.set(c.id, c.merged as AchRow);
  for (const a of plan.added) if (a.collection === 'matrixRows') rows.set(a.record.id, a.record as AchRow);
  for (const d of plan.deleted) if (d.collection === 'matrixRows') rows.delete(d.id);
  const mergedMatrix = (id: string): AchMatrix | undefined => (changedMatrix.get(id)?.merged as AchMatrix | undefined) ?? addedMatrix.get(id) ?? ours.matrices.find((m) => m.id === id);
  const rated = new Map<string, Set<string>>();
  for (const row of rows.values()) {
    const set = rated.get(row.matrixId) ?? new Set<string>();
    rated.set(row.matrixId, set);
    for (const h of Object.keys(row.ratings)) set.add(h);
  }
  for (const [matrixId, hypotheses] of rated) {
    const matrix = mergedMatrix(matrixId);
    if (!matrix) continue;
    const shown = new Set(matrix.hypotheses.map((h) => h.id));
    const sources = [...ours.matrices.filter((m) => m.id === matrixId), ...incoming.filter((m) => m.id === matrixId)].flatMap((m) => m.hypotheses);
    const back = [...hypotheses].filter((h) => !shown.has(h)).flatMap((h) => sources.filter((s) => s.id === h).slice(0, 1));
    if (back.length === 0) continue;
    const after = { ...matrix, hypotheses: [...matrix.hypotheses, ...back] };
    const label = matrix.title;
    const existing = changedMatrix.get(matrixId);
    if (existing) {
      existing.merged = after as AnyRecord;
      if (!existing.fields.includes('hypotheses')) existing.fields.push('hypotheses');
    } else if (addedMatrix.has(matrixId)) {
      const added = plan.added.find((a) => a.collection === 'matrices' && a.record.id === matrixId)!;
      added.record = after as AnyRecord;
    } else {
      plan.changed.push({ collection: 'matrices', id: matrixId, label, fields: ['hypotheses'], merged: after as AnyRecord, before: matrix as AnyRecord });
    }
    // A choice of wording for this matrix's hypotheses offers the restored ones on both sides.
    for (const c of plan.conflicts) {
      if (c.kind !== 'field' || c.collection !== 'matrices' || c.id !== matrixId || c.field !== 'hypotheses') continue;
      const field: FieldConflict = c;
      field.ours = [...(field.ours as Hypothesis[]), ...back];
      field.theirs = [...(field.theirs as Hypothesis[]), ...back];
    }
    plan.notes.push({ collection: 'matrices', id: matrixId, label, note: `${back.map((h) => `“${h.statement}”`).join(', ')} ${back.length === 1 ? 'is' : 'are'} back: removed on one side, rated on the other since; remove ${back.length === 1 ? 'it' : 'them'} again to drop the rating(s)` });
  }
}
