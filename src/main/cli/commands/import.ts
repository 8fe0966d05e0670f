import { extname, resolve } from 'node:path';
import { TLP_LEVELS, type Marking } from '../../../shared/domain/marking';
import { isEmptyFilter, parseFilterPairs } from '../../../shared/import/filters';
import type { ImportFormat } from '../../../shared/import/types';
import { IMPORT_FORMATS } from '../../../shared/import/types';
import { appPaths } from '../../services/app-paths';
import { CaseService } from '../../services/case-service';
import { ImportError } from '../../services/import/import-error';
import { commitPrepared, lastSeq } from '../../services/import/import-service';
import { mappingsFile, MappingStore } from '../../services/import/mapping-store';
import { planImport, prepareImport, previewOf, type PlanChoices } from '../../services/import/prepare';
import { StoreError } from '../../store/store-error';
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { readPassphrase } from '../passphrase';
import { openProgressPrinter } from '../progress';
import { interruptSignal, stopIfInterrupted } from '../interrupt';
import { cliSession } from '../session';

const USAGE =
  'casefile import <store> <file> [--format acled|gtd|csv|stix] [--mapping NAME] [--only KEY=VALUE]… [--marking TLP:LEVEL] [--accept-matches] [--dry-run] [--remove-missing] [--json] [--passphrase-file F]\n' +
  '  --only keys: country, admin1, actor, event_type, from, to (YYYY[-MM[-DD]]); a key given twice means either value, different keys must all match';

/** Progress on stderr: one line rewritten in place on a terminal, a line per tenth otherwise (logs). */
function progressReporter(interactive: boolean): (bytes: number, total: number, rows: number) => void {
  let lastTenth = -1;
  return (bytes, total, rows) => {
    const percent = total > 0 ? Math.min(100, Math.floor((bytes / total) * 100)) : 100;
    const text = `reading: ${percent}% (${rows.toLocaleString('en')} rows)`;
    if (interactive) {
      process.stderr.write(`\r${text}   `);
    } else if (Math.floor(percent / 10) > lastTenth) {
      lastTenth = Math.floor(percent / 10);
      process.stderr.write(`${text}\n`);
    }
  };
}

export const importCommand: Command = {
  summary: 'import ACLED, GTD, any CSV/XLSX (through a saved mapping) or a STIX 2.1 bundle; prints what was added, updated and skipped',
  writes: true,
  usage: USAGE,
  async run(argv) {
    const { only, rest } = takeOnly(argv);
    const args = parseArgs(rest, { flags: ['dry-run', 'json', 'remove-missing', 'accept-matches'], options: ['format', 'mapping', 'passphrase-file', 'marking'] });
    if (args.positionals.length !== 2) throw new UsageError(`expected a case file and a file to import\nusage: ${USAGE}`);
    const [store, file] = args.positionals.map((p) => resolve(p)) as [string, string];
    const format = args.options.get('format');
    if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
    const parsedFilter = parseFilterPairs(only);
    if (!parsedFilter.ok) throw new UsageError(parsedFilter.message);
    const filter = isEmptyFilter(parsedFilter.value) ? undefined : parsedFilter.value;
    if (filter && (format === 'stix' || extname(file).toLowerCase() === '.json')) throw new UsageError('--only filters rows of tables (ACLED, GTD, CSV, XLSX); a STIX bundle is imported whole');
    const marking = parseMarking(args.options.get('marking'));
    const choices: PlanChoices = { ...(marking ? { marking } : {}), ...(args.flags.has('accept-matches') ? { accepted: 'all' as const } : {}) };
    const mappingName = args.options.get('mapping');
    const mapping = mappingName ? await new MappingStore(mappingsFile(appPaths().home)).get(mappingName) : undefined;
    if (mappingName && !mapping) throw new UsageError(`no saved mapping named "${mappingName}"; save one in the app's import wizard first`);

    const passphrase = await readPassphrase({ file: args.options.get('passphrase-file'), confirm: false, purpose: `unlock ${store}` });
    const cases = new CaseService({ user: process.env['USER'] ?? 'cli', foldAfterIdleMs: 60_000 });
    const progress = openProgressPrinter(store);
    const opened = await cases.open(store, { passphrase }, { takeOverLock: cliSession.takeOverLock, onProgress: progress.onProgress });
    progress.done();
    if (!opened.ok) throw new StoreError(opened.error.code, opened.error.message);
    const untouched = 'the file was not imported; the case is as it was.';
    try {
      stopIfInterrupted(untouched);
      const doc = cases.document;
      if (!doc) throw new StoreError('INTERNAL', 'The case opened but has no document.');
      const generation = cases.generation;
      const interactive = process.stderr.isTTY === true;
      const report = progressReporter(interactive);
      let prepared;
      try {
        const read = { ...(format ? { format: format as ImportFormat } : {}), ...(mapping ? { mapping } : {}), ...(filter ? { filter } : {}) };
        prepared = await prepareImport(file, undefined, { ...read, onProgress: (p) => report(p.bytes, p.totalBytes, p.rows), signal: interruptSignal }, marking ?? doc.defaultMarking);
      } finally {
        if (interactive) process.stderr.write('\n');
      }
      const removeMissing = args.flags.has('remove-missing');
      // Without --remove-missing the plan is committed as made, so the rows can go as they are planned.
      const plan = planImport(prepared, doc, removeMissing, !removeMissing, choices);
      const preview = previewOf('cli', prepared, plan, doc.defaultMarking);
      let committed: { seq: number; summary: string } | null = null;
      if (!args.flags.has('dry-run')) {
        // The last safe point: the import is then one journal entry, committed whole or not at all.
        stopIfInterrupted(untouched);
        const result = await commitPrepared(cases, removeMissing ? prepared : null, removeMissing, removeMissing ? undefined : { plan, seq: lastSeq(doc), generation }, choices);
        if (!result.ok) throw new StoreError(result.error.code, result.error.message);
        committed = result.value;
      }
      if (args.flags.has('json')) return { stdout: `${JSON.stringify({ ...preview, dryRun: !committed, seq: committed?.seq ?? null })}\n` };
      return { stdout: summaryText(preview, committed, removeMissing, marking !== undefined) };
    } catch (error) {
      if (error instanceof ImportError) throw new StoreError(error.code, `${error.message} The case was not changed.`);
      throw error;
    } finally {
      const closed = await cases.close();
      if (!closed.ok) process.stderr.write(`${closed.error.message}\n`);
    }
  },
};

