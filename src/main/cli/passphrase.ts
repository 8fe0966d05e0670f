import { promises as fsp } from 'node:fs';
import { describeStrength, type PassphraseStrength } from '../services/passphrase-strength';
import { UsageError } from './args';

/**
 * Where a passphrase comes from, in order: --passphrase-file, CASEFILE_PASSPHRASE, a hidden
 * prompt on a terminal. Never from a command-line argument (it would sit in shell history and ps).
 */
export async function readPassphrase(options: { file?: string | undefined; confirm: boolean; purpose: string }): Promise<string> {
  if (options.file) {
    let text: string;
    try {
      text = await fsp.readFile(options.file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read the passphrase file ${options.file}: ${(error as Error).message}`);
    }
    const passphrase = text.replace(/\r?\n$/, '');
    if (!passphrase) throw new UsageError(`the passphrase file ${options.file} is empty`);
    return passphrase;
  }
  const fromEnv = process.env['CASEFILE_PASSPHRASE'];
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError('no passphrase: set CASEFILE_PASSPHRASE, pass --passphrase-file FILE, or run in a terminal to be asked');
  }
  const first = await promptHidden(`Passphrase to ${options.purpose}: `);
  if (options.confirm) {
    const second = await promptHidden('Repeat the passphrase: ');
    if (first !== second) throw new UsageError('the two passphrases differ; nothing was done');
  }
  if (!first) throw new UsageError('an empty passphrase is not allowed');
  return first;
}

/**
 * A weak passphrase (score below 3 of 4) is refused (exit 2, saying why and what to do) unless
 * `--allow-weak-passphrase` was given; then the returned warning goes to stderr.
 */
export function weakPassphraseNote(strength: PassphraseStrength, allowed: boolean, refusedMeans: string): string | null {
  if (!strength.weak) return null;
  if (!allowed) throw new UsageError(`the passphrase is weak; ${refusedMeans}.\n${describeStrength(strength)}\nChoose a stronger one, or pass --allow-weak-passphrase to use it anyway.`);
  return `Warning: using a weak passphrase, as --allow-weak-passphrase asked. ${describeStrength(strength)}`;
}

/** Reads a line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const finish = (error?: Error): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
