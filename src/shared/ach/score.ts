import type { AchMatrix, AchRow, Level, Rating } from '../domain/ach';

/**
 * The scores of an ACH matrix, defined so they can be checked by hand (docs/ach.md):
 * - values CC +2, C +1, N 0, I −1, II −2; NA and cells not yet rated are left out;
 * - a row's weight is credibility × relevance, High 2, Medium 1, Low 0.5;
 * - a hypothesis's inconsistency is Σ weight × |min(0, value)| over the rows (higher: less
 *   likely), its consistency Σ weight × max(0, value);
 * - a row's diagnosticity is max − min of its values over the hypotheses it rates (0 below two);
 * - the lead is the least inconsistent hypothesis, a tie broken by the greater consistency; a
 *   tie that remains has no lead.
 * Weights are sums of powers of two, so every score is exact and ties are real ties.
 */

export const RATING_VALUES: Readonly<Record<Rating, number | null>> = { CC: 2, C: 1, N: 0, I: -1, II: -2, NA: null };
export const LEVEL_WEIGHTS: Readonly<Record<Level, number>> = { high: 2, medium: 1, low: 0.5 };

export function rowWeight(credibility: Level, relevance: Level): number {
  return LEVEL_WEIGHTS[credibility] * LEVEL_WEIGHTS[relevance];
}

/** One row as the scores see it: its weight and its values, aligned with the hypotheses (null: left out). */
export interface ScoringRow {
  id: string;
  weight: number;
  values: ReadonlyArray<number | null>;
}

export interface ScoringInput {
  /** Hypothesis ids in column order. */
  hypotheses: readonly string[];
  rows: readonly ScoringRow[];
}

export interface HypothesisScore {
  id: string;
  inconsistency: number;
  consistency: number;
  /** Rows that rate it (not NA, not unrated). */
  rated: number;
}

export interface Lead {
  /** The tentative lead; null when there are no hypotheses or a tie remains. */
  lead: string | null;
  /** Without a lead: the hypotheses tied at the least inconsistency (and equal consistency). */
  tied: string[];
}

export interface MatrixScores extends Lead {
  /** In column order. */
  hypotheses: HypothesisScore[];
  /** In row order. */
  rows: Array<{ id: string; weight: number; diagnosticity: number }>;
}

/** The values of a row in column order: null where the cell is NA or not rated. */
export function rowValues(row: Pick<AchRow, 'ratings'>, hypotheses: readonly string[]): Array<number | null> {
  return hypotheses.map((id) => {
    const cell = row.ratings[id];
    return cell ? RATING_VALUES[cell.value] : null;
  });
}

/** A matrix's rows as the scores see them, given each row's weight. */
export function scoringInput(matrix: Pick<AchMatrix, 'hypotheses'>, rows: readonly AchRow[], weightOf: (row: AchRow) => number): ScoringInput {
  const hypotheses = matrix.hypotheses.map((h) => h.id);
  return { hypotheses, rows: rows.map((row) => ({ id: row.id, weight: weightOf(row), values: rowValues(row, hypotheses) })) };
}

export function diagnosticity(values: ReadonlyArray<number | null>): number {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  for (const v of values) {
    if (v === null) continue;
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return n < 2 ? 0 : max - min;
}

export function scoreMatrix(input: ScoringInput): MatrixScores {
  const h = input.hypotheses.length;
  const inconsistency = new Array<number>(h).fill(0);
  const consistency = new Array<number>(h).fill(0);
  const rated = new Array<number>(h).fill(0);
  const rows: MatrixScores['rows'] = [];
  for (const row of input.rows) {
    for (let j = 0; j < h; j++) {
      const v = row.values[j];
      if (v === null || v === undefined) continue;
      rated[j]!++;
      if (v < 0) inconsistency[j]! -= row.weight * v;
      else consistency[j]! += row.weight * v;
    }
    rows.push({ id: row.id, weight: row.weight, diagnosticity: diagnosticity(row.values) });
  }
  const hypotheses = input.hypotheses.map((id, j) => ({ id, inconsistency: inconsistency[j]!, consistency: consistency[j]!, rated: rated[j]! }));
  return { hypotheses, rows, ...leadOf(input.hypotheses, inconsistency, consistency) };
}

/** The least inconsistent hypothesis; the greater consistency breaks a tie; a tie that remains has no lead. */
export function leadOf(ids: readonly string[], inconsistency: ArrayLike<number>, consistency: ArrayLike<number>): Lead {
  let best: number[] = [];
  for (let j = 0; j < ids.length; j++) {
    const first = best[0];
    if (first === undefined) {
      best = [j];
      continue;
    }
    const di = inconsistency[j]! - inconsistency[first]!;
    const dc = consistency[j]! - consistency[first]!;
    if (di < 0 || (di === 0 && dc > 0)) best = [j];
    else if (di === 0 && dc === 0) best.push(j);
  }
  if (best.length === 1) return { lead: ids[best[0]!]!, tied: [] };
  return { lead: null, tied: best.map((j) => ids[j]!) };
}

/** Hypothesis ids ordered by score: least inconsistent first, then most consistent, then column order. */
export function byScore(scores: readonly HypothesisScore[]): string[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.inconsistency - b.s.inconsistency || b.s.consistency - a.s.consistency || a.i - b.i)
    .map(({ s }) => s.id);
}

/** Row ids ordered by diagnosticity, most diagnostic first, then row order. */
export function byDiagnosticity(rows: MatrixScores['rows']): string[] {
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.diagnosticity - a.r.diagnosticity || a.i - b.i)
    .map(({ r }) => r.id);
}
