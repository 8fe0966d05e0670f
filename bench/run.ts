/**
 * The bench runner: `npm run bench` (= `tsx bench/run.ts`).
 *
 * Every `bench/*.bench.ts` module default-exports a `BenchModule` function that returns figures
 * as `Record<string, number>` (milliseconds end in `_ms`, megabytes in `_mb`). Each module runs
 * in its own child process, so one module's heap, page cache warm-up and peak RSS do not leak
 * into another's figures. All figures are merged into one JSON object on stdout; progress goes
 * to stderr.
 *
 *   npm run bench                 all modules
 *   npm run bench -- store        only bench/store.bench.ts (names are matched as substrings)
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchContext {
  /** A scratch folder for this module, removed afterwards. */
  dir: string;
  /** Progress for humans, on stderr. */
  log: (message: string) => void;
}

export type BenchModule = (context: BenchContext) => Promise<Record<string, number>>;

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const CHILD_FLAG = '--bench-module';

function modules(filters: string[]): string[] {
  return readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort();
}

/** Child side: run one module and print its figures as JSON on stdout. */
async function runOne(file: string): Promise<void> {
  const name = file.replace(/\.bench\.ts$/, '');
  const dir = await mkdtemp(join(tmpdir(), `casefile-bench-${name}-`));
  try {
    const loaded = (await import(pathToFileURL(join(BENCH_DIR, file)).href)) as { default?: BenchModule };
    if (typeof loaded.default !== 'function') throw new Error(`${file} must default-export an async function returning Record<string, number>`);
    const figures = await loaded.default({ dir, log: (message) => process.stderr.write(`[${name}] ${message}\n`) });
    for (const [key, value] of Object.entries(figures)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${file}: figure ${key} is not a finite number`);
    }
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Parent side: one child per module, figures merged in file order. */
async function runAll(filters: string[]): Promise<void> {
  const files = modules(filters);
  if (files.length === 0) throw new Error(`no bench/*.bench.ts module matches ${filters.join(', ')}`);
  const merged: Record<string, number> = {};
  for (const file of files) {
    process.stderr.write(`bench: ${file}\n`);
    const started = performance.now();
    const output = await new Promise<string>((resolve, reject) => {
      // Same node, same loader flags (tsx), so the child imports TypeScript as we do.
      // --expose-gc lets a module start each measurement from a clean heap.
      const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', SELF, CHILD_FLAG, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => (stdout += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${file} failed (exit ${code})`))));
    });
    const figures = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    for (const [key, value] of Object.entries(figures)) {
      if (key in merged) throw new Error(`figure ${key} is reported by two modules`);
      merged[key] = value;
    }
    process.stderr.write(`bench: ${file} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(`${JSON.stringify(merged, null, 2)}\n`);
}

const args = process.argv.slice(2);
const childAt = args.indexOf(CHILD_FLAG);
try {
  if (childAt >= 0) await runOne(args[childAt + 1] ?? '');
  else await runAll(args.filter((a) => !a.startsWith('-')));
} catch (error) {
  process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
