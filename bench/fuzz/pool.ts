import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus, EXTENSION, FORMATS, makeCase, type Corpus, type FuzzFormat } from './corpus';
import { caseRng } from './mutate';
import type { FuzzJob, FuzzReply } from './worker';

/**
 * Mutation fuzzing of hostile partner files (issue 15, point 3). Cases are made here from a seed
 * and read by a pool of worker processes, each with a 1 GB heap and its own case: a worker that
 * dies or hangs is counted and replaced, never fatal to the run. A case passes when it ends in a
 * clear error value or a valid preview, within the time and memory budget, with the case untouched.
 */

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface FuzzOptions {
  /** Cases a format. */
  cases: number;
  seed: number;
  workers: number;
  /** Scratch folder (the corpus, the workers' cases, the files being read). */
  dir: string;
  log: (message: string) => void;
  formats?: readonly FuzzFormat[];
  budgetMs?: number;
  budgetMb?: number;
}

export interface FuzzFailure {
  seed: number;
  format: FuzzFormat;
  index: number;
  kind: 'crash' | 'over-budget' | 'touched';
  how: string;
  detail: string;
  /** A copy of the input, kept outside the scratch folder. */
  kept: string;
}

export interface FuzzRun {
  figures: Record<string, number>;
  failures: FuzzFailure[];
}

interface Slot {
  child: ChildProcess;
  dir: string;
  pending: ((reply: FuzzReply | { died: string }) => void) | null;
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzRun> {
  const budgetMs = options.budgetMs ?? 10_000;
  const budgetMb = options.budgetMb ?? 1024;
  const formats = options.formats ?? FORMATS;
  mkdirSync(join(options.dir, 'corpus'), { recursive: true });
  const corpus = await buildCorpus(join(options.dir, 'corpus'));
  const keptDir = join(tmpdir(), `casefile-fuzz-failures-${options.seed}`);
  const figures: Record<string, number> = { fuzz_cases: 0, fuzz_crashes: 0, fuzz_over_budget: 0, fuzz_touched: 0, fuzz_refused: 0, fuzz_previewed: 0, fuzz_workers_started: 0 };
  for (const f of formats) for (const k of ['cases', 'crashes', 'over_budget', 'refused', 'previewed']) figures[`fuzz_${f}_${k}`] = 0;
  const failures: FuzzFailure[] = [];
  const jobs: Array<{ format: FuzzFormat; index: number }> = [];
  for (let index = 0; index < options.cases; index++) for (const format of formats) jobs.push({ format, index });
  let next = 0;
  let jobId = 1;
  const started = Date.now();

  const spawnSlot = (n: number): Promise<Slot> => {
    const dir = join(options.dir, `worker-${n}-${figures['fuzz_workers_started']}`);
    mkdirSync(dir, { recursive: true });
    figures['fuzz_workers_started'] = (figures['fuzz_workers_started'] ?? 0) + 1;
    const child = fork(WORKER, [], { execArgv: ['--max-old-space-size=1024', '--import', 'tsx'], env: { ...process.env, FUZZ_DIR: dir, FUZZ_IDENTITY: corpus.victim.ageIdentity }, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2_000)));
    const slot: Slot = { child, dir, pending: null };
    child.on('message', (reply: FuzzReply) => {
      const resolve = slot.pending;
      slot.pending = null;
      resolve?.(reply);
    });
    child.on('exit', (code, signal) => {
      const resolve = slot.pending;
      slot.pending = null;
      resolve?.({ died: `worker exited (${signal ?? code}): ${stderr.trim().split('\n').slice(-6).join(' | ')}` });
    });
    return new Promise((resolve, reject) => {
      slot.pending = (reply) => ('died' in reply ? reject(new Error(`a fuzz worker did not start: ${reply.died}`)) : resolve(slot));
    });
  };

