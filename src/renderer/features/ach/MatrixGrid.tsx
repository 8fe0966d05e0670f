import { Icon, Tag } from '@blueprintjs/core';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { credibilityText } from '../../../shared/ach/table';
import { LEVEL_LABELS, RATING_LABELS, type AchCell, type Rating } from '../../../shared/domain/ach';
import { holdPendingEdit } from '../../app/pendingEdits';
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

function cellShown(cell: AchCell | undefined, pending: Rating | undefined): string {
  const value = pending ?? cell?.value;
  if (!value) return '·';
  return cell?.others?.length && pending === undefined ? `${value} / ${cell.others.map((o) => o.value).join(' / ')}` : value;
}

function cellLabel(title: string, hypothesis: string, cell: AchCell | undefined, pending: Rating | undefined): string {
  const value = pending ?? cell?.value;
  const rating = value ? `${value}, ${RATING_LABELS[value]}` : 'not rated';
  const others = cell?.others?.length ? `; analysts disagree: also ${cell.others.map((o) => `${o.value}${o.by ? ` by ${o.by}` : ''}`).join(', ')}${cell.kept ? ' (kept on record)' : ''}` : '';
  return `${title} × ${hypothesis}: ${rating}${cell?.note ? '; has a note' : ''}${others}`;
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
                      <Tag intent="success" minimal className="cf-ach-lead-tag">
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
          {rows.map(({ row: r, status }, ri) => (
            <tr key={r.id} data-testid={`row-${r.id}`} className={status.flags.length > 0 ? 'cf-ach-flagged' : undefined}>
              <th scope="row" className="cf-ach-evidence">
                {status.flags.length > 0 && (
                  <span role="img" aria-label={`Flagged: ${status.flags.join('; ')}`} title={status.flags.join('; ')}>
                    <Icon icon="warning-sign" intent="warning" aria-hidden="true" />
                  </span>
                )}{' '}
                {r.title} {r.kind === 'assumption' && <Tag minimal>Assumption</Tag>} {r.marking !== s.matrix.marking && <Tag minimal>{r.marking}</Tag>}
                {status.cites.length > 0 && <div className="cf-ach-cites">{status.cites.map((c) => `${c.label}${c.state === 'ok' ? '' : ` (${c.state})`}`).join('; ')}</div>}
              </th>
              <td>{credibilityText(status)}</td>
              <td>{LEVEL_LABELS[r.relevance]}</td>
              <td>{status.weight}</td>
              {columns.map(({ id, index }, ci) => {
                const cell = r.ratings[id];
                const p = pending && pending.rowId === r.id && pending.hypothesisId === id ? pending.value : undefined;
                const value = p ?? cell?.value;
                const isActive = ri === row && ci === column;
                return (
                  <td
                    key={id}
                    role="gridcell"
                    tabIndex={isActive ? 0 : -1}
                    aria-selected={isActive}
                    aria-label={cellLabel(r.title, `H${index + 1}`, cell, p)}
                    data-rating={value ?? ''}
                    className={`cf-ach-cell cf-ach-${(value ?? 'none').toLowerCase()}${cell?.others?.length ? ' cf-ach-disputed' : ''}`}
                    onFocus={() => !isActive && setAt({ row: ri, column: ci })}
                    onClick={() => setAt({ row: ri, column: ci })}
                    onKeyDown={(e) => onKeyDown(e, r.id, id)}
                  >
                    {cellShown(cell, p)}
                    {cell?.others?.length ? <span aria-hidden="true">*</span> : null}
                    {cell?.note ? <Icon icon="comment" size={10} aria-hidden="true" /> : null}
                  </td>
                );
              })}
              <td>{diag.get(r.id) ?? 0}</td>
            </tr>
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
