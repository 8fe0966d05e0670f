import { Tag } from '@blueprintjs/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Rating } from '../../../shared/domain/ach';
import { holdPendingEdit } from '../../app/pendingEdits';
import { GridRow } from './GridRow';
import { cellKey, DOUBLE_MS, moved, type LastKey } from './keys';
import { NoteDialog } from './NoteDialog';
import type { RowWithStatus, ScoredMatrix } from './useMatrix';

export interface MatrixGridProps {
  s: ScoredMatrix;
  /** Rows in display order. */
  rows: RowWithStatus[];
  /** Hypotheses in display order, with their column index in the matrix (H1 = 0). */
  columns: Array<{ id: string; index: number }>;
  rate(rowId: string, hypothesisId: string, value: Rating | null): void;
  onActiveRow(rowId: string): void;
}

interface Pending {
  rowId: string;
  hypothesisId: string;
  value: Rating;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The rating grid. One cell holds the focus (roving tabindex): arrows move, c/n/i/a rate (cc, ii
 * doubled), Enter opens the cell's note, Delete clears. A single c or i waits DOUBLE_MS for its
 * double before it is journaled, so "c c" is one undoable edit, not two.
 */
export function MatrixGrid({ s, rows, columns, rate, onActiveRow }: MatrixGridProps) {
  const [at, setAt] = useState({ row: 0, column: 0 });
  const [noteFor, setNoteFor] = useState<{ rowId: string; hypothesisId: string } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);
  const last = useRef<LastKey | null>(null);
  const table = useRef<HTMLTableElement>(null);
  const focusWanted = useRef(false);
  const row = Math.min(at.row, rows.length - 1);
  const column = Math.min(at.column, columns.length - 1);
  const diag = new Map(s.scores.rows.map((r) => [r.id, r.diagnosticity]));

  const flush = useCallback(() => {
    const p = pendingRef.current;
    if (!p) return;
    clearTimeout(p.timer);
    pendingRef.current = null;
    setPending(null);
    rate(p.rowId, p.hypothesisId, p.value);
  }, [rate]);
  // A rating waiting for its double is journaled before an undo or redo runs, and when the grid goes away.
  useEffect(() => {
    const release = holdPendingEdit(flush);
    return () => {
      release();
      flush();
    };
  }, [flush]);

  const activeRowId = rows[row]?.row.id;
  useEffect(() => {
    if (activeRowId) onActiveRow(activeRowId);
  }, [activeRowId, onActiveRow]);

  // Before the next key arrives: the key after an arrow must reach the cell the arrow moved to.
  useLayoutEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    table.current?.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]')?.focus();
  });

  const onKeyDown = (e: KeyboardEvent<HTMLElement>, rowId: string, hypothesisId: string) => {
    const key = `${rowId}/${hypothesisId}`;
    const now = Date.now();
    const action = cellKey(e.nativeEvent, key, last.current, now);
    if (!action) return;
    e.preventDefault();
    if (action.kind === 'move') {
      flush();
      last.current = null;
      focusWanted.current = true;
      setAt(moved({ row, column }, action, rows.length, columns.length));
      return;
    }
    if (action.kind === 'note') {
      flush();
      setNoteFor({ rowId, hypothesisId });
      return;
    }
    if (action.kind === 'clear') {
      flush();
      last.current = null;
      rate(rowId, hypothesisId, null);
      return;
    }
    const lower = e.key.toLowerCase();
    last.current = { key: lower, cell: key, at: now };
    const p = pendingRef.current;
    if (p && (p.rowId !== rowId || p.hypothesisId !== hypothesisId)) flush();
    if (pendingRef.current) clearTimeout(pendingRef.current.timer);
    if (action.value === 'C' || action.value === 'I') {
      const next: Pending = { rowId, hypothesisId, value: action.value, timer: setTimeout(flush, DOUBLE_MS) };
      pendingRef.current = next;
      setPending(next);
    } else {
      pendingRef.current = null;
      setPending(null);
      last.current = null;
      rate(rowId, hypothesisId, action.value);
    }
  };

  // Stable for the memoised rows: the latest handler, through a ref.
  const keyHandler = useRef(onKeyDown);
  keyHandler.current = onKeyDown;
  const onCellKey = useCallback((e: KeyboardEvent<HTMLElement>, rowId: string, hypothesisId: string) => keyHandler.current(e, rowId, hypothesisId), []);
  const onSelect = useCallback((r: number, c: number) => setAt({ row: r, column: c }), []);

  const noteRow = noteFor ? s.rows.find((r) => r.row.id === noteFor.rowId) : undefined;
  return (
    <>
      <table ref={table} className="cf-ach-grid" role="grid" aria-label="Rating matrix" aria-rowcount={rows.length + 2} aria-describedby="ach-grid-help">
        <caption id="ach-grid-help" className="cf-ach-help">
          Arrow keys move between cells; c, n, i rate (press c or i twice for CC or II), a for not applicable, Delete clears, Enter opens the note.
        </caption>
        <thead>
          <tr>
            <th scope="col">Evidence</th>
            <th scope="col">Credibility</th>
            <th scope="col">Relevance</th>
            <th scope="col">Weight</th>
            {columns.map(({ id, index }) => {
              const h = s.matrix.hypotheses[index];
              const score = s.scores.hypotheses[index];
              return (
                <th key={id} scope="col" className={id === s.scores.lead ? 'cf-ach-lead-col' : undefined} data-testid={`hypothesis-H${index + 1}`}>
                  <div className="cf-ach-hyp">
                    <strong>H{index + 1}</strong> {h?.statement}
                  </div>
                  <div className="cf-ach-score" aria-label={`H${index + 1} scores`}>
                    Inconsistency {score?.inconsistency ?? 0} · Consistency {score?.consistency ?? 0}
                    {id === s.scores.lead && (
                      // multiline: not measured (a forced layout of the grid) when a rating moves the lead here.
                      <Tag intent="success" minimal multiline className="cf-ach-lead-tag">
                        Lead
                      </Tag>
                    )}
                  </div>
                </th>
              );
            })}
            <th scope="col">Diagnosticity</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry, ri) => (
            <GridRow
              key={entry.row.id}
              entry={entry}
              index={ri}
              columns={columns}
              matrixMarking={s.matrix.marking}
              activeColumn={ri === row ? column : -1}
              pending={pending && pending.rowId === entry.row.id ? pending : undefined}
              diagnosticity={diag.get(entry.row.id) ?? 0}
              onCellKey={onCellKey}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
      {noteFor && noteRow && (
        <NoteDialog
          title={`${noteRow.row.title} × H${s.matrix.hypotheses.findIndex((h) => h.id === noteFor.hypothesisId) + 1}`}
          cell={noteRow.row.ratings[noteFor.hypothesisId]}
          rowId={noteFor.rowId}
          hypothesisId={noteFor.hypothesisId}
          onClose={() => {
            setNoteFor(null);
            focusWanted.current = true;
            setAt((a) => ({ ...a }));
          }}
        />
      )}
    </>
  );
}
