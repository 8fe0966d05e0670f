import { Marking } from '../../../shared/domain/marking';
import { caseStixExport, type Selection } from '../../../shared/exchange';
import { checkOutputTarget, writeOutputFile } from '../../services/output-file';
import { parseArgs, UsageError } from '../args';
import { oneStore, type Command } from '../command';
import { openCase, readFilePassphrase, takeRepeated } from './exchange-cli';

export const exportCommand: Command = {
  summary: 'export the case (up to a marking) as a signed, age-encrypted .casefile or as a STIX 2.1 bundle',
  usage: 'casefile export <store> --format casefile|stix --out FILE [--recipient AGE_PUBKEY]... [--passphrase-file F] [--max-marking TLP:AMBER] [--store-passphrase-file F] [--json]',
  async run(argv) {
    const { values: recipients, rest } = takeRepeated(argv, 'recipient');
    const args = parseArgs(rest, { flags: ['json'], options: ['format', 'out', 'passphrase-file', 'max-marking', 'store-passphrase-file'] });
    const path = oneStore(args.positionals, this.usage);
    const format = args.options.get('format') ?? 'casefile';
    const out = args.options.get('out');
    if (format !== 'casefile' && format !== 'stix') throw new UsageError('--format is casefile or stix');
    if (!out) throw new UsageError(`--out FILE is required\nusage: ${this.usage}`);
    const marking = Marking.safeParse(args.options.get('max-marking') ?? 'TLP:AMBER');
    if (!marking.success) throw new UsageError('--max-marking is one of TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED');
    const passphraseFile = args.options.get('passphrase-file');
    if (format === 'casefile' && recipients.length === 0 && !passphraseFile) throw new UsageError('say who may open the file: --recipient age1… (repeatable) or --passphrase-file F');
    // Before the case is opened (and a file number taken): never over the case or its companions.
    await checkOutputTarget(out);
    const { cases, exchange } = await openCase(path, args.options.get('store-passphrase-file'));
    try {
      const doc = cases.document!;
      let leftOut: Selection['leftOut'];
      let counts: Record<string, number>;
      let sequence: number | null = null;
      if (format === 'stix') {
        const { bundle, selection } = caseStixExport(doc, marking.data);
        leftOut = selection.leftOut;
        counts = Object.fromEntries(Object.entries(selection.records).map(([k, v]) => [k, v.length]));
        await writeOutputFile(out, JSON.stringify(bundle, null, 2), { overwrite: true });
      } else {
        const passphrase = passphraseFile ? await readFilePassphrase(passphraseFile) : undefined;
        const result = await exchange.exportCasefile({ maxMarking: marking.data, recipients, ...(passphrase !== undefined ? { passphrase } : {}) });
        leftOut = result.preview.leftOut;
        counts = result.preview.counts;
        sequence = result.sequence;
        await writeOutputFile(out, result.bytes, { overwrite: true });
      }
      const summary = { out, format, maxMarking: marking.data, sequence, counts, leftOut };
      const lines = [`Wrote ${out} (${format}): ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}.`, ...(leftOut.length > 0 ? [`Left out or cut (${leftOut.length}):`, ...leftOut.map((l) => `  ${l.collection} ${l.id} “${l.label}”: ${l.reason}`)] : ['Nothing was left out.'])];
      return args.flags.has('json') ? { stdout: `${JSON.stringify(summary, null, 2)}\n` } : { stdout: `${lines.join('\n')}\n` };
    } finally {
      await cases.close();
    }
  },
};
