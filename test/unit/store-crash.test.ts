import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCase } from '../../bench/generate';
import { CaseStore } from '../../src/main/store/case-store';
import { PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

/**
 * kill -9 at random moments while a child process commits edits and folds them into snapshots:
 * after every kill the store must open, and every edit the child acknowledged must be there.
 * One case is used throughout, so its state (and its snapshot size) accumulates.
 */
afterAll(removeTempDirs);

const WRITER = fileURLToPath(new URL('../helpers/crash-writer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ITERATIONS = 18;
const BUDGET_MS = 150_000;

interface Writer {
  child: ChildProcess;
  /** Complete lines printed so far (a line cut by the kill is not counted). */
  lines: string[];
  /** Resolves with the first complete line matching `test` (or rejects when the child exits first). */
  waitFor(test: (line: string) => boolean): Promise<string>;
  exited: Promise<void>;
}

function startWriter(env: Record<string, string>): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], {
    cwd: ROOT,
    env: { ...process.env, CRASH_PASSPHRASE: PASSPHRASE, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  const waiters: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = [];
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.on('close', () => done()));
  return {
    child,
    lines,
    exited,
    waitFor: (test) =>
      new Promise((resolveLine, reject) => {
        const seen = lines.find(test);
        if (seen) return resolveLine(seen);
        waiters.push({ test, resolve: resolveLine });
        void exited.then(() => reject(new Error(`writer exited before the expected line; stderr:\n${stderr}`)));
      }),
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

async function kill(writer: Writer): Promise<void> {
  writer.child.kill('SIGKILL');
  await writer.exited;
}

describe('kill -9 while saving', () => {
  it(
    'loses no acknowledged edit and always leaves a store that opens',
    async () => {
      const dir = tempDir('crash');
      const path = join(dir, 'case.cfcase');
      // A case big enough that folds take a while, so kills land inside them too.
      const seeded = await CaseStore.create(path, PASSPHRASE, generateCase({ events: 3000, actors: 300 }));
      await seeded.close();

      const acked = new Map<number, number>(); // seq → counter
      const landed = { append: 0, fold: 0 };
      let foldsSeen = 0;
      const started = Date.now();
      let iteration = 0;
      for (; iteration < ITERATIONS && Date.now() - started < BUDGET_MS; iteration++) {
        // Every third run folds often and is killed inside a fold; the others fold every 100 edits
        // and are killed at a random moment, mostly while appending.
        const aimAtFold = iteration % 3 === 2;
        const writer = startWriter({ CRASH_MODE: 'write', CRASH_STORE: path, CRASH_FOLD_EVERY: aimAtFold ? '20' : '100' });
        await writer.waitFor((line) => line.startsWith('ready'));
        if (aimAtFold) {
          // Aim at a fold: kill as soon as one starts, or a few ms into it.
          const nth = randomBetween(1, 3);
          let seen = 0;
          await writer.waitFor((line) => line === 'fold-start' && ++seen === nth);
          await sleep(randomBetween(0, 25));
        } else {
          await sleep(randomBetween(50, 1500));
        }
        await kill(writer);

        const inFold = writer.lines.lastIndexOf('fold-start') > writer.lines.lastIndexOf('fold-end');
        landed[inFold ? 'fold' : 'append']++;
        foldsSeen += writer.lines.filter((l) => l === 'fold-end').length;
        for (const line of writer.lines) {
          const match = /^ack (\d+) (\d+)$/.exec(line);
          if (match) acked.set(Number(match[1]), Number(match[2]));
        }

        // The store opens (taking over the dead writer's lock) with every acknowledged edit.
        const store = await CaseStore.open(path, { passphrase: PASSPHRASE });
        try {
          const bySeq = new Map(store.document.history.map((entry) => [entry.seq, entry]));
          for (const [seq, n] of acked) {
            const event = store.records.get('events', `event--crash-${n}`);
            expect(event, `iteration ${iteration}: acked edit ${seq} (event ${n}) is missing`).toBeDefined();
            expect(event?.title).toBe(`crash edit ${n}`);
            expect(event?.fatalities).toEqual({ min: n, max: n });
            expect(bySeq.get(seq)?.changes[0]?.id, `iteration ${iteration}: history entry ${seq}`).toBe(`event--crash-${n}`);
          }
          // History is gap-free and in order: no edit half-applied, none applied twice.
          const seqs = store.document.history.map((h) => h.seq);
          expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
          expect(store.sequence).toBe(seqs.length);
          // At most one edit beyond the acknowledged ones: the one whose ack the kill cut off.
          expect(store.sequence - Math.max(0, ...acked.keys())).toBeLessThanOrEqual(1);
        } finally {
          await store.close();
        }
      }

      const leftovers = readdirSync(dir).filter((name) => name.endsWith('.tmp'));
      console.info(
        `kill -9 loop: ${iteration} kills (${landed.append} between/inside appends, ${landed.fold} inside folds), ` +
          `${acked.size} acknowledged edits, ${foldsSeen} completed folds, ${leftovers.length} leftover temp files`,
      );
      // Each locked open sweeps the temp files that killed saves left behind.
      expect(leftovers).toEqual([]);
      expect(iteration).toBeGreaterThanOrEqual(15);
      expect(acked.size).toBeGreaterThan(100);
      expect(landed.fold).toBeGreaterThan(0);
      expect(foldsSeen).toBeGreaterThan(0);
    },
    BUDGET_MS + 60_000,
  );

  it(
    'a kill during the initial create leaves either no case or a whole one, and never blocks a retry',
    async () => {
      const outcomes = { absent: 0, whole: 0 };
      for (let i = 0; i < 5; i++) {
        const dir = tempDir('crash-create');
        const path = join(dir, 'case.cfcase');
        const writer = startWriter({ CRASH_MODE: 'create', CRASH_STORE: path, CRASH_SEED_EVENTS: '20000' });
        await writer.waitFor((line) => line === 'writing');
        await sleep(randomBetween(0, 60));
        await kill(writer);

        if (!existsSync(path)) {
          outcomes.absent++;
          await expect(CaseStore.open(path, { passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'NOT_FOUND' });
          // Leftover temp files and the dead writer's lock do not stand in the way of a new try.
          const retry = await CaseStore.create(path, PASSPHRASE, generateCase({ events: 10, actors: 2 }));
          await retry.close();
        } else {
          outcomes.whole++;
          const store = await CaseStore.open(path, { passphrase: PASSPHRASE });
          expect(store.document.events).toHaveLength(20000);
          expect(store.sequence).toBe(0);
          await store.close();
        }
      }
      console.info(`kill -9 during create: ${outcomes.absent} left no case, ${outcomes.whole} left a whole case`);
    },
    120_000,
  );
});
