import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AchMatrix, Rating } from '../../../shared/domain/ach';
import { useOpenCase } from '../../app/caseContext';
import { trackEdit } from '../../app/pendingEdits';
import type { Loadable } from '../../app/loadable';
import { showError } from '../../app/toaster';
import { call } from '../../ipc/client';
import { scored, withRating, type RowWithStatus, type ScoredMatrix } from './scored';

export type { RowWithStatus, ScoredMatrix };

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
