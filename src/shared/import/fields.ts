import type { RowInput, RowIssue } from './types';

/** Header cell → field name: trimmed, lower-case, spaces as underscores. */
export function normaliseHeader(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, '_');
}

/**
 * Finds a row's cells by field name once the header is known, and says where a value sits
 * (1-based column) when it is wrong.
 */
export class FieldReader {
  private readonly index = new Map<string, number>();

  constructor(fields: readonly string[], aliases: Readonly<Record<string, string>> = {}) {
    fields.forEach((raw, i) => {
      const name = aliases[raw] ?? raw;
      if (name && !this.index.has(name)) this.index.set(name, i);
    });
  }

  has(field: string): boolean {
    return this.index.has(field);
  }

  /** The trimmed cell, or '' when the column is absent or empty. */
  get(row: RowInput, field: string): string {
    const i = this.index.get(field);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  }

  column(field: string): number | null {
    const i = this.index.get(field);
    return i === undefined ? null : i + 1;
  }

  issue(row: RowInput, field: string, message: string): RowIssue {
    return { line: row.line, column: this.column(field), field, message };
  }
}

/** A whole number ≥ 0, or null; '' is undefined (absent). */
export function parseCount(text: string): number | null | undefined {
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** A decimal in [min, max], or null; '' is undefined. Accepts a decimal comma. */
export function parseCoordinate(text: string, min: number, max: number): number | null | undefined {
  if (text === '') return undefined;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) && n >= min && n <= max ? n : null;
}
