import type { CaseDocument } from '../../../shared/domain/case';
import type { WrittenReport } from '../../../shared/domain/written-report';
import { checkCaseOf, checkReport, type CheckKind } from '../../../shared/report/authoring/check';
import { parseArgs, UsageError } from '../args';
import { oneStore, openReadOnly, type Command } from '../command';

const USAGE = 'casefile report check <store> --report ID|TITLE [--passphrase-file F]';

const LABELS: Record<CheckKind, string> = {
  'stale-fact': 'changed number',
  'unconfirmed-fact': 'unconfirmed number',
  'invalid-fact': 'unreadable number',
  'broken-citation': 'broken citation',
  'empty-figure': 'empty figure',
  'invalid-figure': 'unreadable figure',
  'dangling-figure-ref': 'dangling figure reference',
};

/** A written report by id, else by title (case-insensitive); a title several reports share is refused with their ids. */
export function findReport(doc: Pick<CaseDocument, 'reports'>, wanted: string): WrittenReport {
  const byId = doc.reports.find((r) => r.id === wanted);
  if (byId) return byId;
  const needle = wanted.trim().toLocaleLowerCase();
  const byTitle = doc.reports.filter((r) => r.title.trim().toLocaleLowerCase() === needle);
  if (byTitle.length === 1) return byTitle[0]!;
  if (byTitle.length > 1) throw new UsageError(`${byTitle.length} reports are titled “${wanted}”; name one by its id: ${byTitle.map((r) => r.id).join(', ')}`);
  const known = doc.reports.map((r) => `  ${r.id}  ${r.title}`).join('\n');
  throw new UsageError(`no written report with id or title “${wanted}”.${known ? ` The case has:\n${known}` : ' The case has no written reports.'}`);
}

/**
 * `casefile report check`: what "Check the draft" lists in the app (numbers changed since they
 * were confirmed, citations of deleted or merged records, figures with nothing to draw), one per
 * line; exits 1 when there is anything, so a script can refuse to issue a stale report.
 */
export const reportCheckCommand: Command = {
  summary: 'check a written report against the case: changed numbers, broken citations, empty figures (exit 1 when any)',
  usage: USAGE,
  async run(argv) {
    const args = parseArgs(argv, { flags: [], options: ['report', 'passphrase-file'] });
    const wanted = args.options.get('report');
    if (!wanted) throw new UsageError(`--report ID|TITLE is required\nusage: ${USAGE}`);
    const store = await openReadOnly(oneStore(args.positionals, USAGE), args.options.get('passphrase-file'));
    const doc = store.document;
    await store.close();
    const report = findReport(doc, wanted);
    const items = checkReport(report.body, checkCaseOf(doc));
    const width = Math.max(...items.map((i) => LABELS[i.kind].length), 0);
    const lines = items.map((i) => `${LABELS[i.kind].padEnd(width)}  ${i.message}`);
    const summary = items.length === 0 ? `“${report.title}”: nothing to fix.` : `“${report.title}”: ${items.length} item(s) to fix before issuing.`;
    return { stdout: lines.length ? `${lines.join('\n')}\n` : '', stderr: summary, exitCode: items.length === 0 ? 0 : 1 };
  },
};
