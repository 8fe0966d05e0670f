import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { acledLayout, acledMapper, ACLED_DATASET } from '../../../shared/formats/acled/map';
import { checkMapping, csvMapper } from '../../../shared/formats/csv-mapping/map';
import { defaultMapping, type CsvMapping } from '../../../shared/formats/csv-mapping/mapping';
import type { FindPlace } from '../../../shared/formats/csv-mapping/place-lookup';
import { gtdMapper, GTD_DATASET, looksLikeGtdHeader } from '../../../shared/formats/gtd/map';
import { compileFilter, isEmptyFilter, subjectOfItem, type ImportRowFilter, type RowFilter } from '../../../shared/import/filters';
import { shareStrings, StringPool } from '../../../shared/import/intern';
import { idSlug } from '../../../shared/import/text';
import type { DatasetInfo, ImportFormat, ImportItem, RowInput, RowIssue, RowMapper } from '../../../shared/import/types';
import { readCsvRows, type ReadOptions } from './csv-reader';
import { gazetteerService } from '../gazetteer-service';
import { jsonParseRefusal } from '../json-guard';
import { jsonErrorOffset } from './json-error';
import { cancelled, ImportError, lineColumnOf } from './import-error';
import { readSample, sniffBytes, type Sniffed } from './sniff';
import { readXlsxRows } from './xlsx-reader';

export interface PipelineOptions extends ReadOptions {
  format?: ImportFormat;
  mapping?: CsvMapping;
  /** Rows to keep (checked); the others are counted and dropped as they are read, never held. */
  filter?: ImportRowFilter;
}

/** Everything read from a tabular file: mapped items and the rows that could not be mapped. */
export interface TableRead {
  format: Exclude<ImportFormat, 'stix'>;
  encoding: string;
  delimiter: string;
  dataset: DatasetInfo;
  items: ImportItem[];
  issues: RowIssue[];
  issueCount: number;
  rowsRead: number;
  /** Rows mapped but left out by the filter. */
  filteredOut: number;
  /** The filter the rows passed, compiled; absent when nothing was filtered. */
  filter?: RowFilter;
  /** How rows were read, for the preview (e.g. older ACLED types that had to be guessed). */
  notes: string[];
}

const MAX_ISSUES_KEPT = 1_000;

/** Sniffs a file: its kind, encoding and delimiter (throws ImportError for binary or unknown encodings). */
export async function sniffFile(path: string): Promise<Sniffed> {
  try {
    const { bytes, size } = await readSample(path);
    if (size === 0) throw new ImportError({ file: basename(path), line: 1, column: 1, message: 'the file is empty.' });
    return sniffBytes(bytes, size, path);
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const code = (error as NodeJS.ErrnoException)?.code;
    throw new ImportError({ file: basename(path), line: null, column: null, message: code === 'ENOENT' ? 'no such file.' : `the file cannot be read (${code ?? (error as Error).message}).` }, code === 'ENOENT' ? 'NOT_FOUND' : 'IO');
  }
}

/** The format a file's first row suggests. */
export function detectFormat(sniffed: Sniffed, firstRow: readonly string[] | null, path: string): ImportFormat {
  if (sniffed.kind === 'json' || extname(path).toLowerCase() === '.json') return 'stix';
  if (!firstRow) return 'csv';
  if (looksLikeGtdHeader(firstRow)) return 'gtd';
  if (!('error' in acledLayout(firstRow))) return 'acled';
  return 'csv';
}

/** Streams a tabular file's rows, CSV or XLSX. */
export function rowsOf(path: string, sniffed: Sniffed, options: PipelineOptions): AsyncGenerator<RowInput[]> {
  return sniffed.kind === 'xlsx' ? readXlsxRows(path, options) : readCsvRows(path, sniffed, options);
}

/**
 * The first rows of a tabular file, without reading the rest. A malformed row after the first
 * ends the look early (the preview reports it); one in the first row is the file's error.
 */
export async function firstRows(path: string, sniffed: Sniffed, count: number): Promise<RowInput[]> {
  const out: RowInput[] = [];
  try {
    for await (const batch of rowsOf(path, sniffed, { oneByOne: true })) {
      out.push(...batch.slice(0, count - out.length));
      if (out.length >= count) break;
    }
  } catch (error) {
    if (out.length === 0) throw error;
  }
  return out;
}

