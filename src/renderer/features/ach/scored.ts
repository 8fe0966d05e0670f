import { sensitivity, type SensitiveRow } from '../../../shared/ach/sensitivity';
import { scoreMatrix, scoringInput, type MatrixScores } from '../../../shared/ach/score';
import type { AchMatrix, AchRow, Rating } from '../../../shared/domain/ach';
import type { ResponseOf } from '../../../shared/ipc/contract';

/** Pure: what the view re-runs on every rating (and what `npm run bench -- ach` times). */

export type RowWithStatus = ResponseOf<'ach:get'>['rows'][number];

export interface ScoredMatrix {
  matrix: AchMatrix;
  rows: RowWithStatus[];
  scores: MatrixScores;
  sensitivity: SensitiveRow[];
}

/**
 * Scores a matrix in the renderer from the weights main worked out, so a rating re-scores at once
 * (no round trip); the same pure functions score exports, the report and the CLI.
 */
export function scored(matrix: AchMatrix, rows: RowWithStatus[]): ScoredMatrix {
  const weights = new Map(rows.map(({ row, status }) => [row.id, status.weight]));
  const input = scoringInput(matrix, rows.map((r) => r.row), (row) => weights.get(row.id) ?? 0);
  const scores = scoreMatrix(input);
  return { matrix, rows, scores, sensitivity: sensitivity(input, scores) };
}

/** The row with one cell rated (value null: cleared), as main will store it. */
export function withRating(row: AchRow, hypothesisId: string, value: Rating | null): AchRow {
  const ratings = { ...row.ratings };
  const cell = ratings[hypothesisId];
  if (value === null) delete ratings[hypothesisId];
  else ratings[hypothesisId] = { ...(cell ?? {}), value };
  return { ...row, ratings };
}