/** Pulls every `--only KEY=VALUE` (or `--only=KEY=VALUE`) out of argv: the parser keeps one value per option. */
function takeOnly(argv: readonly string[]): { only: string[]; rest: string[] } {
  const only: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--only=')) only.push(arg.slice('--only='.length));
    else if (arg === '--only') {
      const value = argv[++i];
      if (value === undefined || value === '') throw new UsageError('--only needs KEY=VALUE, e.g. --only country=SO');
      only.push(value);
    } else rest.push(arg);
  }
  return { only, rest };
}

/** `--marking clear`, `TLP:GREEN`, `amber+strict` … to a marking. */
function parseMarking(text: string | undefined): Marking | undefined {
  if (text === undefined) return undefined;
  const upper = text.trim().toUpperCase();
  const marking = upper.startsWith('TLP:') ? upper : `TLP:${upper}`;
  if (!(TLP_LEVELS as readonly string[]).includes(marking)) throw new UsageError(`--marking must be one of ${TLP_LEVELS.join(', ')} (the TLP: may be left out)`);
  return marking as Marking;
}

function summaryText(preview: ReturnType<typeof previewOf>, committed: { seq: number } | null, removeMissing: boolean, markingGiven: boolean): string {
  const c = preview.counts;
  const lines = [
    `${preview.fileName} (${preview.format}, ${preview.encoding || 'json'}): ${preview.rowsRead} rows read`,
    ...(preview.filter ? [`  filter     ${preview.filter}: ${c.filteredOut} rows left out`] : []),
    `  add        ${c.add}`,
    `  update     ${c.update}`,
    `  skip       ${c.unchanged + c.duplicate + c.invalid} (${c.unchanged} unchanged, ${c.duplicate} duplicates, ${c.invalid} invalid)`,
    `  actors     ${c.actorsNew} new, ${c.actorsMatched} matched to existing ones`,
    `  sources    ${c.sourcesNew} new`,
  ];
  const m = preview.marking;
  if (m.applied) lines.push(`  marking    new records ${m.applied}${markingGiven ? '' : ` (suggested: ${m.reason}; choose with --marking)`}`);
  for (const p of preview.proposals.slice(0, 50)) {
    const state = p.accepted ? 'accepted' : 'not accepted: a new actor is made (pass --accept-matches to accept every proposal)';
    lines.push(`  match?     “${p.name}” → ${p.actorName} (${Math.round(p.score * 100)}%, ${p.rows} rows; ${p.reason}): ${state}`);
  }
  if (preview.proposals.length > 50) lines.push(`  … ${preview.proposals.length - 50} more proposed matches (see --json)`);
  if (c.missing > 0) lines.push(`  missing    ${c.missing} events of this dataset in the case are no longer in the file${removeMissing ? ' (removed)' : ' (kept; pass --remove-missing to remove them)'}`);
  for (const issue of preview.issues.slice(0, 20)) lines.push(`  line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}`);
  if (preview.issues.length > 20) lines.push(`  … ${c.invalid - 20} more invalid rows`);
  for (const note of preview.notes.slice(0, 20)) lines.push(`  ${note}`);
  lines.push(committed ? `Committed as one step (history #${committed.seq}); undo it in the app with Ctrl+Z.` : 'Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}
