import { Icon, Tag } from '@blueprintjs/core';
import { memo, type KeyboardEvent } from 'react';
import { credibilityText } from '../../../shared/ach/table';
import { LEVEL_LABELS, RATING_LABELS, type AchCell, type Rating } from '../../../shared/domain/ach';
import type { RowWithStatus } from './useMatrix';

export interface GridRowProps {
  entry: RowWithStatus;
  /** Index in display order. */
  index: number;
  columns: ReadonlyArray<{ id: string; index: number }>;
  matrixMarking: string;
  /** The focused column when this row holds the focus, else -1. */
  activeColumn: number;
  /** A single c or i on one of this row's cells, waiting for its double. */
  pending: { hypothesisId: string; value: Rating } | undefined;
  diagnosticity: number;
  onCellKey(e: KeyboardEvent<HTMLElement>, rowId: string, hypothesisId: string): void;
  onSelect(row: number, column: number): void;
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

const sameColumns = (a: GridRowProps['columns'], b: GridRowProps['columns']) => a === b || (a.length === b.length && a.every((c, i) => c.id === b[i]?.id && c.index === b[i]?.index));

/**
 * One evidence row of the grid. Memoised: a rating re-renders the row it changed and the scores,
 * not all 200 rows (the re-score must reach the screen within a frame; docs/ach.md, "Figures").
 */
export const GridRow = memo(
  function GridRow({ entry, index: ri, columns, matrixMarking, activeColumn, pending, diagnosticity, onCellKey, onSelect }: GridRowProps) {
    const { row: r, status } = entry;
    return (
      <tr data-testid={`row-${r.id}`} className={status.flags.length > 0 ? 'cf-ach-flagged' : undefined}>
        <th scope="row" className="cf-ach-evidence">
          {status.flags.length > 0 && (
            <span role="img" aria-label={`Flagged: ${status.flags.join('; ')}`} title={status.flags.join('; ')}>
              <Icon icon="warning-sign" intent="warning" aria-hidden="true" />
            </span>
          )}{' '}
          {r.title} {r.kind === 'assumption' && <Tag minimal>Assumption</Tag>} {r.marking !== matrixMarking && <Tag minimal>{r.marking}</Tag>}
          {status.cites.length > 0 && <div className="cf-ach-cites">{status.cites.map((c) => `${c.label}${c.state === 'ok' ? '' : ` (${c.state})`}`).join('; ')}</div>}
        </th>
        <td>{credibilityText(status)}</td>
        <td>{LEVEL_LABELS[r.relevance]}</td>
        <td>{status.weight}</td>
        {columns.map(({ id, index }, ci) => {
          const cell = r.ratings[id];
          const p = pending?.hypothesisId === id ? pending.value : undefined;
          const value = p ?? cell?.value;
          const isActive = ci === activeColumn;
          return (
            <td
              key={id}
              role="gridcell"
              tabIndex={isActive ? 0 : -1}
              aria-selected={isActive}
              aria-label={cellLabel(r.title, `H${index + 1}`, cell, p)}
              data-rating={value ?? ''}
              className={`cf-ach-cell cf-ach-${(value ?? 'none').toLowerCase()}${cell?.others?.length ? ' cf-ach-disputed' : ''}`}
              onFocus={() => !isActive && onSelect(ri, ci)}
              onClick={() => onSelect(ri, ci)}
              onKeyDown={(e) => onCellKey(e, r.id, id)}
            >
              {cellShown(cell, p)}
              {cell?.others?.length ? <span aria-hidden="true">*</span> : null}
              {cell?.note ? <Icon icon="comment" size={10} aria-hidden="true" /> : null}
            </td>
          );
        })}
        <td>{diagnosticity}</td>
      </tr>
    );
  },
  (a, b) =>
    a.entry === b.entry &&
    a.index === b.index &&
    a.matrixMarking === b.matrixMarking &&
    a.activeColumn === b.activeColumn &&
    a.pending?.hypothesisId === b.pending?.hypothesisId &&
    a.pending?.value === b.pending?.value &&
    a.diagnosticity === b.diagnosticity &&
    a.onCellKey === b.onCellKey &&
    a.onSelect === b.onSelect &&
    sameColumns(a.columns, b.columns),
);
