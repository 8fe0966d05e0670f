import { caseCounts, emptyCase } from '../../../shared/domain/case';
import { newId } from '../../../shared/domain/ids';
import { buildDemoCase } from '../../demo/isk-case';
import { passphraseStrength } from '../../services/passphrase-strength';
import { CaseStore } from '../../store/case-store';
import { parseArgs, UsageError } from '../args';
import { oneStore, type Command } from '../command';
import { readPassphrase, weakPassphraseNote } from '../passphrase';

export const newCommand: Command = {
  summary: 'create an encrypted case (the bundled demo case with --demo)',
  writes: true,
  usage: 'casefile new <store> [--demo] [--name NAME] [--passphrase-file F] [--allow-weak-passphrase]',
  async run(argv) {
    const args = parseArgs(argv, { flags: ['demo', 'allow-weak-passphrase'], options: ['name', 'passphrase-file'] });
    const path = oneStore(args.positionals, this.usage);
    const passphrase = await readPassphrase({ file: args.options.get('passphrase-file'), confirm: true, purpose: `protect ${path}` });
    if (passphrase.length < 8) throw new UsageError('use a passphrase of at least 8 characters');
    const name = args.options.get('name');
    const weakNote = weakPassphraseNote(
      await passphraseStrength(passphrase, 'case', { demo: args.flags.has('demo'), context: name ? [name] : [] }),
      args.flags.has('allow-weak-passphrase'),
      'nothing was created',
    );
    const now = new Date().toISOString();
    const doc = args.flags.has('demo') ? buildDemoCase(now) : emptyCase(newId('case'), name ?? 'Untitled case', now);
    if (name) doc.name = name;
    const store = await CaseStore.create(path, passphrase, doc);
    await store.close();
    const counts = caseCounts(doc);
    return {
      stdout: `${path}\n`,
      stderr: `${weakNote ? `${weakNote}\n` : ''}Created “${doc.name}” (${counts.events} events, ${counts.actors} actors), encrypted with your passphrase.`,
    };
  },
};
