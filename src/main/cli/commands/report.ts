import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Marking } from '../../../shared/domain/marking';
import { sizeLines } from '../../../shared/report/size';
import { builtInTemplate, ReportTemplate, SECTION_LABELS, TEMPLATE_NAMES, type TemplateName } from '../../../shared/report/template';
import { jsonParseRefusal } from '../../services/json-guard';
import { checkOutputTarget, writeOutputFile } from '../../services/output-file';
import { REPORT_FORMATS, writeReport, type ReportFormat } from '../../services/report/report-service';
import { fromSystemError } from '../../store/store-error';
import { parseArgs, UsageError } from '../args';
import { oneStore, openReadOnly, type Command } from '../command';
import { interruptSignal, stopIfInterrupted } from '../interrupt';
import { LIST_USAGE, listWrittenReports, WRITE_USAGE, writeWrittenReportCommand } from './report-written';
import { reportCheckCommand } from './report-check';

const CASE_REPORT_USAGE = `casefile report <store> --format ${REPORT_FORMATS.join('|')} --out FILE [--max-marking TLP:GREEN] [--template ${TEMPLATE_NAMES.join('|')}|FILE.json] [--passphrase-file F]`;
const USAGE = `${CASE_REPORT_USAGE}\n       ${LIST_USAGE}\n       ${WRITE_USAGE}`;

/** A built-in template by name, or a template saved as JSON (the builder's shape). */
async function loadTemplate(name: string, caseName: string, countries: readonly string[]): Promise<ReportTemplate> {
  if ((TEMPLATE_NAMES as readonly string[]).includes(name)) return builtInTemplate(name as TemplateName, caseName, countries);
  if (!name.endsWith('.json')) throw new UsageError(`unknown template "${name}": use ${TEMPLATE_NAMES.join(', ')} or a .json template file`);
  const text = await readFile(resolve(name), 'utf8').catch((e: unknown) => Promise.reject(fromSystemError(e, name, 'read the template')));
  // A template may come from someone else: judged before it is parsed, like any JSON file we are given.
  const refused = jsonParseRefusal(text, `template ${name}`);
  if (refused) throw new UsageError(refused);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`template ${name} is not valid JSON`);
  }
  const parsed = ReportTemplate.safeParse(json);
  if (!parsed.success) throw new UsageError(`template ${name} is not valid: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export const reportCommand: Command = {
  summary: 'write a report of the case, or one of its written reports (list, write), as PDF, self-contained HTML, DOCX or Markdown',
  writes: true,
  usage: `${USAGE}\n  ${reportCheckCommand.usage}`,
  async run(argv) {
    // Written reports (docs/report-authoring.md); anything else is the case report, as before.
    if (argv[0] === 'list') return listWrittenReports(argv.slice(1));
    if (argv[0] === 'write') return writeWrittenReportCommand(argv.slice(1));
    if (argv[0] === 'check') return reportCheckCommand.run(argv.slice(1));
    const args = parseArgs(argv, { flags: [], options: ['format', 'out', 'max-marking', 'template', 'passphrase-file'] });
    const format = args.options.get('format');
    const out = args.options.get('out');
    if (!format || !(REPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}\nusage: ${USAGE}`);
    if (!out) throw new UsageError(`--out FILE is required\nusage: ${USAGE}`);
    const maxMarking = args.options.get('max-marking');
    if (maxMarking !== undefined && !Marking.safeParse(maxMarking).success) throw new UsageError(`--max-marking must be one of ${Marking.options.join(', ')}`);
    const target = resolve(out);
    await checkOutputTarget(target);
    const store = await openReadOnly(oneStore(args.positionals, USAGE), args.options.get('passphrase-file'));
    const doc = store.document;
    await store.close();
    const template = await loadTemplate(args.options.get('template') ?? 'default', doc.name, [...new Set(doc.events.map((e) => e.location.country))]);
    if (maxMarking) template.maxMarking = maxMarking as Marking;
    stopIfInterrupted(`${target} was not written.`);
    process.stderr.write(`rendering the ${format.toUpperCase()} report…\n`);
    const { bytes, document } = await writeReport(doc, template, format as ReportFormat);
    stopIfInterrupted(`${target} was not written.`);
    // Whole or not at all: a report cut short by a full disk or Ctrl-C never lies under its name.
    await writeOutputFile(target, bytes, { overwrite: true, signal: interruptSignal });
    const left = document.leftOut.map((l) => `  left out: ${l.collection} "${l.title}" (${l.reason})`);
    const lines = [`Wrote ${format.toUpperCase()} report (${bytes.length} bytes, ${document.footnotes.length} notes); ${document.leftOut.length} record(s) above ${template.maxMarking} left out.`, ...sizeLines(document.size, SECTION_LABELS).map((l, i) => (i === 0 ? `Size: ${l}` : l)), ...left];
    return { stdout: `${target}\n`, stderr: `${lines.join('\n')}\n` };
  },
};
