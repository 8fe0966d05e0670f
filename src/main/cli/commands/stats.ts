import { caseCounts } from '../../../shared/domain/case';
import { parseArgs } from '../args';
import { oneStore, openReadOnly, type Command } from '../command';

export const statsCommand: Command = {
  summary: 'count the records of a case',
  usage: 'casefile stats <store> [--json] [--passphrase-file F]',
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['passphrase-file'] });
    const store = await openReadOnly(oneStore(args.positionals, this.usage), args.options.get('passphrase-file'));
    const doc = store.document;
    const counts = caseCounts(doc);
    await store.close();
    if (args.flags.has('json')) return { stdout: `${JSON.stringify({ name: doc.name, ...counts, history: doc.history.length })}\n` };
    const rows = Object.entries({ ...counts, 'history entries': doc.history.length }).map(([k, v]) => `  ${k.padEnd(16)} ${v}`);
    return { stdout: `${doc.name}\n${rows.join('\n')}\n` };
  },
};
