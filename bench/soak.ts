/**
 * The soak runner: `npm run soak` (= `tsx bench/soak.ts`). Long proofs that are not timed tests.
 *
 * Every `bench/soak/<kind>.soak.ts` module default-exports a `SoakModule`: it takes the options
 * after its kind (`--cuts 10000`, `--trials 1000`, …) and returns its figures as one flat
 * `Record<string, number>`. Each kind runs in its own child process and prints one JSON object
 * on stdout; progress goes to stderr. The exit code is 1 when any kind reports a failure figure
 * above 0 (see `failures`), so a soak run can gate a release.
 *
 *   npm run soak                          every kind, with its defaults
 *   npm run soak -- power --cuts 500      one kind, with options
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface SoakContext {
  /** A scratch folder for this run, removed afterwards. */
  dir: string;
  /** `--name value` options given after the kind, as strings. */
  options: Readonly<Record<string, string>>;
  /** Progress for humans, on stderr. */
  log: (message: string) => void;
}

export interface SoakResult {
  figures: Record<string, number>;
  /** Keys of `figures` that must be 0 for the run to pass (lost edits, failed opens, crashes). */
  failures: readonly string[];
}

export type SoakModule = (context: SoakContext) => Promise<SoakResult>;

const SOAK_DIR = fileURLToPath(new URL('./soak/', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--soak-kind';

function kinds(): string[] {
  try {
    return readdirSync(SOAK_DIR)
      .filter((name) => name.endsWith('.soak.ts'))
      .map((name) => name.replace(/\.soak\.ts$/, ''))
      .sort();
  } catch {
    return [];
  }
}

function parseOptions(args: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}": options are --name value`);
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) options[arg.slice(2)] = 'true';
    else {
      options[arg.slice(2)] = next;
      i += 1;
    }
  }
  return options;
}

/** Child side: run one kind and print its result as JSON on stdout. */
async function runOne(kind: string, args: string[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), `casefile-soak-${kind}-`));
  try {
    const loaded = (await import(pathToFileURL(join(SOAK_DIR, `${kind}.soak.ts`)).href)) as { default?: SoakModule };
    if (typeof loaded.default !== 'function') throw new Error(`soak/${kind}.soak.ts must default-export an async function returning { figures, failures }`);
    const result = await loaded.default({ dir, options: parseOptions(args), log: (m) => process.stderr.write(`[${kind}] ${m}\n`) });
    for (const [key, value] of Object.entries(result.figures)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`soak ${kind}: figure ${key} is not a finite number`);
    }
    process.stdout.write(`${JSON.stringify({ figures: result.figures, failures: result.failures })}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runChild(kind: string, args: string[]): Promise<SoakResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, SELF, CHILD_FLAG, kind, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || line === '') return reject(new Error(`soak ${kind} exited with ${code ?? 'a signal'}`));
      resolve(JSON.parse(line) as SoakResult);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === CHILD_FLAG) {
    await runOne(argv[1] ?? '', argv.slice(2));
    return 0;
  }
  const available = kinds();
  const asked = argv[0] !== undefined && !argv[0].startsWith('--') ? argv[0] : undefined;
  if (asked !== undefined && !available.includes(asked)) {
    process.stderr.write(`No soak named "${asked}". Available: ${available.join(', ') || 'none'}.\n`);
    return 2;
  }
  const plan = asked !== undefined ? [{ kind: asked, args: argv.slice(1) }] : available.map((kind) => ({ kind, args: [] }));
  const figures: Record<string, number> = {};
  const failed: string[] = [];
  for (const { kind, args } of plan) {
    process.stderr.write(`[soak] ${kind} ${args.join(' ')}\n`);
    const result = await runChild(kind, args);
    Object.assign(figures, result.figures);
    for (const key of result.failures) if ((result.figures[key] ?? 1) !== 0) failed.push(key);
  }
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  if (failed.length > 0) process.stderr.write(`[soak] failed: ${failed.join(', ')} above 0\n`);
  return failed.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
