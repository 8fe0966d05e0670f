import { resolve } from 'node:path';
import type { ImportFormat } from '../../../shared/import/types';
import { IMPORT_FORMATS } from '../../../shared/import/types';
import { appPaths } from '../../services/app-paths';
import { CaseService } from '../../services/case-service';
import { ImportError } from '../../services/import/import-error';
import { commitPrepared, lastSeq } from '../../services/import/import-service';
import { mappingsFile, MappingStore } from '../../services/import/mapping-store';
import { planImport, prepareImport, previewOf } from '../../services/import/prepare';
import { StoreError } from '../../store/store-error';
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { readPassphrase } from '../passphrase';
import { openProgressPrinter } from '../progress';
import { interruptSignal, stopIfInterrupted } from '../interrupt';
import { cliSession } from '../session';

const USAGE = 'casefile import <store> <file> [--format acled|gtd|csv|stix] [--mapping NAME] [--dry-run] [--remove-missing] [--json] [--passphrase-file F]';

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
    const args = parseArgs(argv, { flags: ['dry-run', 'json', 'remove-missing'], options: ['format', 'mapping', 'passphrase-file'] });
    if (args.positionals.length !== 2) throw new UsageError(`expected a case file and a file to import\nusage: ${USAGE}`);
    const [store, file] = args.positionals.map((p) => resolve(p)) as [string, string];
    const format = args.options.get('format');
    if (format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
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
        prepared = await prepareImport(file, undefined, { ...(format ? { format: format as ImportFormat } : {}), ...(mapping ? { mapping } : {}), onProgress: (p) => report(p.bytes, p.totalBytes, p.rows), signal: interruptSignal }, doc.defaultMarking);
      } finally {
        if (interactive) process.stderr.write('\n');
      }
      const removeMissing = args.flags.has('remove-missing');
      // Without --remove-missing the plan is committed as made, so the rows can go as they are planned.
      const plan = planImport(prepared, doc, removeMissing, !removeMissing);
      const preview = previewOf('cli', prepared, plan);
      let committed: { seq: number; summary: string } | null = null;
      if (!args.flags.has('dry-run')) {
        // The last safe point: the import is then one journal entry, committed whole or not at all.
        stopIfInterrupted(untouched);
        const result = await commitPrepared(cases, removeMissing ? prepared : null, removeMissing, removeMissing ? undefined : { plan, seq: lastSeq(doc), generation });
        if (!result.ok) throw new StoreError(result.error.code, result.error.message);
        committed = result.value;
      }
      if (args.flags.has('json')) return { stdout: `${JSON.stringify({ ...preview, dryRun: !committed, seq: committed?.seq ?? null })}\n` };
      return { stdout: summaryText(preview, committed, removeMissing) };
    } catch (error) {
      if (error instanceof ImportError) throw new StoreError(error.code, `${error.message} The case was not changed.`);
      throw error;
    } finally {
      const closed = await cases.close();
      if (!closed.ok) process.stderr.write(`${closed.error.message}\n`);
    }
  },
};

function summaryText(preview: ReturnType<typeof previewOf>, committed: { seq: number } | null, removeMissing: boolean): string {
  const c = preview.counts;
  const lines = [
    `${preview.fileName} (${preview.format}, ${preview.encoding || 'json'}): ${preview.rowsRead} rows read`,
    `  add        ${c.add}`,
    `  update     ${c.update}`,
    `  skip       ${c.unchanged + c.duplicate + c.invalid} (${c.unchanged} unchanged, ${c.duplicate} duplicates, ${c.invalid} invalid)`,
    `  actors     ${c.actorsNew} new, ${c.actorsMatched} matched to existing ones`,
    `  sources    ${c.sourcesNew} new`,
  ];
  if (c.missing > 0) lines.push(`  missing    ${c.missing} events of this dataset in the case are no longer in the file${removeMissing ? ' (removed)' : ' (kept; pass --remove-missing to remove them)'}`);
  for (const issue of preview.issues.slice(0, 20)) lines.push(`  line ${issue.line}${issue.column ? `, column ${issue.column}` : ''}: ${issue.message}`);
  if (preview.issues.length > 20) lines.push(`  … ${c.invalid - 20} more invalid rows`);
  for (const note of preview.notes.slice(0, 20)) lines.push(`  ${note}`);
  lines.push(committed ? `Committed as one step (history #${committed.seq}); undo it in the app with Ctrl+Z.` : 'Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}
