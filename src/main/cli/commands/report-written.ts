import { basename, dirname, extname, join, resolve } from 'node:path';
import { Marking } from '../../../shared/domain/marking';
import type { WrittenReport } from '../../../shared/domain/written-report';
import { checkOutputTarget, writeOutputFile } from '../../services/output-file';
import { REPORT_FORMATS, type ReportFormat } from '../../services/report/report-service';
import { chromiumPrinter } from '../../services/report/pdf';
import { writeWrittenReport } from '../../services/report/written-export';
import { StoreError } from '../../store/store-error';
import { parseArgs, UsageError } from '../args';
import { oneStore, openReadOnly, type CommandOutput } from '../command';
import { interruptSignal, stopIfInterrupted } from '../interrupt';

export const LIST_USAGE = 'casefile report list <store> [--passphrase-file F]';
export const WRITE_USAGE = `casefile report write <store> --report ID|TITLE --format ${REPORT_FORMATS.join('|')} --out FILE [--max-marking TLP:…] [--withheld mark|drop] [--notes footnotes|endnotes] [--passphrase-file F]`;

/** `casefile report list CASE`: the case's written reports, one a line (id, status, marking, date, title). */
export async function listWrittenReports(argv: readonly string[]): Promise<CommandOutput> {
  const args = parseArgs(argv, { flags: [], options: ['passphrase-file'] });
  const store = await openReadOnly(oneStore(args.positionals, LIST_USAGE), args.options.get('passphrase-file'));
  const reports = [...store.document.reports].sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  await store.close();
  const lines = reports.map((r) => [r.id, r.status, r.marking, r.date, r.title].join('\t'));
  return { stdout: lines.length ? `${lines.join('\n')}\n` : '', stderr: `${reports.length} written report(s).\n` };
}

function findReport(reports: readonly WrittenReport[], wanted: string): WrittenReport {
  const byId = reports.find((r) => r.id === wanted);
  if (byId) return byId;
  const key = wanted.trim().toLocaleLowerCase();
  const byTitle = reports.filter((r) => r.title.trim().toLocaleLowerCase() === key);
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) throw new UsageError(`${byTitle.length} reports are titled "${wanted}"; name one by id (casefile report list shows them): ${byTitle.map((r) => r.id).join(', ')}`);
  throw new StoreError('NOT_FOUND', `No written report with id or title "${wanted}". casefile report list shows the case's reports.`);
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}\nusage: ${WRITE_USAGE}`);
  return value as T;
}

/**
 * `casefile report write`: one written report at a maximum marking. What was left out (blocks
 * above the maximum, withheld citations) is printed to stderr; Markdown's figures are written
 * beside the file.
 */
export async function writeWrittenReportCommand(argv: readonly string[]): Promise<CommandOutput> {
  const args = parseArgs(argv, { flags: [], options: ['report', 'format', 'out', 'max-marking', 'withheld', 'notes', 'passphrase-file'] });
  const wanted = args.options.get('report');
  if (!wanted) throw new UsageError(`--report ID|TITLE is required\nusage: ${WRITE_USAGE}`);
  const format = choice<ReportFormat>(args.options.get('format'), REPORT_FORMATS, '--format', 'pdf');
  if (!args.options.get('format')) throw new UsageError(`--format is required\nusage: ${WRITE_USAGE}`);
  const out = args.options.get('out');
  if (!out) throw new UsageError(`--out FILE is required\nusage: ${WRITE_USAGE}`);
  const max = args.options.get('max-marking');
  if (max !== undefined && !Marking.safeParse(max).success) throw new UsageError(`--max-marking must be one of ${Marking.options.join(', ')}`);
  const withheld = choice(args.options.get('withheld'), ['mark', 'drop'] as const, '--withheld', 'mark');
  const noteMode = choice(args.options.get('notes'), ['footnotes', 'endnotes'] as const, '--notes', 'endnotes');
  const target = resolve(out);
  await checkOutputTarget(target);
  const store = await openReadOnly(oneStore(args.positionals, WRITE_USAGE), args.options.get('passphrase-file'));
  const doc = store.document;
  await store.close();
  const report = findReport(doc.reports, wanted);
  const maxMarking = (max as Marking | undefined) ?? report.marking;
  stopIfInterrupted(`${target} was not written.`);
  process.stderr.write(`rendering "${report.title}" as ${format.toUpperCase()} at ${maxMarking}…\n`);
  const base = basename(target, extname(target));
  const written = await writeWrittenReport(doc, report, { format, maxMarking, withheld, noteMode }, chromiumPrinter, base);
  if (!written.ok) throw new StoreError(written.error.code, written.error.message);
  const { bytes, document, figures } = written.value;
  stopIfInterrupted(`${target} was not written.`);
  for (const figure of figures) await writeOutputFile(join(dirname(target), figure.name), figure.bytes, { overwrite: true, signal: interruptSignal });
  // Whole or not at all: a report cut short by a full disk or Ctrl-C never lies under its name.
  await writeOutputFile(target, bytes, { overwrite: true, signal: interruptSignal });
  const left = document.leftOut.map((l) => `  left out: ${l.title}: ${l.reason}`);
  const lines = [`Wrote ${format.toUpperCase()} of "${report.title}" (${bytes.length} bytes, ${document.footnotes.length} notes${figures.length ? `, ${figures.length} figure file(s) beside it` : ''}); ${document.leftOut.length} item(s) above ${maxMarking} left out.`, ...left];
  return { stdout: `${target}\n`, stderr: `${lines.join('\n')}\n` };
}
