import { resolve } from 'node:path';
import { caseCounts, emptyCase } from '../../shared/domain/case';
import { newId } from '../../shared/domain/ids';
import { buildDemoCase } from '../demo/isk-case';
import { CaseStore } from '../store/case-store';
import { parseArgs, UsageError } from './args';
import { readPassphrase } from './passphrase';

export interface CommandOutput {
  /** Written to stdout. */
  stdout: string;
  /** Notes for the person at the terminal, written to stderr. */
  stderr?: string;
}

export interface Command {
  summary: string;
  usage: string;
  run(argv: readonly string[]): Promise<CommandOutput>;
}

function oneStore(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected one case file\nusage: ${usage}`);
  return resolve(positionals[0] as string);
}

async function openReadOnly(path: string, passphraseFile: string | undefined): Promise<CaseStore> {
  const passphrase = await readPassphrase({ file: passphraseFile, confirm: false, purpose: `unlock ${path}` });
  return CaseStore.open(path, { passphrase }, { readOnly: true });
}

export const COMMANDS: Record<string, Command> = {
  new: {
    summary: 'create an encrypted case (the bundled demo case with --demo)',
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
  },
  stats: {
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
  },
  dump: {
    summary: 'print the whole decrypted case document as JSON',
    usage: 'casefile dump <store> [--json] [--passphrase-file F]',
    async run(argv) {
      const args = parseArgs(argv, { flags: ['json'], options: ['passphrase-file'] });
      const store = await openReadOnly(oneStore(args.positionals, this.usage), args.options.get('passphrase-file'));
      const text = JSON.stringify(store.document, null, 2);
      await store.close();
      return { stdout: `${text}\n`, stderr: 'The output is the decrypted case: keep it as safe as the case itself.' };
    },
  },
};

export function usageText(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`);
  return [
    'Casefile Workbench command line',
    '',
    'usage: casefile <command> [arguments]',
    '',
    ...lines,
    '',
    'The passphrase comes from --passphrase-file F, else CASEFILE_PASSPHRASE, else a hidden prompt.',
    'Exit codes: 0 ok, 2 usage or invalid input, 3 wrong passphrase, 4 altered or damaged file,',
    '5 truncated file, 6 no such file, 7 permission denied, 8 disk full, 9 case in use, 10 newer format,',
    '11 file exists, 12 other I/O error, 1 unexpected failure.',
  ].join('\n');
}
