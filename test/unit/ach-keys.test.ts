import { describe, expect, it } from 'vitest';
import { cellKey, DOUBLE_MS, moved, type LastKey } from '../../src/renderer/features/ach/keys';

const key = (k: string, mods: Partial<Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey'>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const last = (k: string, cell = 'row--a/h1', at = 1_000): LastKey => ({ key: k, cell, at });

describe('the matrix keys', () => {
  it('c, n, i and a rate C, N, I and NA; c or i again at once on the same cell makes CC or II', () => {
    expect(cellKey(key('c'), 'row--a/h1', null, 1_000)).toEqual({ kind: 'rate', value: 'C' });
    expect(cellKey(key('n'), 'row--a/h1', null, 1_000)).toEqual({ kind: 'rate', value: 'N' });
    expect(cellKey(key('i'), 'row--a/h1', null, 1_000)).toEqual({ kind: 'rate', value: 'I' });
    expect(cellKey(key('a'), 'row--a/h1', null, 1_000)).toEqual({ kind: 'rate', value: 'NA' });
    expect(cellKey(key('c'), 'row--a/h1', last('c'), 1_000 + DOUBLE_MS)).toEqual({ kind: 'rate', value: 'CC' });
    expect(cellKey(key('I'), 'row--a/h1', last('i'), 1_200)).toEqual({ kind: 'rate', value: 'II' });
  });

  it('a second c that comes late, on another cell, or after another letter is a single C again', () => {
    expect(cellKey(key('c'), 'row--a/h1', last('c'), 1_001 + DOUBLE_MS)).toEqual({ kind: 'rate', value: 'C' });
    expect(cellKey(key('c'), 'row--a/h2', last('c'), 1_100)).toEqual({ kind: 'rate', value: 'C' });
    expect(cellKey(key('c'), 'row--a/h1', last('i'), 1_100)).toEqual({ kind: 'rate', value: 'C' });
  });

  it('arrows, Home and End move; Enter opens the note; Delete and Backspace clear', () => {
    expect(cellKey(key('ArrowDown'), 'x', null, 0)).toEqual({ kind: 'move', rows: 1, columns: 0 });
    expect(cellKey(key('ArrowLeft'), 'x', null, 0)).toEqual({ kind: 'move', rows: 0, columns: -1 });
    expect(cellKey(key('Enter'), 'x', null, 0)).toEqual({ kind: 'note' });
    expect(cellKey(key('Delete'), 'x', null, 0)).toEqual({ kind: 'clear' });
    expect(cellKey(key('Backspace'), 'x', null, 0)).toEqual({ kind: 'clear' });
    expect(moved({ row: 1, column: 2 }, { rows: 0, columns: -Infinity }, 4, 5)).toEqual({ row: 1, column: 0 });
    expect(moved({ row: 1, column: 2 }, { rows: 0, columns: Infinity }, 4, 5)).toEqual({ row: 1, column: 4 });
  });

  it('stops at the edges, and leaves Ctrl/Cmd/Alt shortcuts (Ctrl+Z, Ctrl+C) and other keys to the app', () => {
    expect(moved({ row: 0, column: 0 }, { rows: -1, columns: -1 }, 3, 3)).toEqual({ row: 0, column: 0 });
    expect(moved({ row: 2, column: 2 }, { rows: 1, columns: 1 }, 3, 3)).toEqual({ row: 2, column: 2 });
    expect(cellKey(key('z', { ctrlKey: true }), 'x', null, 0)).toBeNull();
    expect(cellKey(key('c', { metaKey: true }), 'x', null, 0)).toBeNull();
    expect(cellKey(key('Tab'), 'x', null, 0)).toBeNull();
    expect(cellKey(key('x'), 'x', null, 0)).toBeNull();
  });
});
