import { useCallback, useEffect, useMemo, useState } from 'react';
import { sensitivity, type SensitiveRow } from '../../../shared/ach/sensitivity';
import { scoreMatrix, scoringInput, type MatrixScores } from '../../../shared/ach/score';
import type { AchMatrix, AchRow, Rating } from '../../../shared/domain/ach';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { useOpenCase } from '../../app/caseContext';
import type { Loadable } from '../../app/useRecords';
import { showError } from '../../app/toaster';
import { call } from '../../ipc/client';

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

/**
 * One matrix of the open case, reloaded whenever the case changes. `rate` shows the rating (and
 * the scores it moves) at once and journals it in main; a refusal is shown and the case reloaded.
 */
export function useMatrix(id: string) {
  const { version } = useOpenCase();
  const [loaded, setLoaded] = useState<Loadable<{ matrix: AchMatrix; rows: RowWithStatus[] }>>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let current = true;
    void call('ach:get', { id }).then((result) => {
      if (!current) return;
      setLoaded(result.ok ? { state: 'ready', value: result.value } : { state: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [id, version, reload]);

  const rate = useCallback(
    (rowId: string, hypothesisId: string, value: Rating | null) => {
      setLoaded((l) => (l.state === 'ready' ? { state: 'ready', value: { ...l.value, rows: l.value.rows.map((r) => (r.row.id === rowId ? { ...r, row: withRating(r.row, hypothesisId, value) } : r)) } } : l));
      void call('ach:cell', { rowId, hypothesisId, value }).then((result) => {
        if (!result.ok) {
          showError('Could not rate the cell', result.error);
          setReload((n) => n + 1);
        }
      });
    },
    [],
  );

  const view = useMemo<Loadable<ScoredMatrix>>(() => (loaded.state === 'ready' ? { state: 'ready', value: scored(loaded.value.matrix, loaded.value.rows) } : loaded), [loaded]);
  return { view, rate };
}
