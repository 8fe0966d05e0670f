import { parseArgs } from '../args';
import { oneStore, openReadOnly, type Command } from '../command';

export const dumpCommand: Command = {
  summary: 'print the whole decrypted case document as JSON',
  usage: 'casefile dump <store> [--json] [--passphrase-file F]',
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['passphrase-file'] });
    const store = await openReadOnly(oneStore(args.positionals, this.usage), args.options.get('passphrase-file'));
    const text = JSON.stringify(store.document, null, 2);
    await store.close();
    return { stdout: `${text}\n`, stderr: 'The output is the decrypted case: keep it as safe as the case itself.' };
  },
};
