import { mergeHypotheses } from '../ach/merge-hypotheses';
import { mergeRatings, ratingsOf, type RatingMemory } from '../ach/merge-ratings';
import type { AchRow, Hypothesis } from '../domain/ach';
import type { AuditEntry } from '../domain/audit';
import type { AnyRecord } from '../domain/collections';
import { canonicalJson } from './canonical';
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
  /** The file signer's name, credited with the notes their own ratings carry. */
  sender?: string;
}

/**
 * Reads the history once. A step that was undone (and not redone) does not count: a merge taken
 * back and merged again brings its ratings again.
 */
export function achMemory(history: readonly AuditEntry[], author: string | undefined, sender?: string): AchMemory {
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
  return { versions, sent: ratingsSentBy(history, author, live), ...(sender !== undefined ? { sender } : {}) };
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
      ...(remembered.sender !== undefined ? { sender: remembered.sender } : {}),
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
