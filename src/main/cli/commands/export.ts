import { Marking } from '../../../shared/domain/marking';
import type { Selection } from '../../../shared/exchange';
import { sizeLabel } from '../../services/attachment-service';
import { checkOutputTarget } from '../../services/output-file';
import { passphraseStrength } from '../../services/passphrase-strength';
import { parseArgs, UsageError } from '../args';
import { oneStore, type Command } from '../command';
import { exchangeProgressPrinter } from '../progress';
import { interruptSignal, stopIfInterrupted } from '../interrupt';
import { weakPassphraseNote } from '../passphrase';
import { openCase, readFilePassphrase, takeRepeated } from './exchange-cli';

export const exportCommand: Command = {
  summary: 'export the case (up to a marking) as a signed, age-encrypted .casefile or as a STIX 2.1 bundle',
  writes: true,
  usage: 'casefile export <store> --format casefile|stix --out FILE [--recipient AGE_PUBKEY]... [--passphrase-file F] [--max-marking TLP:AMBER] [--store-passphrase-file F] [--allow-weak-passphrase] [--json]',
  async run(argv) {
    const { values: recipients, rest } = takeRepeated(argv, 'recipient');
    const args = parseArgs(rest, { flags: ['json', 'allow-weak-passphrase'], options: ['format', 'out', 'passphrase-file', 'max-marking', 'store-passphrase-file'] });
    const path = oneStore(args.positionals, this.usage);
    const format = args.options.get('format') ?? 'casefile';
    const out = args.options.get('out');
    if (format !== 'casefile' && format !== 'stix') throw new UsageError('--format is casefile or stix');
    if (!out) throw new UsageError(`--out FILE is required\nusage: ${this.usage}`);
    const marking = Marking.safeParse(args.options.get('max-marking') ?? 'TLP:AMBER');
    if (!marking.success) throw new UsageError('--max-marking is one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED');
    const passphraseFile = args.options.get('passphrase-file');
    if (format === 'casefile' && recipients.length === 0 && !passphraseFile) throw new UsageError('say who may open the file: --recipient age1… (repeatable) or --passphrase-file F');
    // The file's own passphrase is judged before the case is unlocked: a refusal costs nothing.
    const passphrase = format === 'casefile' && passphraseFile ? await readFilePassphrase(passphraseFile) : undefined;
    const weakNote = passphrase === undefined ? null : weakPassphraseNote(await passphraseStrength(passphrase, 'exchange'), args.flags.has('allow-weak-passphrase'), 'nothing was exported');
    if (weakNote) process.stderr.write(`${weakNote}\n`);
    // Before the case is opened (and a file number taken): never over the case or its companions.
    await checkOutputTarget(out);
    const { cases, exchange } = await openCase(path, args.options.get('store-passphrase-file'));
    try {
      const untouched = `${out} was not written; the case is as it was.`;
      stopIfInterrupted(untouched);
      process.stderr.write(`exporting to ${out}…\n`);
      let leftOut: Selection['leftOut'];
      let counts: Record<string, number>;
      let sequence: number | null = null;
      let files: { count: number; bytes: number } | null = null;
      if (format === 'stix') {
        stopIfInterrupted(untouched);
        // The app's "Export STIX 2.1 bundle" writes the same way: the same cut, the same left-out list.
        ({ leftOut, counts } = await exchange.exportStix({ out, maxMarking: marking.data, overwrite: true, signal: interruptSignal }));
      } else {
        const progress = exchangeProgressPrinter(`exporting ${out}`);
        stopIfInterrupted(untouched);
        // Streamed to a temp file beside --out and published whole; a failure leaves nothing.
        const result = await exchange.exportCasefile({ out, overwrite: true, maxMarking: marking.data, recipients, ...(passphrase !== undefined ? { passphrase } : {}), onProgress: progress.onProgress, signal: interruptSignal }).finally(() => progress.done());
        leftOut = result.preview.leftOut;
        counts = result.preview.counts;
        sequence = result.sequence;
        files = { count: result.preview.attachments, bytes: result.preview.attachmentBytes };
      }
      const summary = { out, format, maxMarking: marking.data, sequence, counts, ...(files ? { attachments: files.count, attachmentBytes: files.bytes } : {}), leftOut };
      const carried = files && files.count > 0 ? `, ${files.count} file(s) (${sizeLabel(files.bytes)})` : '';
      const lines = [`Wrote ${out} (${format}): ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}${carried}.`, ...(leftOut.length > 0 ? [`Left out or cut (${leftOut.length}):`, ...leftOut.map((l) => `  ${l.collection} ${l.id} “${l.label}”: ${l.reason}`)] : ['Nothing was left out.'])];
      return args.flags.has('json') ? { stdout: `${JSON.stringify(summary, null, 2)}\n` } : { stdout: `${lines.join('\n')}\n` };
    } finally {
      await cases.close();
    }
  },
};
