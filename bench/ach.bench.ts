/**
 * ACH re-scoring at 200 rows × 12 hypotheses (issue #17): after one rating change, the view's
 * re-score (the row re-rated, scoring input, every score and diagnosticity) and the sensitivity
 * list, timed on the very functions the renderer runs on each rating (src/renderer/features/ach/
 * scored.ts; plain TypeScript, no DOM), in this Node process. Median of many runs.
 * Targets: ach_sensitivity_200x12_ms < 200. The renderer's own figure, keypress to scores on
 * screen in Chromium, is ach_rescore_200x12_ms (ach-renderer.bench.ts, target < 16).
 */
import { performance } from 'node:perf_hooks';
import { sensitivity } from '../src/shared/ach/sensitivity';
import { scoreMatrix, scoringInput } from '../src/shared/ach/score';
import { RATINGS, type AchMatrix, type AchRow } from '../src/shared/domain/ach';
import { withRating, type RowWithStatus } from '../src/renderer/features/ach/scored';
import type { BenchModule } from './run';

const ROWS = 200;
const HYPOTHESES = 12;
const RUNS = 200;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A deterministic matrix: ratings and weights from a small LCG. */
function build(): { matrix: AchMatrix; rows: RowWithStatus[] } {
  let seed = 17;
  const next = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n);
  const matrix: AchMatrix = { id: 'matrix--bench', title: 'Bench', hypotheses: Array.from({ length: HYPOTHESES }, (_, i) => ({ id: `hypothesis--h${i}`, statement: `H${i}` })), marking: 'TLP:CLEAR' };
  const weights = [0.25, 0.5, 1, 2, 4];
  const rows = Array.from({ length: ROWS }, (_, r): RowWithStatus => {
    const ratings = Object.fromEntries(matrix.hypotheses.map((h) => [h.id, { value: RATINGS[next(RATINGS.length)]! }]));
    const row: AchRow = { id: `row--r${r}`, matrixId: matrix.id, title: `Row ${r}`, kind: 'assumption', cites: [], relevance: 'medium', ratings, position: r, marking: 'TLP:CLEAR' };
    return { row, status: { cites: [], support: [], proposed: null, credibility: 'medium', overridden: false, weight: weights[next(weights.length)]!, flags: [] } };
  });
  return { matrix, rows };
}

const bench: BenchModule = async ({ log }) => {
  const { matrix, rows } = build();
  const rescore: number[] = [];
  const sens: number[] = [];
  let listed = 0;
  for (let i = 0; i < RUNS; i++) {
    const at = i % ROWS;
    const t0 = performance.now();
    // One rating changes: the row is re-rated, then everything is scored again from the weights.
    const changed = rows.map((r, k) => (k === at ? { ...r, row: withRating(r.row, matrix.hypotheses[i % HYPOTHESES]!.id, RATINGS[i % RATINGS.length]!) } : r));
    const weights = new Map(changed.map(({ row, status }) => [row.id, status.weight]));
    const input = scoringInput(matrix, changed.map((r) => r.row), (row) => weights.get(row.id) ?? 0);
    const scores = scoreMatrix(input);
    const t1 = performance.now();
    const list = sensitivity(input, scores);
    const t2 = performance.now();
    rescore.push(t1 - t0);
    sens.push(t2 - t1);
    listed += list.length;
  }
  log(`${RUNS} re-scores of ${ROWS}×${HYPOTHESES}; ${listed} sensitive rows listed in all`);
  return { ach_rescore_200x12_node_ms: median(rescore), ach_sensitivity_200x12_ms: median(sens) };
};

export default bench;
