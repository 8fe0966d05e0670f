import ExcelJS from 'exceljs';
import type { MatrixView } from '../../shared/ach/product';
import { matrixSvg } from '../../shared/ach/svg';
import { matrixTable, type TableValue } from '../../shared/ach/table';

export type AchExportFormat = 'csv' | 'xlsx' | 'svg';

export const ACH_MEDIA_TYPES: Record<AchExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  svg: 'image/svg+xml',
};

/**
 * Text a spreadsheet would run as a formula (or as DDE) when it starts with = + - @, a tab or a
 * carriage return: prefixed with an apostrophe so it is shown as the text it is. Numbers stay numbers.
 */
export function neutralise(value: TableValue): TableValue {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The table as lines of cells: marking first and last, question, hypotheses, rows, scores, notes. */
function sheetLines(view: MatrixView): TableValue[][] {
  const table = matrixTable(view);
  return [
    [view.marking],
    [table.title],
    ...table.hypotheses.map((h) => [`${h.label}: ${h.statement}`]),
    [],
    table.header,
    ...table.rows,
    ...table.scoreRows,
    [],
    ...table.notes.map((n) => [n]),
    [view.marking],
  ];
}

function csvField(value: TableValue): string {
  const text = String(neutralise(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 CSV (CRLF), UTF-8 with a byte-order mark so spreadsheets read the accents. */
export function matrixCsv(view: MatrixView): Buffer {
  const text = sheetLines(view).map((line) => line.map(csvField).join(',')).join('\r\n');
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

/** One worksheet, the marking in the page header and footer of every printed page. */
export async function matrixXlsx(view: MatrixView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Casefile Workbench';
  const sheet = workbook.addWorksheet('ACH', { headerFooter: { oddHeader: `&C${view.marking}`, oddFooter: `&C${view.marking} — Page &P of &N` } });
  for (const line of sheetLines(view)) {
    // Every value is written as plain text or a number: never a formula.
    sheet.addRow(line.map((v) => neutralise(v)));
  }
  sheet.getColumn(1).width = 60;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writeMatrix(view: MatrixView, format: AchExportFormat): Promise<{ bytes: Buffer; width: number; height: number }> {
  if (format === 'csv') return { bytes: matrixCsv(view), width: 0, height: 0 };
  if (format === 'xlsx') return { bytes: await matrixXlsx(view), width: 0, height: 0 };
  const { svg, width, height } = matrixSvg(view);
  return { bytes: Buffer.from(svg, 'utf8'), width, height };
}

/** A file name from the question. */
export function matrixFileName(title: string, format: AchExportFormat): string {
  const base = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'ach-matrix';
  return `${base}.${format}`;
}
