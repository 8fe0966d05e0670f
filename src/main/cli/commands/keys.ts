import { checkOutputTarget, writeOutputFile } from '../../services/output-file';
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { openCase, readInput } from './exchange-cli';

export const keysCommand: Command = {
  summary: 'your exchange keys and your partners’ public keys: export yours, import a partner’s, list them, name yours',
  writes: true,
  usage: 'casefile keys export|import|list|name <store> [FILE | "YOUR NAME"] [--out F] [--name NAME] [--json] [--store-passphrase-file F]',
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['out', 'name', 'store-passphrase-file'] });
    const [action, storePath, file] = args.positionals;
    if (!action || !storePath || !['export', 'import', 'list', 'name'].includes(action)) throw new UsageError(`usage: ${this.usage}`);
    if (action === 'name' && !file?.trim()) throw new UsageError('keys name needs the name partners should see, e.g. casefile keys name my.cfcase "Horn of Africa desk"');
    if (action === 'import' && !file) throw new UsageError('keys import needs the partner’s public key file');
    const out = action === 'export' ? args.options.get('out') : undefined;
    if (out) await checkOutputTarget(out);
    const { cases, exchange } = await openCase(storePath, args.options.get('store-passphrase-file'));
    try {
      if (action === 'export') {
        const mine = await exchange.publicKey();
        if (out) await writeOutputFile(out, mine.text, { overwrite: true });
        return { stdout: args.flags.has('json') ? `${JSON.stringify(mine, null, 2)}\n` : out ? `${out}\n` : mine.text, stderr: `Fingerprint ${mine.fingerprint}: read it to your partners so they can check the file they import.` };
      }
      if (action === 'name') {
        await exchange.renameIdentity(file as string);
        const mine = await exchange.publicKey();
        return { stdout: args.flags.has('json') ? `${JSON.stringify({ name: mine.name, fingerprint: mine.fingerprint }, null, 2)}\n` : `Your exchange identity is now named “${mine.name}” (fingerprint ${mine.fingerprint}, unchanged)\n` };
      }
      if (action === 'import') {
        const text = Buffer.from(await readInput(file as string)).toString('utf8');
        const name = args.options.get('name');
        const partner = await exchange.importPartner(text, name);
        return { stdout: args.flags.has('json') ? `${JSON.stringify(partner, null, 2)}\n` : `Imported “${partner.name}”, fingerprint ${partner.fingerprint}\n`, stderr: 'Check the fingerprint with the partner by phone or in person.' };
      }
      const mine = await exchange.publicKey();
      const partners = await exchange.partners();
      if (args.flags.has('json')) return { stdout: `${JSON.stringify({ self: mine, partners }, null, 2)}\n` };
      const unnamed = mine.nameChosen ? '' : ' (your OS user name; choose one with `casefile keys name <store> "NAME"`)';
      const lines = [`You: “${mine.name}”${unnamed} ${mine.fingerprint} ${mine.ageRecipient}`, ...partners.map((p) => `Partner: “${p.name}” ${p.fingerprint} ${p.ageRecipient ?? '(no age key)'}`)];
      return { stdout: `${lines.join('\n')}\n` };
    } finally {
      await cases.close();
    }
  },
};
