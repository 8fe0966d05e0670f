import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AchMatrix, Rating } from '../../../shared/domain/ach';
import { useOpenCase } from '../../app/caseContext';
import { trackEdit } from '../../app/pendingEdits';
import type { Loadable } from '../../app/loadable';
import { showError } from '../../app/toaster';
import { call } from '../../ipc/client';
import { scored, withRating, type RowWithStatus, type ScoredMatrix } from './scored';

export type { RowWithStatus, ScoredMatrix };

type Loaded = { matrix: AchMatrix; rows: RowWithStatus[] };

/**
 * The reloaded matrix, keeping the objects of rows that did not change: after a rating, main's
 * answer re-renders the one row it changed, not all of them (the grid's rows are memoised).
 */
function reuseUnchanged(before: Loaded, after: Loaded): Loaded {
  const old = new Map(before.rows.map((r) => [r.row.id, r]));
  const rows = after.rows.map((r) => {
    const kept = old.get(r.row.id);
    return kept && JSON.stringify(kept) === JSON.stringify(r) ? kept : r;
  });
  return { matrix: JSON.stringify(before.matrix) === JSON.stringify(after.matrix) ? before.matrix : after.matrix, rows };
}

/**
 * One matrix of the open case, reloaded whenever the case changes. `rate` shows the rating (and
 * the scores it moves) at once and journals it in main; a refusal is shown and the case reloaded.
 */
export function useMatrix(id: string) {
  const { version } = useOpenCase();
  const [loaded, setLoaded] = useState<Loadable<Loaded>>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let current = true;
    void call('ach:get', { id }).then((result) => {
      if (!current) return;
      if (!result.ok) return setLoaded({ state: 'error', error: result.error });
      setLoaded((before) => ({ state: 'ready', value: before.state === 'ready' ? reuseUnchanged(before.value, result.value) : result.value }));
    });
    return () => {
      current = false;
    };
  }, [id, version, reload]);

  const rate = useCallback(
    (rowId: string, hypothesisId: string, value: Rating | null) => {
      setLoaded((l) => (l.state === 'ready' ? { state: 'ready', value: { ...l.value, rows: l.value.rows.map((r) => (r.row.id === rowId ? { ...r, row: withRating(r.row, hypothesisId, value) } : r)) } } : l));
      void trackEdit(call('ach:cell', { rowId, hypothesisId, value })).then((result) => {
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
