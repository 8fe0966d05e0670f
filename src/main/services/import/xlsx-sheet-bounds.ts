import { XlsxZipError } from './xlsx-zip-error';

/**
 * A worksheet names each cell by reference (`<c r="XFD7">`), and exceljs lays every row out up to
 * its last cell: a row holding one cell at column XFD becomes 16,384 cells. A small sheet of many
 * such rows would take minutes and gigabytes to read, so the sheet is checked as it streams past,
 * before exceljs sees it: no reference beyond what a spreadsheet can hold (XFD, row 1,048,576),
 * and no more cells laid out than one per byte of sheet read (after a first million), which a
 * table whose cells are really there never comes near (each cell costs its XML at least 7 bytes).
 */
export const MAX_SHEET_COLUMNS = 16_384;
export const MAX_SHEET_ROWS = 1_048_576;
/** Cells laid out beyond one per byte of sheet that any sheet may reach (a few odd far-right cells). */
export const SPREAD_ALLOWANCE = 1_000_000;

const CELL_REF = /<(c|dimension)\s[^>]*?\b(r|ref)="([^"]*)"/g;
/** The longest tag read (an unfinished one is carried into the next chunk); a sheet's are far shorter. */
const MAX_TAG = 64 * 1024;

export class SheetBounds {
  private carry = '';
  private bytes = 0;
  private spread = 0;
  private row = -1;
  private rowWidth = 0;
  private widest: { row: number; column: number } = { row: 0, column: 0 };

  constructor(private readonly name: string) {}

  /** Checks the next piece of the sheet's XML; throws XlsxZipError when the sheet breaks a bound. */
  check(chunk: Buffer): void {
    this.bytes += chunk.length;
    const text = this.carry + chunk.toString('latin1');
    // Keep an unfinished tag (a '<' with no '>' after it) for the next chunk.
    const open = text.lastIndexOf('<');
    const unfinished = open >= 0 && text.indexOf('>', open) < 0;
    const complete = unfinished ? text.slice(0, open) : text;
    this.carry = unfinished ? text.slice(open) : '';
    if (this.carry.length > MAX_TAG) throw new XlsxZipError(`${this.name} holds a tag longer than ${MAX_TAG / 1024} KB, which no worksheet has`);
    for (const match of complete.matchAll(CELL_REF)) {
      const [, tag, , value] = match;
      if (tag === 'dimension') for (const ref of (value ?? '').split(':')) this.reference(ref, false);
      else this.reference(value ?? '', true);
    }
    if (this.spread + this.rowWidth > this.bytes + SPREAD_ALLOWANCE) {
      throw new XlsxZipError(
        `${this.name} lays its rows out over more than ${(this.spread + this.rowWidth).toLocaleString('en')} cells from ${this.bytes.toLocaleString('en')} bytes (row ${this.widest.row} reaches column ${columnName(this.widest.column)}): its rows hold cells far to the right of the rest, too sparse to read in reasonable time. Delete those far-right cells in the spreadsheet program`,
      );
    }
  }

  private reference(ref: string, cell: boolean): void {
    const parsed = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
    if (!parsed) {
      if (cell) throw new XlsxZipError(`${this.name} names a cell "${ref.slice(0, 20)}", which is no cell reference`);
      return; // a dimension we cannot read is only a hint; exceljs does not rely on it
    }
    const column = columnNumber(parsed[1]!);
    const row = Number(parsed[2]);
    if (column > MAX_SHEET_COLUMNS || row > MAX_SHEET_ROWS || row < 1) {
      throw new XlsxZipError(`${this.name} refers to cell ${ref.slice(0, 20)}, beyond the last a spreadsheet holds (XFD${MAX_SHEET_ROWS.toLocaleString('en')})`);
    }
    if (!cell) return;
    if (row !== this.row) {
      this.spread += this.rowWidth;
      this.row = row;
      this.rowWidth = 0;
    }
    if (column > this.rowWidth) this.rowWidth = column;
    if (column > this.widest.column) this.widest = { row, column };
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}
