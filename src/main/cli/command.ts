import { resolve } from 'node:path';
import { CaseStore } from '../store/case-store';
import { UsageError } from './args';
import { readPassphrase } from './passphrase';
import { openProgressPrinter } from './progress';

export interface CommandOutput {
  /** Written to stdout. */
  stdout: string;
  /** Notes for the person at the terminal, written to stderr. */
  stderr?: string;
  /** The exit code when the command succeeded but has something to report (`report check`: 1); 0 otherwise. */
  exitCode?: number;
}

export interface Command {
  summary: string;
  usage: string;
  /**
   * Opens a case for writing or writes files: Ctrl-C then stops it at a safe point, so the case
   * and the output stay as they were (cli/interrupt.ts). Other commands stop at once.
   */
  writes?: boolean;
  run(argv: readonly string[]): Promise<CommandOutput>;
}

export function oneStore(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected one case file\nusage: ${usage}`);
  return resolve(positionals[0] as string);
}

export async function openReadOnly(path: string, passphraseFile: string | undefined): Promise<CaseStore> {
  const passphrase = await readPassphrase({ file: passphraseFile, confirm: false, purpose: `unlock ${path}` });
  const progress = openProgressPrinter(path);
  try {
    return await CaseStore.open(path, { passphrase }, { readOnly: true, onProgress: progress.onProgress });
  } finally {
    progress.done();
  }
}

