/**
 * The case store at 100,000 events and 10,000 actors: open (decrypt + replay), full save beside
 * the plain cost of the same bytes, one-edit persist at 1k and 100k events, peak memory.
 *
 * Targets (foundation issue): edit_persist_100k_ms < 15 and within 2x of edit_persist_1k_ms;
 * save_100k_ms within 1.5x of save_baseline_100k_ms; open_100k_ms < 2000 and (store issue) within
 * 1.5x of open_100k_baseline_ms (scrypt + decrypt + parse of the same snapshot, in the same run).
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { open as openFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CaseStore } from '../src/main/store/case-store';
import { deriveKek } from '../src/main/store/keys';
import { layoutOf } from '../src/main/store/snapshot-layout';
import type { Change } from '../src/shared/domain/audit';
import type { CaseDocument } from '../src/shared/domain/case';
import type { Event } from '../src/shared/domain/event';
import { generateCase, prng } from './generate';
import { openBaseline } from './open-baseline';
import type { BenchContext } from './run';

const PASSPHRASE = 'bench passphrase, not a secret';
const EVENTS = 100_000;
const ACTORS = 10_000;
const JOURNALED_BEFORE_OPEN = 1_000;
const RUNS = 3;
const EDITS = 300;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;
const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** A full GC between measurements when node runs with --expose-gc (the runner passes it). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The longest the event loop went without turning, between now and stop(): how long the main process froze. */
function watchEventLoop(): { stop: () => number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

/** One edit as CaseService makes it: a changed event, with its previous version for undo. */
function editOne(store: CaseStore, rand: () => number, label: string): Promise<unknown> {
  const doc = store.document;
  const current = doc.events[Math.floor(rand() * doc.events.length)] as Event;
  const after: Event = { ...current, title: `${current.title.replace(/ \[.*\]$/, '')} [${label}]` };
  return store.commit((records, seq) => {
    const change: Change = { op: 'put', collection: 'events', id: after.id, before: records.get('events', after.id) ?? null, after };
    return { seq, at: new Date().toISOString(), by: 'bench', summary: `Edited event “${after.title}”`, kind: 'edit', changes: [change] };
  });
}

/** The plain cost of the same bytes: JSON + AES-256-GCM + write + fsync, nothing else. */
async function baselineSave(doc: CaseDocument, path: string): Promise<void> {
  const plain = Buffer.from(JSON.stringify(doc), 'utf8');
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  const body = cipher.update(plain);
  const final = cipher.final();
  const tag = cipher.getAuthTag();
  const handle = await openFile(path, 'w', 0o600);
  try {
    await handle.writev([body, final, tag]);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rm(path);
}

async function prepare(path: string, rand: () => number, log: (message: string) => void): Promise<{ createMs: number; caseJsonBytes: number; eventJsonBytes: number }> {
  log(`generating a case of ${EVENTS} events and ${ACTORS} actors`);
  const generated = await timed(async () => generateCase({ events: EVENTS, actors: ACTORS }));
  const caseJsonBytes = Buffer.byteLength(JSON.stringify(generated.value));
  const eventJsonBytes = Math.round(Buffer.byteLength(JSON.stringify(generated.value.events)) / EVENTS);
  log(`generated in ${generated.ms.toFixed(0)} ms: ${(caseJsonBytes / 1e6).toFixed(1)} MB of JSON, ${eventJsonBytes} bytes per event on average`);
  const created = await timed(() => CaseStore.create(path, PASSPHRASE, generated.value));
  log(`created in ${created.ms.toFixed(0)} ms`);
  // A realistic journal for open to replay: edits not folded yet.
  for (let i = 0; i < JOURNALED_BEFORE_OPEN; i++) await editOne(created.value, rand, `pre-${i}`);
  await created.value.close();
  return { createMs: created.ms, caseJsonBytes, eventJsonBytes };
}

export default async function storeBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  const rand = prng(2025);
  const path = join(dir, 'case-100k.cfcase');

  // Generate, create and journal in their own scope, so that none of it is live when open is timed.
  const prepared = await prepare(path, rand, log);

  const kdf = layoutOf(await (await import('node:fs/promises')).readFile(path), path).header.kdf;
  const kdfRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) kdfRuns.push((await timed(() => deriveKek(PASSPHRASE, kdf))).ms);

  log(`opening ${RUNS} times (scrypt + decrypt + parse + replay of ${JOURNALED_BEFORE_OPEN} journaled edits)`);
  const openRuns: number[] = [];
  const openBaselineRuns: number[] = [];
  let store: CaseStore | null = null;
  for (let i = 0; i < RUNS; i++) {
    // Each open from a clean heap, as in a fresh process: not with the previous 100k case still live.
    await store?.close();
    store = null;
    collectGarbage();
    openBaselineRuns.push((await openBaseline(path, PASSPHRASE)).ms);
    collectGarbage();
    const opened = await timed(() => CaseStore.open(path, { passphrase: PASSPHRASE }));
    openRuns.push(opened.ms);
    store = opened.value;
    if (store.report.replayed !== JOURNALED_BEFORE_OPEN) throw new Error(`replayed ${store.report.replayed}, expected ${JOURNALED_BEFORE_OPEN}`);
  }
  if (!store) throw new Error('no store');
  log(`open: ${openRuns.map((ms) => ms.toFixed(0)).join(', ')} ms; baseline: ${openBaselineRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`);

  log(`full save ${RUNS} times, each beside the baseline`);
  const saveRuns: number[] = [];
  const baselineRuns: number[] = [];
  let longestBlock = 0;
  for (let i = 0; i < RUNS; i++) {
    collectGarbage();
    baselineRuns.push((await timed(() => baselineSave(store.document, join(dir, 'baseline.bin')))).ms);
    collectGarbage();
    const lag = watchEventLoop();
    saveRuns.push((await timed(() => store.write(store.document))).ms);
    longestBlock = Math.max(longestBlock, lag.stop());
  }
  log(`save: ${saveRuns.map((ms) => ms.toFixed(0)).join(', ')} ms; baseline: ${baselineRuns.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const snapshotBytes = statSync(path).size;

  log(`one-edit persist, ${EDITS} edits each at 1k and 100k events (interleaved)`);
  const small = await CaseStore.create(join(dir, 'case-1k.cfcase'), PASSPHRASE, generateCase({ events: 1_000, actors: 100, seed: 7 }));
  const edit1k: number[] = [];
  const edit100k: number[] = [];
  // Warm both stores up (JIT, first appends to a fresh journal), then measure.
  for (let i = 0; i < 20; i++) {
    await editOne(small, rand, `w${i}`);
    await editOne(store, rand, `w${i}`);
  }
  collectGarbage();
  for (let i = 0; i < EDITS; i++) {
    edit1k.push((await timed(() => editOne(small, rand, `e${i}`))).ms);
    edit100k.push((await timed(() => editOne(store, rand, `e${i}`))).ms);
  }
  await small.close();
  await store.close();

  const peakRss = process.resourceUsage().maxRSS / 1024;
  const figures = {
    open_100k_ms: round(median(openRuns)),
    open_100k_baseline_ms: round(median(openBaselineRuns)),
    save_100k_ms: round(median(saveRuns)),
    save_baseline_100k_ms: round(median(baselineRuns)),
    edit_persist_1k_ms: round(median(edit1k), 3),
    edit_persist_100k_ms: round(median(edit100k), 3),
    peak_rss_mb: round(peakRss, 1),
    // Detail behind the headline figures.
    open_100k_kdf_ms: round(median(kdfRuns)),
    open_100k_replayed_edits: JOURNALED_BEFORE_OPEN,
    save_to_baseline_ratio: round(median(saveRuns) / median(baselineRuns), 3),
    save_100k_longest_loop_block_ms: round(longestBlock, 1),
    edit_persist_1k_p95_ms: round(percentile(edit1k, 95), 3),
    edit_persist_100k_p95_ms: round(percentile(edit100k, 95), 3),
    edit_persist_100k_to_1k_ratio: round(median(edit100k) / median(edit1k), 3),
    create_100k_ms: round(prepared.createMs),
    case_events: EVENTS,
    case_actors: ACTORS,
    case_json_bytes: prepared.caseJsonBytes,
    case_event_json_bytes_avg: prepared.eventJsonBytes,
    case_snapshot_bytes: snapshotBytes,
  };
  log(JSON.stringify(figures));
  return figures;
}
