import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blobsPathOf } from '../../src/main/store/blobs';
import { CaseStore } from '../../src/main/store/case-store';
import { reachableBlobs } from '../../src/main/store/inline-attachments';

/**
 * The real kill -9 loop (issues 13.5 and 15.2), vitest-free so the unit test
 * (store-crash.test.ts) and the soak (bench/soak/crash.soak.ts) share it: a writer child
 * (crash-writer.ts) commits edits, imports and attachment adds and folds into a segmented
 * snapshot; it is killed with SIGKILL at a random moment (often aimed inside a fold or an add);
 * the case is reopened and checked against every acknowledgement the child printed.
 */
const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Writer {
  child: ChildProcess;
  /** Complete lines printed so far (a line cut by the kill is not counted). */
  lines: string[];
  /** Resolves with the first complete line matching `test` (or rejects when the child exits first). */
  waitFor(test: (line: string) => boolean): Promise<string>;
  exited: Promise<void>;
}

export function startWriter(env: Record<string, string>): Writer {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

export async function kill(writer: Writer): Promise<void> {
  writer.child.kill('SIGKILL');
  await writer.exited;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

/** Everything the writers acknowledged on one case, across trials. */
export interface Acknowledged {
  edits: Map<number, number>; // seq → n of event--crash-<n>
  imports: Map<number, { n: number; rows: number }>;
  attachments: Map<number, string>; // seq → sha256
}

export function newAcknowledged(): Acknowledged {
  return { edits: new Map(), imports: new Map(), attachments: new Map() };
}

export interface TrialResult {
  /** Where the kill landed. */
  landed: 'append' | 'fold' | 'attach';
  folds: number;
  /** Acknowledgements this trial added. */
  acknowledged: number;
  /** Acknowledged edits (edit, import or attachment) the reopened case lacks. */
  lost: number;
  failedOpen: boolean;
  problems: string[];
}

export interface TrialOptions {
  path: string;
  /** The case's data key (skips scrypt in the child and here). */
  dataKey: Buffer;
  /** Which trial this is: every third aims at a fold, every third at an attachment add. */
  index: number;
  segmentBytes: number;
  partBytes: number;
}

/** One kill -9 trial on the case at `path`, checked against `acked` (which it extends). */
export async function crashTrial(options: TrialOptions, acked: Acknowledged): Promise<TrialResult> {
  const aim = (['append', 'fold', 'attach'] as const)[options.index % 3]!;
  const writer = startWriter({
    CRASH_MODE: 'write',
    CRASH_STORE: options.path,
    CRASH_PASSPHRASE: 'unused: the data key is given',
    CRASH_DATA_KEY: options.dataKey.toString('hex'),
    CRASH_FOLD_EVERY: aim === 'fold' ? '15' : '60',
    CRASH_ATTACH_EVERY: aim === 'attach' ? '4' : '9',
    CRASH_ATTACH_MAX: '150000',
    CRASH_IMPORT_EVERY: '7',
    CRASH_IMPORT_ROWS: '60',
    CRASH_SEGMENT_BYTES: String(options.segmentBytes),
    CRASH_PART_BYTES: String(options.partBytes),
  });
  await writer.waitFor((line) => line.startsWith('ready'));
  if (aim === 'append') {
    await sleep(randomBetween(30, 1200));
  } else {
    const mark = aim === 'fold' ? 'fold-start' : 'attach-start';
    const nth = randomBetween(1, 2);
    let seen = 0;
    await writer.waitFor((line) => line === mark && ++seen === nth);
    await sleep(randomBetween(0, 20));
  }
  await kill(writer);

  const lines = writer.lines;
  const inFold = lines.lastIndexOf('fold-start') > lines.lastIndexOf('fold-end');
  const inAttach = lines.lastIndexOf('attach-start') > Math.max(...lines.map((l, i) => (l.startsWith('attach ') ? i : -1)));
  let added = 0;
  for (const line of lines) {
    let m = /^ack (\d+) (\d+)$/.exec(line);
    if (m) {
      acked.edits.set(Number(m[1]), Number(m[2]));
      added++;
    }
    m = /^import (\d+) (\d+) (\d+)$/.exec(line);
    if (m) {
      acked.imports.set(Number(m[1]), { n: Number(m[2]), rows: Number(m[3]) });
      added++;
    }
    m = /^attach (\d+) ([0-9a-f]{64})$/.exec(line);
    if (m) {
      acked.attachments.set(Number(m[1]), m[2]!);
      added++;
    }
  }
  const result: TrialResult = { landed: inFold ? 'fold' : inAttach ? 'attach' : 'append', folds: lines.filter((l) => l === 'fold-end').length, acknowledged: added, lost: 0, failedOpen: false, problems: [] };
  await check(options, acked, result);
  return result;
}

async function check(options: TrialOptions, acked: Acknowledged, result: TrialResult): Promise<void> {
  let store: CaseStore;
  try {
    // Takes over the dead writer's lock and sweeps what its killed saves left.
    store = await CaseStore.open(options.path, { dataKey: options.dataKey });
  } catch (error) {
    result.failedOpen = true;
    result.lost = acked.edits.size + acked.imports.size + acked.attachments.size;
    result.problems.push(`the store does not open: ${(error as Error).message}`);
    return;
  }
  const problems = result.problems;
  try {
    const bySeq = new Map(store.document.history.map((entry) => [entry.seq, entry]));
    for (const [seq, n] of acked.edits) {
      const event = store.records.get('events', `event--crash-${n}`);
      if (event?.title !== `crash edit ${n}` || event.fatalities?.min !== n || bySeq.get(seq)?.changes[0]?.id !== `event--crash-${n}`) {
        result.lost++;
        problems.push(`acknowledged edit ${seq} (event ${n}) is missing or wrong`);
      }
    }
    for (const [seq, { n, rows }] of acked.imports) {
      const missing = Array.from({ length: rows }, (_, i) => `event--crashimp-${n}-${i}`).filter((id) => !store.records.get('events', id));
      if (missing.length > 0 || bySeq.get(seq)?.changes.length !== rows) {
        result.lost++;
        problems.push(`acknowledged import ${seq} lacks ${missing.length} of ${rows} rows`);
      }
    }
    for (const [seq, sha256] of acked.attachments) {
      if (!store.records.get('attachments', `attachment--${sha256}`)) {
        result.lost++;
        problems.push(`acknowledged attachment ${seq} (${sha256.slice(0, 12)}) has no record`);
      }
    }
    // Every file the case can reach is there; those acknowledged in this trial read back whole.
    const fresh = new Set([...acked.attachments.values()].slice(-4));
    for (const sha256 of reachableBlobs(store.document)) {
      if (!(await store.blobs.has(sha256))) {
        problems.push(`file ${sha256.slice(0, 12)} the case refers to is missing`);
        continue;
      }
      if (!fresh.has(sha256)) continue;
      try {
        const hash = createHash('sha256');
        for await (const part of store.blobs.read(sha256)) hash.update(part);
        if (hash.digest('hex') !== sha256) problems.push(`file ${sha256.slice(0, 12)} reads back other bytes`);
      } catch (error) {
        problems.push(`file ${sha256.slice(0, 12)} cannot be read: ${(error as Error).message}`);
      }
    }
    // History is gap-free and in order: no edit half-applied, none applied twice.
    const seqs = store.document.history.map((h) => h.seq);
    if (seqs.some((s, i) => s !== i + 1)) problems.push('the history has a gap or a repeat');
    // At most one edit beyond the acknowledged ones: the one whose acknowledgement the kill cut off.
    const lastAcked = Math.max(0, ...acked.edits.keys(), ...acked.imports.keys(), ...acked.attachments.keys());
    if (store.sequence - lastAcked > 1) problems.push(`holds edits up to ${store.sequence}, ${store.sequence - lastAcked} beyond the last acknowledged`);
    const temps = [dirname(options.path), blobsPathOf(options.path)].flatMap((dir) => {
      try {
        return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
      } catch {
        return [];
      }
    });
    if (temps.length > 0) problems.push(`temp files left after the open: ${temps.join(', ')}`);
  } finally {
    await store.close();
  }
}
