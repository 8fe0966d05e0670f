import type { AchRow, Level } from '../domain/ach';
import type { Reliability } from '../domain/source';

/**
 * Proposed credibility of a row, from the Admiralty grades of what it rests on: each source
 * behind it (its reliability A–F) with the credibility of the information taken from it (1–6).
 * One grade's rank is the worse of the two (A/1 = 1 … F/6 = 6): 1–2 High, 3 Medium, 4–6 Low, so
 * B2 is High, B3 and C2 Medium, D2 and B4 Low, and F or 6 ("cannot be judged") Low. A row is as
 * credible as its best support. Docs: docs/ach.md ("Credibility").
 */
export function gradeOf(reliability: Reliability, credibility: number): Level {
  const rank = Math.max('ABCDEF'.indexOf(reliability) + 1, credibility);
  return rank <= 2 ? 'high' : rank === 3 ? 'medium' : 'low';
}

const ORDER: Record<Level, number> = { high: 0, medium: 1, low: 2 };

/** The best of the grades; null when the row rests on no graded source. */
export function bestGrade(grades: Iterable<Level>): Level | null {
  let best: Level | null = null;
  for (const g of grades) if (best === null || ORDER[g] < ORDER[best]) best = g;
  return best;
}

/** The credibility a row is weighed with: the analyst's override, else the proposal, else Medium. */
export function effectiveCredibility(row: Pick<AchRow, 'credibility'>, proposed: Level | null): Level {
  return row.credibility ?? proposed ?? 'medium';
}
