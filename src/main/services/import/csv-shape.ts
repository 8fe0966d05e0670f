import { ImportError } from './import-error';

/**
 * Bounds on one CSV record, checked on the decoded text before the parser sees it. csv-parse
 * spends about 10 µs a field and about 1 µs a character of one field, and keeps the whole record
 * in memory: a million columns took 19 s, and a 1 GB line without a break never ended. No real
 * table comes near these bounds: Excel stops at 16,384 columns, ACLED has 31, GTD 135.
 */
export const MAX_COLUMNS = 16_384;
/** A record (one row, quoted line breaks included) of more characters than this is refused. */
export const MAX_RECORD_CHARS = 1024 * 1024;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Follows the records across decoded chunks: quotes (a doubled quote toggles twice, so it stays
 * quoted), delimiters and line breaks outside quotes. Throws ImportError at the first record
 * that breaks a bound, naming its line.
 */
export class RecordShape {
  private quoted = false;
  private fields = 1;
  private chars = 0;
  /** Physical line where the current record starts, and the current physical line. */
  private recordLine = 1;
  private line = 1;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly file: string,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  check(text: string): void {
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) this.line++;
      if (c === QUOTE) this.quoted = !this.quoted;
      else if (!this.quoted && (c === LF || c === CR)) {
        this.fields = 1;
        this.chars = 0;
        this.recordLine = c === LF ? this.line : this.line + 1;
        continue;
      } else if (!this.quoted && c === this.delimiter && ++this.fields > MAX_COLUMNS) {
        throw new ImportError({ file: this.file, line: this.recordLine, column: MAX_COLUMNS + 1, message: `this row has more than ${MAX_COLUMNS.toLocaleString('en')} fields, more than any spreadsheet holds (Excel stops at ${MAX_COLUMNS.toLocaleString('en')} columns). Check the delimiter, or that this is a table at all.` });
      }
      if (++this.chars > MAX_RECORD_CHARS) {
        throw new ImportError({ file: this.file, line: this.recordLine, column: this.fields, message: `this row is longer than ${MAX_RECORD_CHARS / (1024 * 1024)} MB of text${this.quoted ? ' (a quote is opened and never closed)' : ''}; no real table row is. Check the quoting, or that this is a table at all.` });
      }
    }
  }
}
