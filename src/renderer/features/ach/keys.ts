import type { Rating } from '../../../shared/domain/ach';

/** How long a second c or i may follow the first to make CC or II. */
export const DOUBLE_MS = 600;

/** What a key pressed on a rating cell does. */
export type CellKey =
  | { kind: 'move'; rows: number; columns: number }
  | { kind: 'rate'; value: Rating }
  | { kind: 'note' }
  | { kind: 'clear' };

/** The previous rating key on the same cell, to tell "c" from "c c". */
export interface LastKey {
  key: string;
  cell: string;
  at: number;
}

/**
 * The matrix's keys (docs/ach.md): arrows (and Home/End) move; c, n, i rate C, N, I, and a second
 * c or i pressed at once on the same cell makes CC or II; a rates NA; Enter opens the note;
 * Delete or Backspace clears the rating. Anything else is not ours (null), so Tab and the app's
 * shortcuts keep working.
 */
export function cellKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, cell: string, last: LastKey | null, now: number): CellKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'ArrowUp':
      return { kind: 'move', rows: -1, columns: 0 };
    case 'ArrowDown':
      return { kind: 'move', rows: 1, columns: 0 };
    case 'ArrowLeft':
      return { kind: 'move', rows: 0, columns: -1 };
    case 'ArrowRight':
      return { kind: 'move', rows: 0, columns: 1 };
    case 'Home':
      return { kind: 'move', rows: 0, columns: -Infinity };
    case 'End':
      return { kind: 'move', rows: 0, columns: Infinity };
    case 'Enter':
      return { kind: 'note' };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
  }
  const key = event.key.toLowerCase();
  const doubled = last !== null && last.key === key && last.cell === cell && now - last.at <= DOUBLE_MS;
  if (key === 'c') return { kind: 'rate', value: doubled ? 'CC' : 'C' };
  if (key === 'i') return { kind: 'rate', value: doubled ? 'II' : 'I' };
  if (key === 'n') return { kind: 'rate', value: 'N' };
  if (key === 'a') return { kind: 'rate', value: 'NA' };
  return null;
}

/** Moves within rows × columns, clamped at the edges. */
export function moved(at: { row: number; column: number }, move: { rows: number; columns: number }, rows: number, columns: number): { row: number; column: number } {
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  return { row: clamp(at.row + move.rows, rows), column: clamp(at.column + move.columns, columns) };
}
