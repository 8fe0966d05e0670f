import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { RowInput } from '../../../shared/import/types';
import { RecordShape } from './csv-shape';
import { cancelled, ImportError } from './import-error';
import type { Sniffed } from './sniff';

export interface ReadProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Yield rows one at a time: for a first look at a file, where every row read counts. */
  oneByOne?: boolean;
  onProgress?: (progress: ReadProgress) => void;
}

/** Decodes bytes in the sniffed encoding as they stream, naming the line when a byte is not valid. */
class Decoder extends Transform {
  private readonly decoder: TextDecoder;
  private line = 1;
  /** Characters since the last line break, for the column of a bad byte. */
  private column = 1;
  /** Refuses a record too wide or too long before the parser sees it (csv-shape.ts). */
  private readonly shape: RecordShape;
  bytes = 0;

  constructor(
    private readonly encoding: Sniffed['encoding'],
    private readonly file: string,
    delimiter: string,
  ) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.decoder = new TextDecoder(encoding, { fatal: true });
    this.shape = new RecordShape(delimiter, file);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      // Find the bad byte: decode leniently and stop at the first replacement character.
      const lenient = new TextDecoder(this.encoding).decode(chunk, { stream: true });
      this.advance(lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD'))));
      done(new ImportError({ file: this.file, line: this.line, column: this.column, message: 'this part of the file is not valid text in the encoding of its start (the encoding changes mid-file). Save the file as UTF-8 and import it again.' }));
      return;
    }
    try {
      this.shape.check(text);
    } catch (error) {
      done(error as ImportError);
      return;
    }
    this.advance(text);
    done(null, text);
  }

  private advance(text: string): void {
    const last = text.lastIndexOf('\n');
    if (last < 0) {
      this.column += text.length;
      return;
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.line++;
    this.column = text.length - last;
  }

  override _flush(done: TransformCallback): void {
    try {
      done(null, this.decoder.decode());
    } catch {
      done(new ImportError({ file: this.file, line: this.line, column: this.column, message: 'the file ends in the middle of a character; it may be cut short.' }));
    }
  }
}

/**
 * Streams a CSV file's rows in batches, with bounded memory whatever the file size. Every row
 * is checked against the first row's width; a malformed row stops the read with an error
 * naming the file, line and column.
 */
export async function* readCsvRows(path: string, sniffed: Sniffed, options: ReadOptions = {}): AsyncGenerator<RowInput[]> {
  const file = basename(path);
  if (options.signal?.aborted) throw cancelled(file);
  const source = createReadStream(path, { start: sniffed.bomLength, highWaterMark: 256 * 1024 });
  const decoder = new Decoder(sniffed.encoding, file, sniffed.delimiter);
  // No `info` per record (it costs a quarter of the parse): lines are counted here instead.
  const parser = parse({ delimiter: sniffed.delimiter, relax_column_count: true, skip_empty_lines: false, bom: false });
  const onAbort = (): void => {
    // Destroying only the file stream would leave the parser waiting for an end that never comes.
    source.destroy();
    parser.destroy(cancelled(file));
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  source.on('error', (error) => parser.destroy(error));
  decoder.on('error', (error) => parser.destroy(error));
  source.pipe(decoder).pipe(parser);

  let width = -1;
  let shortWidth = -1;
  let rows = 0;
  let batch: RowInput[] = [];
  try {
    let nextLine = 1;
    for await (const record of parser as AsyncIterable<string[]>) {
      if (options.signal?.aborted) throw cancelled(file);
      const line = nextLine;
      nextLine += 1 + lineBreaksIn(record);
      if (record.length === 1 && record[0] === '') continue; // an empty line
      if (width < 0) {
        width = record.length;
        shortWidth = width - trailingEmpty(record);
      } else if (record.length !== width && record.length !== shortWidth) {
        throw new ImportError({ file, line, column: Math.min(record.length, width) + 1, message: widthMessage(record.length, width, sniffed.delimiter, record) });
      }
      batch.push({ line, cells: record });
      rows++;
      if (batch.length >= (options.oneByOne ? 1 : 1_000)) {
        options.onProgress?.({ bytes: decoder.bytes + sniffed.bomLength, totalBytes: sniffed.size, rows });
        yield batch;
        batch = [];
      }
    }
    if (options.signal?.aborted) throw cancelled(file);
    if (batch.length > 0) yield batch;
    options.onProgress?.({ bytes: sniffed.size, totalBytes: sniffed.size, rows });
  } catch (error) {
    if (options.signal?.aborted) throw cancelled(file);
    throw asImportError(error, file);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    source.destroy();
  }
}

/** Line breaks inside quoted cells, so the next record's line number is right. */
function lineBreaksIn(record: readonly string[]): number {
  let n = 0;
  for (const cell of record) {
    if (cell.includes('\n') || cell.includes('\r')) n += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return n;
}

function trailingEmpty(cells: readonly string[]): number {
  let n = 0;
  for (let i = cells.length - 1; i >= 0 && (cells[i] ?? '').trim() === ''; i--) n++;
  return n;
}

function widthMessage(got: number, expected: number, delimiter: string, record: readonly string[]): string {
  const other = [',', ';', '\t', '|'].find((d) => d !== delimiter && record.join(delimiter).includes(d));
  const hint = other ? ` This row seems to use ${JSON.stringify(other)} where the file uses ${JSON.stringify(delimiter)}: check the delimiter.` : ' Check for a missing or extra delimiter or an unclosed quote.';
  return `this row has ${got} field${got === 1 ? '' : 's'} where the first row has ${expected}.${hint}`;
}

function asImportError(error: unknown, file: string): ImportError {
  if (error instanceof ImportError) return error;
  if (error instanceof CsvError) {
    const context = error as CsvError & { lines?: number; column?: number | string };
    const column = typeof context.column === 'number' ? context.column + 1 : null;
    const reason = error.message.replace(/ at line \d+.*$/, '').replace(/^Invalid Closing Quote: got "(.*)"/, 'text "$1" follows a closing quote');
    return new ImportError({ file, line: context.lines ?? null, column, message: `malformed CSV (${error.code}): ${reason}. Fix the quoting on that line and import again.` });
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return new ImportError({ file, line: null, column: null, message: 'the file does not exist (any more).' }, 'NOT_FOUND');
  if (code === 'EACCES' || code === 'EPERM') return new ImportError({ file, line: null, column: null, message: 'the file cannot be read (permission denied).' }, 'PERMISSION_DENIED');
  return new ImportError({ file, line: null, column: null, message: `the file could not be read: ${(error as Error)?.message ?? String(error)}` }, 'IO');
}
