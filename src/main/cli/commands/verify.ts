import { readCasefile } from '../../services/exchange/casefile-read';
import { parseArgs, UsageError } from '../args';
import type { Command } from '../command';
import { openCase, readFilePassphrase, readIdentityFile, readInput } from './exchange-cli';

export const verifyCommand: Command = {
  summary: 'decrypt a received .casefile and check its signature and every part; show the signer (changes nothing)',
  usage: 'casefile verify <file> [--identity F | --passphrase-file F | --store S [--store-passphrase-file F]] [--json]',
  async run(argv) {
    const args = parseArgs(argv, { flags: ['json'], options: ['identity', 'passphrase-file', 'store', 'store-passphrase-file'] });
    if (args.positionals.length !== 1) throw new UsageError(`expected one case file\nusage: ${this.usage}`);
    const file = await readInput(args.positionals[0] as string);
    const identityFile = args.options.get('identity');
    const passphraseFile = args.options.get('passphrase-file');
    const storePath = args.options.get('store');
    if (!identityFile && !passphraseFile && !storePath) throw new UsageError('give --identity F (an age-keygen file), --passphrase-file F, or --store S to use your own key');
    let opened;
    if (storePath) {
      const { cases, exchange } = await openCase(storePath, args.options.get('store-passphrase-file'));
      try {
        const identities = identityFile ? await readIdentityFile(identityFile) : undefined;
        const passphrase = passphraseFile ? await readFilePassphrase(passphraseFile) : undefined;
        opened = (await exchange.open(file, { name: args.positionals[0] as string, ...(identities ? { identities } : {}), ...(passphrase !== undefined ? { passphrase } : {}) })).opened;
      } finally {
        await cases.close();
      }
    } else {
      const identities = identityFile ? await readIdentityFile(identityFile) : [];
      const passphrase = passphraseFile ? await readFilePassphrase(passphraseFile) : undefined;
      opened = await readCasefile(file, { identities, ...(passphrase !== undefined ? { passphrase } : {}) }, { partners: [] }, args.positionals[0]);
    }
    const { manifest, signer, warnings } = opened;
    const report = { valid: true, signer, author: manifest.author, sequence: manifest.sequence, createdAt: manifest.createdAt, case: manifest.case, scope: manifest.scope, counts: manifest.counts, parts: manifest.parts, fileSha256: opened.fileSha256, warnings };
    if (args.flags.has('json')) return { stdout: `${JSON.stringify(report, null, 2)}\n` };
    const trust = signer.trust === 'partner' ? `known partner “${signer.name}”` : signer.trust === 'self' ? 'your own key' : `UNKNOWN key calling itself “${signer.name}”`;
    const lines = [
      `Signature valid; every part matches the signed manifest.`,
      `Signer: ${trust}, fingerprint ${signer.fingerprint}`,
      `Case “${manifest.case.name}”, file number ${manifest.sequence} from this author, made ${manifest.createdAt}, up to ${manifest.scope.maxMarking}`,
      `Holds: ${Object.entries(manifest.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`,
      ...warnings.map((w) => `Warning: ${w}`),
    ];
    return { stdout: `${lines.join('\n')}\n` };
  },
};
