import { resolutionsFor, type Resolution } from '../../../shared/exchange';
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { stopIfInterrupted } from '../interrupt';
import { exchangeProgressPrinter } from '../progress';
import { openCase, readFilePassphrase, readIdentityFile } from './exchange-cli';

export const mergeCommand: Command = {
  summary: 'verify a received .casefile and merge it into the case as one undoable step (conflicts keep ours unless --prefer theirs|both)',
  writes: true,
  usage: 'casefile merge <store> <file> [--identity F | --passphrase-file F] [--dry-run] [--json] [--prefer ours|theirs|both] [--store-passphrase-file F]',
  async run(argv) {
    const args = parseArgs(argv, { flags: ['dry-run', 'json'], options: ['identity', 'passphrase-file', 'prefer', 'store-passphrase-file'] });
    if (args.positionals.length !== 2) throw new UsageError(`expected a case and a case file\nusage: ${this.usage}`);
    const prefer = (args.options.get('prefer') ?? 'ours') as Resolution;
    if (!['ours', 'theirs', 'both'].includes(prefer)) throw new UsageError('--prefer is ours, theirs or both');
    const [storePath, filePath] = args.positionals as [string, string];
    const file = filePath;
    const identities = args.options.get('identity') ? await readIdentityFile(args.options.get('identity') as string) : undefined;
    const passphrase = args.options.get('passphrase-file') ? await readFilePassphrase(args.options.get('passphrase-file') as string) : undefined;
    const { cases, exchange } = await openCase(storePath, args.options.get('store-passphrase-file'));
    try {
      const dryRun = args.flags.has('dry-run');
      const untouched = 'nothing was merged; the case is as it was.';
      stopIfInterrupted(untouched);
      process.stderr.write(`verifying ${filePath}…\n`);
      const progress = exchangeProgressPrinter(`opening ${filePath}`);
      // A dry run writes nothing, not even the files into the blob folder: they are only checked.
      const { opened, plan } = await exchange
        .open(file, { name: filePath, ...(identities ? { identities } : {}), ...(passphrase !== undefined ? { passphrase } : {}), keepFiles: !dryRun, onProgress: progress.onProgress })
        .finally(() => progress.done());
      const resolutions = resolutionsFor(plan, prefer);
      const review = {
        signer: opened.signer,
        sequence: opened.manifest.sequence,
        warnings: opened.warnings,
        added: plan.added.map((a) => ({ collection: a.collection, id: a.record.id })),
        changed: plan.changed.map((c) => ({ collection: c.collection, id: c.id, fields: c.fields })),
        deleted: plan.deleted.map((d) => ({ collection: d.collection, id: d.id })),
        conflicts: plan.conflicts.map((c) => ({ key: c.key, kind: c.kind, label: c.label, ...(c.kind === 'field' ? { field: c.field, ours: c.ours, theirs: c.theirs } : {}), ...('neededBy' in c && c.neededBy ? { neededBy: c.neededBy.map((n) => n.id) } : {}), resolution: resolutions[c.key] })),
        unchanged: plan.unchanged,
        oursNewer: plan.oursNewer,
        notes: plan.notes.map((n) => ({ collection: n.collection, id: n.id, note: n.note })),
      };
      // A dry run goes through the merge's own steps and checks, so it says what the merge would do (or refuse).
      // The last safe point: the merge is then one commit, whole or not at all.
      stopIfInterrupted(untouched);
      const outcome = await exchange.merge(opened, plan, resolutions, { dryRun });
      if (args.flags.has('json')) return { stdout: `${JSON.stringify({ dryRun, ...review, outcome }, null, 2)}\n` };
      const signer = opened.signer.trust === 'unknown' ? `UNKNOWN key ${opened.signer.fingerprint} (“${opened.signer.name}”)` : `${opened.signer.name} (${opened.signer.fingerprint})`;
      const lines = [
        `From ${signer}, file number ${opened.manifest.sequence}.`,
        ...opened.warnings.map((w) => `Warning: ${w}`),
        `${review.added.length} new, ${review.changed.length} changed, ${review.deleted.length} deleted, ${review.conflicts.length} conflict(s), ${plan.unchanged} unchanged, ${plan.oursNewer} newer here.`,
        ...review.conflicts.map((c) => `  conflict ${c.key} (${c.kind}) “${c.label}”: ${choiceText(c.resolution, c.neededBy)}`),
        ...plan.notes.map((n) => `  note ${n.collection}/${n.id} “${n.label}”: ${n.note}`),
        dryRun
          ? `Dry run: nothing was changed. The merge would write ${outcome.counts.added} new, ${outcome.counts.changed} changed, ${outcome.counts.deleted} deleted.`
          : `Merged as one step (#${outcome.seq}); undo it in the app with Ctrl+Z.`,
        ...(outcome.skipped.length ? [`${dryRun ? 'Would not apply' : 'Not applied'}:`, ...outcome.skipped.map((s) => `  ${s}`)] : []),
      ];
      return { stdout: `${lines.join('\n')}\n` };
    } finally {
      await cases.close();
    }
  },
};

/** What a resolution does, in words: restoring or leaving out is clearer than "ours" for a record their records need. */
function choiceText(resolution: Resolution | undefined, neededBy: readonly string[] | undefined): string {
  if (!neededBy?.length) return `keeping ${resolution ?? 'ours'}`;
  return resolution === 'theirs' ? 'restored from their copy' : `stays deleted; ${neededBy.join(', ')} left out`;
}
