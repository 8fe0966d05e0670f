import { caseCounts, emptyCase } from '../../../shared/domain/case';
import { newId } from '../../../shared/domain/ids';
import { buildDemoCase } from '../../demo/isk-case';
import { CaseStore } from '../../store/case-store';
import { parseArgs, UsageError } from '../args';
import { oneStore, type Command } from '../command';
import { readPassphrase } from '../passphrase';

export const newCommand: Command = {
  summary: 'create an encrypted case (the bundled demo case with --demo)',
  writes: true,
  usage: 'casefile new <store> [--demo] [--name NAME] [--passphrase-file F]',
  async run(argv) {
    const args = parseArgs(argv, { flags: ['demo'], options: ['name', 'passphrase-file'] });
    const path = oneStore(args.positionals, this.usage);
    const passphrase = await readPassphrase({ file: args.options.get('passphrase-file'), confirm: true, purpose: `protect ${path}` });
    if (passphrase.length < 8) throw new UsageError('use a passphrase of at least 8 characters');
    const now = new Date().toISOString();
    const name = args.options.get('name');
    const doc = args.flags.has('demo') ? buildDemoCase(now) : emptyCase(newId('case'), name ?? 'Untitled case', now);
    if (name) doc.name = name;
    const store = await CaseStore.create(path, passphrase, doc);
    await store.close();
    const counts = caseCounts(doc);
    return {
      stdout: `${path}\n`,
      stderr: `Created “${doc.name}” (${counts.events} events, ${counts.actors} actors), encrypted with your passphrase.`,
    };
  },
};
