import { Button, Callout, HTMLSelect, Tag } from '@blueprintjs/core';
import { useMemo, useState } from 'react';
import { byDiagnosticity, byScore } from '../../../shared/ach/score';
import { hypothesisName, leadText, sensitivityLines } from '../../../shared/ach/table';
import type { MatrixView } from '../../../shared/ach/product';
import { showError, showSuccess } from '../../app/toaster';
import { LoadState } from '../../components/LoadState';
import { MarkingTag } from '../../components/MarkingTag';
import { call } from '../../ipc/client';
import { ExportBar } from './ExportBar';
import { HypothesisBar } from './HypothesisBar';
import { MatrixGrid } from './MatrixGrid';
import { RowDetails } from './RowDetails';
import { RowForm } from './RowForm';
import { useMatrix, type ScoredMatrix } from './useMatrix';
import { trackEdit } from '../../app/pendingEdits';

export type RowOrder = 'position' | 'diagnosticity';
export type ColumnOrder = 'position' | 'score';

/** The table helpers take a product view; the analyst's view is the whole matrix, uncut. */
function asView(s: ScoredMatrix): MatrixView {
  return { ...s, withheld: 0, cap: null, marking: s.matrix.marking };
}

/** One matrix: its hypotheses, the rating grid, the lead and what it rests on, rows and exports. */
export function MatrixPanel({ id, onDeleted }: { id: string; onDeleted(): void }) {
  const { view, rate } = useMatrix(id);
  const [rowOrder, setRowOrder] = useState<RowOrder>('position');
  const [columnOrder, setColumnOrder] = useState<ColumnOrder>('position');
  const [activeRow, setActiveRow] = useState<string | null>(null);
  return (
    <LoadState loadable={view} what="the matrix">
      {(s) => <Loaded s={s} rate={rate} rowOrder={rowOrder} setRowOrder={setRowOrder} columnOrder={columnOrder} setColumnOrder={setColumnOrder} activeRow={activeRow} setActiveRow={setActiveRow} onDeleted={onDeleted} />}
    </LoadState>
  );
}

interface LoadedProps {
  s: ScoredMatrix;
  rate: ReturnType<typeof useMatrix>['rate'];
  rowOrder: RowOrder;
  setRowOrder(o: RowOrder): void;
  columnOrder: ColumnOrder;
  setColumnOrder(o: ColumnOrder): void;
  activeRow: string | null;
  setActiveRow(id: string | null): void;
  onDeleted(): void;
}

function Loaded({ s, rate, rowOrder, setRowOrder, columnOrder, setColumnOrder, activeRow, setActiveRow, onDeleted }: LoadedProps) {
  const view = asView(s);
  const rows = useMemo(() => {
    if (rowOrder === 'position') return s.rows;
    const byId = new Map(s.rows.map((r) => [r.row.id, r]));
    return byDiagnosticity(s.scores.rows).map((rid) => byId.get(rid)!).filter(Boolean);
  }, [s, rowOrder]);
  const columns = useMemo(() => {
    const ids = columnOrder === 'position' ? s.matrix.hypotheses.map((h) => h.id) : byScore(s.scores.hypotheses);
    return ids.map((hid) => ({ id: hid, index: s.matrix.hypotheses.findIndex((h) => h.id === hid) }));
  }, [s, columnOrder]);
  const active = s.rows.find((r) => r.row.id === activeRow) ?? null;
  const deleteMatrix = () => {
    void trackEdit(call('ach:delete-matrix', { id: s.matrix.id })).then((result) => {
      if (!result.ok) return showError('Could not delete the matrix', result.error);
      showSuccess(`${result.value.summary} (Ctrl+Z brings it back)`);
      onDeleted();
    });
  };
  const sensitive = sensitivityLines(view);
  return (
    <section className="cf-ach-matrix" aria-label={`Matrix: ${s.matrix.title}`}>
      <header className="cf-ach-head">
        <h2>{s.matrix.title}</h2>
        <MarkingTag marking={s.matrix.marking} />
        <Button minimal icon="trash" text="Delete matrix" onClick={deleteMatrix} />
      </header>
      {s.matrix.description && <p className="cf-ach-description">{s.matrix.description}</p>}
      <HypothesisBar matrix={s.matrix} />
      {s.matrix.hypotheses.length === 0 ? (
        <Callout intent="primary" icon="info-sign" title="No hypotheses yet">
          Add at least two hypotheses that could answer the question, then evidence rows to weigh them against.
        </Callout>
      ) : (
        <>
          <div className="cf-ach-tools">
            <label>
              Rows{' '}
              <HTMLSelect aria-label="Order rows" value={rowOrder} onChange={(e) => setRowOrder(e.currentTarget.value as RowOrder)} options={[{ value: 'position', label: 'in order' }, { value: 'diagnosticity', label: 'by diagnosticity' }]} />
            </label>
            <label>
              Hypotheses{' '}
              <HTMLSelect aria-label="Order hypotheses" value={columnOrder} onChange={(e) => setColumnOrder(e.currentTarget.value as ColumnOrder)} options={[{ value: 'position', label: 'in order' }, { value: 'score', label: 'by score' }]} />
            </label>
            <ExportBar matrix={s.matrix} />
          </div>
          {rows.length === 0 ? (
            <Callout icon="info-sign" title="No evidence rows yet">
              Add a row below: evidence citing the case's events, sources, claims, actors or relationships, or an assumption of your own.
            </Callout>
          ) : (
            <MatrixGrid s={s} rows={rows} columns={columns} rate={rate} onActiveRow={setActiveRow} />
          )}
          <section className="cf-ach-lead" aria-label="Lead and sensitivity" data-testid="ach-lead">
            <p>
              <strong>{leadText(view)}</strong>{' '}
              {/* multiline: an ellipsizing Tag measures its text (a forced layout of the whole grid) whenever it changes, i.e. on every rating. */}
              {s.scores.lead && <Tag minimal multiline>least inconsistent: {s.scores.hypotheses.find((h) => h.id === s.scores.lead)?.inconsistency}</Tag>}
            </p>
            {s.scores.lead &&
              (sensitive.length > 0 ? (
                <>
                  <p>The lead would change with {sensitive.length === 1 ? 'this row' : 'these rows'}:</p>
                  <ul aria-label="Sensitivity">
                    {sensitive.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p>No single row, removed or reversed, changes the lead ({hypothesisName(view, s.scores.lead)}).</p>
              ))}
          </section>
        </>
      )}
      {active && <RowDetails matrix={s.matrix} entry={active} />}
      <RowForm matrix={s.matrix} nextPosition={Math.max(0, ...s.rows.map((r) => r.row.position)) + 1} />
    </section>
  );
}