function mapperFor(format: Exclude<ImportFormat, 'stix'>, header: readonly string[], mapping: CsvMapping | undefined, file: string, findPlace: FindPlace | undefined): { mapper: RowMapper; skipFirst: boolean; dataset: DatasetInfo } {
  if (format === 'acled') {
    const layout = acledLayout(header);
    if ('error' in layout) throw new ImportError({ file, line: 1, column: 1, message: layout.error });
    return { mapper: acledMapper(layout.fields), skipFirst: layout.hasHeader, dataset: ACLED_DATASET };
  }
  if (format === 'gtd') {
    if (!looksLikeGtdHeader(header)) throw new ImportError({ file, line: 1, column: 1, message: 'this is not a GTD header (it needs eventid and iyear columns). Pick another format.' });
    return { mapper: gtdMapper(header), skipFirst: true, dataset: GTD_DATASET };
  }
  const chosen = mapping ?? defaultMapping(header);
  const checked = checkMapping(chosen, header);
  if (!checked.ok) {
    const advice = mapping ? '' : ' The columns were guessed from the header; map them in the import wizard (or pass --mapping NAME).';
    throw new ImportError({ file, line: 1, column: 1, message: `${checked.message}${advice}` });
  }
  const label = chosen.name ?? basename(file, extname(file));
  return {
    mapper: csvMapper(header, chosen, findPlace),
    skipFirst: true,
    dataset: { key: `csv-${idSlug(label.toLowerCase(), 24) || 'file'}`, title: chosen.name ? `Imported table: ${chosen.name}` : `Imported file ${file}` },
  };
}

/** The gazetteer's exact look-up, for a mapping that asks to look up places. */
async function placeFinder(file: string): Promise<FindPlace> {
  const gazetteer = await gazetteerService.gazetteer();
  if (!gazetteer.ok) throw new ImportError({ file, line: null, column: null, message: `${gazetteer.error.message} Or import without "Look up places".` });
  return (name, country) => gazetteer.value.lookUp(name, country);
}

/** Reads and maps a whole CSV/XLSX file; throws ImportError when the file itself is unusable. */
export async function readTable(path: string, sniffed: Sniffed, options: PipelineOptions): Promise<TableRead> {
  const file = basename(path);
  let format = options.format as Exclude<ImportFormat, 'stix'> | undefined;
  let mapped: ReturnType<typeof mapperFor> | null = null;
  const items: ImportItem[] = [];
  const issues: RowIssue[] = [];
  let issueCount = 0;
  let rowsRead = 0;
  let filteredOut = 0;
  const filter = options.filter && !isEmptyFilter(options.filter) ? compileFilter(options.filter) : undefined;
  const pool = new StringPool();
  const findPlace = options.mapping?.lookUpPlaces ? await placeFinder(file) : undefined;
  for await (const batch of rowsOf(path, sniffed, options)) {
    for (const row of batch) {
      if (!mapped) {
        format ??= detectFormat(sniffed, row.cells, path) as Exclude<ImportFormat, 'stix'>;
        mapped = mapperFor(format, row.cells, options.mapping, file, findPlace);
        if (mapped.skipFirst) continue;
      }
      rowsRead++;
      const result = mapped.mapper.map(row);
      if (result.ok) {
        if (filter && !filter.test(subjectOfItem(result.item))) filteredOut++;
        else items.push(shareStrings(result.item, pool));
      } else if (issueCount++ < MAX_ISSUES_KEPT) issues.push(result.issue);
    }
    if (options.signal?.aborted) throw cancelled(file);
  }
  if (!mapped || !format) throw new ImportError({ file, line: 1, column: 1, message: 'the file has no rows.' });
  return { format, encoding: sniffed.encoding, delimiter: sniffed.delimiter, dataset: mapped.dataset, items, issues, issueCount, rowsRead, filteredOut, ...(filter ? { filter } : {}), notes: mapped.mapper.notes?.() ?? [] };
}

/** Reads a JSON file whole (STIX bundles are one JSON value); names line and column of a syntax error. */
export async function readJson(path: string, sniffed: Sniffed, maxBytes = 512 * 1024 * 1024): Promise<unknown> {
  const file = basename(path);
  if (sniffed.size > maxBytes) throw new ImportError({ file, line: null, column: null, message: `the bundle is ${Math.round(sniffed.size / 2 ** 20)} MB; bundles above ${Math.floor(maxBytes / 2 ** 20)} MB are not read. Split it and import the parts.` });
  const raw = (await readFile(path)).subarray(sniffed.bomLength);
  // What parsing would build, judged before it is built (from the bytes when they are UTF-8).
  const utf8 = sniffed.encoding === 'utf-8';
  const refuse = (input: Uint8Array | string): void => {
    const refused = jsonParseRefusal(input, 'The bundle');
    if (refused) throw new ImportError({ file, line: null, column: null, message: `${refused} Nothing was imported; split the bundle, or ask for a smaller one.` });
  };
  if (utf8) refuse(raw);
  const text = new TextDecoder(sniffed.encoding).decode(raw);
  if (!utf8) refuse(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error as Error).message;
    const { line, column } = lineColumnOf(text, jsonErrorOffset(text));
    const reason = message.split(/,|\n| in JSON/)[0] ?? message;
    throw new ImportError({ file, line, column, message: `this is not valid JSON (${reason}). Fix the file, or export the bundle again.` });
  }
}
