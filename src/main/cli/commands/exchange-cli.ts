import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import { CaseService } from '../../services/case-service';
import { ExchangeService } from '../../services/exchange/exchange-service';
import { StoreError } from '../../store/store-error';
import { UsageError } from '../args';
import { readPassphrase } from '../passphrase';
import { openProgressPrinter } from '../progress';
import { cliSession } from '../session';

/** Takes every `--name value` / `--name=value` out of argv (parseArgs keeps only the last). */
export function takeRepeated(argv: readonly string[], name: string): { values: string[]; rest: string[] } {
  const values: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === `--${name}`) {
      const value = argv[++i];
      if (!value) throw new UsageError(`--${name} needs a value`);
      values.push(value);
    } else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
    else rest.push(arg);
  }
  return { values, rest };
}

/** Opens a case for writing in a CaseService (unlocked from --store-passphrase-file, CASEFILE_PASSPHRASE or a prompt). */
export async function openCase(path: string, passphraseFile: string | undefined): Promise<{ cases: CaseService; exchange: ExchangeService }> {
  const full = resolve(path);
  const passphrase = await readPassphrase({ file: passphraseFile, confirm: false, purpose: `unlock ${full}` });
  const user = safeUser();
  const cases = new CaseService({ user, foldAfterIdleMs: 2 ** 31 - 1 });
  const progress = openProgressPrinter(full);
  const opened = await cases.open(full, { passphrase }, { takeOverLock: cliSession.takeOverLock, onProgress: progress.onProgress });
  progress.done();
  if (!opened.ok) throw new StoreError(opened.error.code, opened.error.message);
  return { cases, exchange: new ExchangeService(cases, user) };
}

/** The AGE-SECRET-KEY-1… lines of an identity file as age-keygen writes it (comments skipped). */
export async function readIdentityFile(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the identity file ${path}: ${(error as Error).message}`);
  }
  const keys = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^AGE-SECRET-KEY-1[0-9A-Z]+$/.test(l));
  if (keys.length === 0) throw new UsageError(`${path} holds no age identity (a line starting AGE-SECRET-KEY-1, as age-keygen writes)`);
  return keys;
}

/** A passphrase for the case file itself (age scrypt), from a file. */
export async function readFilePassphrase(path: string): Promise<string> {
  try {
    const text = (await fsp.readFile(path, 'utf8')).replace(/\r?\n$/, '');
    if (!text) throw new UsageError(`the passphrase file ${path} is empty`);
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the passphrase file ${path}: ${(error as Error).message}`);
  }
}

export async function readInput(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fsp.readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StoreError(code === 'ENOENT' ? 'NOT_FOUND' : 'IO', `Cannot read ${path}: ${(error as Error).message}.`);
  }
}

function safeUser(): string {
  try {
    return userInfo().username || 'analyst';
  } catch {
    return 'analyst';
  }
}
