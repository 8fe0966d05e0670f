import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import ExcelJS from 'exceljs';
import type { RowInput } from '../../../shared/import/types';
import type { ReadOptions } from './csv-reader';
import { cancelled, ImportError } from './import-error';
import { guardXlsx, XlsxZipError, type GuardedXlsx } from './xlsx-zip';

/** One cell as text: dates as yyyy-mm-dd, formulas as their result, rich text joined. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: Array<{ text: string }>; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
    if (v.error) return '';
    return '';
  }
  return String(value);
}

/**
 * Streams the first worksheet's rows of an XLSX workbook (exceljs's streaming reader: the
 * sheet is never held whole in memory). exceljs reads a rebuilt zip whose every entry was
 * checked against our limits (xlsx-zip.ts), so a zip bomb is refused, naming the file.
 * Lines are the sheet's row numbers.
 */
export async function* readXlsxRows(path: string, options: ReadOptions = {}): AsyncGenerator<RowInput[]> {
  const file = basename(path);
  const totalBytes = (await stat(path)).size;
  let guard: GuardedXlsx;
  try {
    guard = await guardXlsx(path);
  } catch (error) {
    if (error instanceof XlsxZipError) throw refused(file, 0, error);
    throw new ImportError({ file, line: 1, column: 1, message: `this XLSX workbook cannot be read (${(error as Error)?.message ?? String(error)}).` });
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(guard.stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore' });
  let batch: RowInput[] = [];
  let rows = 0;
  // A limit broken while exceljs reads ends the read at once (exceljs could take long to notice).
  const stopped = guard.failed.then((failure) => {
    throw refused(file, rows, failure);
  });
  stopped.catch(() => undefined);
  try {
    for await (const sheet of untilStopped(reader, stopped)) {
      for await (const row of untilStopped(sheet, stopped)) {
        if (options.signal?.aborted) throw cancelled(file);
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        batch.push({ line: row.number, cells: Array.from(values, cellText) });
        rows++;
        if (batch.length >= 1_000) {
          options.onProgress?.({ bytes: guard.bytesRead, totalBytes, rows });
          yield batch;
          batch = [];
        }
      }
      break; // the first worksheet only
    }
    // A limit broken late ends the rebuilt zip early; exceljs may then finish without noticing.
    if (guard.failure) throw refused(file, rows, guard.failure);
    if (batch.length > 0) yield batch;
    options.onProgress?.({ bytes: totalBytes, totalBytes, rows });
  } catch (error) {
    if (error instanceof ImportError) throw error;
    if (options.signal?.aborted) throw cancelled(file);
    if (guard.failure) throw refused(file, rows, guard.failure);
    throw new ImportError({ file, line: rows + 1, column: 1, message: `this is not a readable XLSX workbook (${(error as Error)?.message ?? String(error)}). Save it again from the spreadsheet program, or as CSV.` });
  } finally {
    await guard.close();
  }
}

/** Where the rows stopped (line 1 when none were read), as every import error says where. */
function refused(file: string, rows: number, failure: XlsxZipError): ImportError {
  return new ImportError({ file, line: rows + 1, column: 1, message: `this workbook cannot be imported: ${failure.message}. If it is genuine, save it as CSV (or split it) and import that.` });
}

/** The items of `source` until `stopped` rejects, which then ends the loop with its error. */
async function* untilStopped<T>(source: AsyncIterable<T>, stopped: Promise<never>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    const next = await Promise.race([iterator.next(), stopped]);
    if (next.done) return;
    yield next.value;
  }
}