  const ask = (slot: Slot, message: FuzzJob | 'stop', timeoutMs: number): Promise<FuzzReply | { died: string }> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        slot.pending = null;
        slot.child.kill('SIGKILL');
        resolve({ died: `no answer within ${timeoutMs} ms (killed)` });
      }, timeoutMs);
      slot.pending = (reply) => {
        clearTimeout(timer);
        resolve(reply);
      };
      slot.child.send(message);
    });

  const fail = (format: FuzzFormat, index: number, kind: FuzzFailure['kind'], how: string, detail: string, input: string): void => {
    mkdirSync(keptDir, { recursive: true });
    const kept = join(keptDir, `${format}-${index}.${EXTENSION[format]}`);
    copyFileSync(input, kept);
    failures.push({ seed: options.seed, format, index, kind, how, detail: detail.slice(0, 600), kept });
    options.log(`FAIL ${kind}: seed ${options.seed}, format ${format}, case ${index} (${how}): ${detail.slice(0, 300)}; input kept at ${kept}`);
  };

  const bump = (key: string): void => {
    figures[key] = (figures[key] ?? 0) + 1;
  };

  /** The unmutated seeds must preview: otherwise every case would be "refused" and prove nothing. */
  async function checkSeeds(slot: Slot): Promise<void> {
    for (const format of formats) {
      for (const [k, seed] of corpus.seeds[format].entries()) {
        const path = join(slot.dir, `seed-${k}.${EXTENSION[format]}`);
        writeFileSync(path, seed.bytes);
        const reply = await ask(slot, { id: jobId++, format, path }, 60_000);
        if ('died' in reply || reply.outcome !== 'previewed') throw new Error(`the unmutated ${format} seed ${k} does not preview, so the fuzzer would prove nothing: ${'died' in reply ? reply.died : reply.message}`);
      }
    }
  }

  async function drive(n: number): Promise<void> {
    let slot = await spawnSlot(n);
    if (n === 0) await checkSeeds(slot);
    while (next < jobs.length) {
      const { format, index } = jobs[next++] as { format: FuzzFormat; index: number };
      const made = await makeCase(corpus as Corpus, format, caseRng(options.seed, format, index));
      const path = join(slot.dir, `input.${EXTENSION[format]}`);
      writeFileSync(path, made.bytes);
      // A hang is cut at three times the budget, so a slow but finishing case is measured, not killed.
      const reply = await ask(slot, { id: jobId++, format, path }, 3 * budgetMs + 5_000);
      bump('fuzz_cases');
      bump(`fuzz_${format}_cases`);
      if ('died' in reply) {
        const hung = reply.died.startsWith('no answer');
        bump(hung ? 'fuzz_over_budget' : 'fuzz_crashes');
        bump(hung ? `fuzz_${format}_over_budget` : `fuzz_${format}_crashes`);
        fail(format, index, hung ? 'over-budget' : 'crash', made.how, reply.died, path);
        slot = await spawnSlot(n);
        continue;
      }
      if (reply.outcome === 'unexpected') {
        bump('fuzz_crashes');
        bump(`fuzz_${format}_crashes`);
        fail(format, index, 'crash', made.how, `no clear error: ${reply.message}`, path);
      } else {
        bump(`fuzz_${reply.outcome}`);
        bump(`fuzz_${format}_${reply.outcome}`);
      }
      if (reply.ms > budgetMs || reply.peakMb > budgetMb) {
        bump('fuzz_over_budget');
        bump(`fuzz_${format}_over_budget`);
        fail(format, index, 'over-budget', made.how, `${reply.ms} ms, peak ${reply.peakMb} MB: ${reply.message}`, path);
      }
      if (reply.touched) {
        bump('fuzz_touched');
        fail(format, index, 'touched', made.how, 'the case changed while a file was only previewed', path);
      }
      // The peak only grows: a worker past the memory budget is replaced so later cases are judged afresh.
      if (reply.peakMb > budgetMb || reply.touched) {
        slot.child.kill('SIGKILL');
        slot = await spawnSlot(n);
      }
      const done = figures['fuzz_cases'] ?? 0;
      if (done % 500 === 0) options.log(`${done}/${jobs.length} cases, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const last = await ask(slot, 'stop', 30_000);
    if (!('died' in last) && last.touched) {
      bump('fuzz_touched');
      options.log(`FAIL touched: the case files of worker ${n} changed during the run (seed ${options.seed}): ${last.message}`);
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, (_, n) => drive(n)));
  figures['fuzz_seconds'] = Math.round((Date.now() - started) / 1000);
  return { figures, failures };
}
