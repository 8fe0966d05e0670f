/**
 * The work of bench/store-1m.bench.ts, in a process of its own with a 4 GB heap (as Electron's main
 * process has): `node --max-old-space-size=4096 --expose-gc --import tsx bench/store-1m-child.ts
 * <phase> <dir>`. Prints one JSON object of figures on stdout; progress on stderr.
 *   create   generate 1,000,000 events and 100,000 actors, write the case, journal 1,000 edits
 *   open     open it (timed), the heap after, a full save beside its baseline, one-edit persists
 *   baseline scrypt + read + decrypt + JSON.parse of the same bytes, nothing else
 *   migrate  open the same records written at the previous schema (timed): the migration's save
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { open as openFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CaseStore } from '../src/main/store/case-store';
import { layoutOf } from '../src/main/store/snapshot-layout';
import { encodeSnapshotV2 } from '../src/main/store/snapshot-v2';
import { listsChangedFrom } from '../src/shared/domain/migrations';
import { openBaseline } from './open-baseline';
import type { Change } from '../src/shared/domain/audit';
import { CURRENT_SCHEMA_VERSION, type CaseDocument } from '../src/shared/domain/case';
import type { Event } from '../src/shared/domain/event';
import { generateCase, prng } from './generate';

const PASSPHRASE = 'bench passphrase, not a secret';
export const EVENTS = 1_000_000;
export const ACTORS = 100_000;
const JOURNALED = 1_000;
const EDITS = 300;

const [phase, dir] = process.argv.slice(2) as [string, string];
const path = join(dir, 'case-1m.cfcase');
/** The same case as the previous schema wrote it (no journal): what the first open after an update meets. */
const previousPath = join(dir, 'case-1m-previous.cfcase');
const log = (message: string) => process.stderr.write(`[store-1m ${phase}] ${message}\n`);
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function editOne(store: CaseStore, rand: () => number, label: string): Promise<unknown> {
  const current = store.document.events[Math.floor(rand() * store.document.events.length)] as Event;
  const after: Event = { ...current, title: `${current.title.replace(/ \[.*\]$/, '')} [${label}]` };
  return store.commit((records, seq) => {
    const change: Change = { op: 'put', collection: 'events', id: after.id, before: records.get('events', after.id) ?? null, after };
    return { seq, at: new Date().toISOString(), by: 'bench', summary: 'Edited event', kind: 'edit', changes: [change] };
  });
}

/** The plain cost of saving the same records: each stringified, AES-256-GCM in 1 MiB pieces, written, fsynced. */
async function baselineSave(doc: CaseDocument, file: string): Promise<void> {
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  const handle = await openFile(file, 'w', 0o600);
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = async () => {
      await handle.write(cipher.update(Buffer.from(pending.join(','), 'utf8')));
      pending = [];
      size = 0;
    };
    for (const list of [doc.events, doc.actors, doc.relationships, doc.sources, doc.series, doc.history] as unknown[][]) {
      for (const record of list) {
        const text = JSON.stringify(record);
        pending.push(text);
        size += text.length;
        if (size >= 1024 * 1024) await flush();
      }
    }
    await flush();
    await handle.write(Buffer.concat([cipher.final(), cipher.getAuthTag()]));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rm(file);
}

async function create(): Promise<Record<string, number>> {
  log(`generating ${EVENTS} events and ${ACTORS} actors`);
  const generated = await timed(async () => generateCase({ events: EVENTS, actors: ACTORS }));
  log(`generated in ${generated.ms.toFixed(0)} ms; writing the case`);
  const created = await timed(() => CaseStore.create(path, PASSPHRASE, generated.value));
  const rand = prng(11);
  for (let i = 0; i < JOURNALED; i++) await editOne(created.value, rand, `pre-${i}`);
  await created.value.close();
  const { size } = await (await import('node:fs/promises')).stat(path);
  log(`created in ${created.ms.toFixed(0)} ms: ${mb(size)} MB`);
  await writePreviousSchema(created.value.exportDataKey(), generated.value);
  return { create_1m_ms: Math.round(created.ms), case_1m_snapshot_mb: mb(size) };
}

async function writePreviousSchema(dataKey: Buffer, doc: CaseDocument): Promise<void> {
  const handle = await openFile(path, 'r');
  const head = Buffer.alloc(64 * 1024);
  await handle.read(head, 0, head.length, 0);
  await handle.close();
  const { caseId, kdf, wrappedKey } = layoutOf(head, path).header;
  const previous = CURRENT_SCHEMA_VERSION - 1;
  const older: Record<string, unknown> = { ...doc, schemaVersion: previous };
  for (const name of listsChangedFrom(previous)) if (Array.isArray(older[name]) && (older[name] as unknown[]).length === 0) delete older[name];
  const out = await openFile(previousPath, 'w', 0o600);
  try {
    for await (const piece of encodeSnapshotV2(dataKey, { caseId, kdf, wrappedKey }, { journalSeq: 0, schemaVersion: previous }, older, () => undefined)) await out.write(piece);
    await out.sync();
  } finally {
    await out.close();
  }
  log(`wrote the same case at schema ${previous}`);
}

async function migrate(): Promise<Record<string, number>> {
  gc();
  const opened = await timed(() => CaseStore.open(previousPath, { passphrase: PASSPHRASE }));
  const store = opened.value;
  if (store.document.events.length !== EVENTS || store.report.migratedFrom.length === 0) throw new Error('the previous-schema case did not open migrated');
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  log(`open (migrating: ${store.report.amendedLists?.join(', ') ?? 'whole case'}) ${opened.ms.toFixed(0)} ms, heap ${mb(heapAfter)} MB`);
  await store.close();
  return { open_1m_migrate_ms: Math.round(opened.ms), open_1m_migrate_heap_mb: mb(heapAfter) };
}

async function baseline(): Promise<Record<string, number>> {
  const measured = await openBaseline(path, PASSPHRASE);
  return { open_1m_baseline_ms: Math.round(measured.ms), open_1m_baseline_values: measured.values };
}

async function openAndSave(): Promise<Record<string, number>> {
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const opened = await timed(() => CaseStore.open(path, { passphrase: PASSPHRASE }));
  const store = opened.value;
  if (store.document.events.length !== EVENTS) throw new Error(`opened ${store.document.events.length} events`);
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const rss = process.memoryUsage().rss;
  log(`open ${opened.ms.toFixed(0)} ms, heap ${mb(heapAfter)} MB`);

  const saves: number[] = [];
  const baselines: number[] = [];
  for (let i = 0; i < 2; i++) {
    gc();
    baselines.push((await timed(() => baselineSave(store.document, join(dir, 'baseline.bin')))).ms);
    gc();
    saves.push((await timed(() => store.write(store.document))).ms);
  }
  log(`save ${saves.map((s) => s.toFixed(0)).join(', ')} ms; baseline ${baselines.map((s) => s.toFixed(0)).join(', ')} ms`);

  const rand = prng(23);
  for (let i = 0; i < 20; i++) await editOne(store, rand, `w${i}`);
  const edits: number[] = [];
  for (let i = 0; i < EDITS; i++) edits.push((await timed(() => editOne(store, rand, `e${i}`))).ms);
  await store.close();
  return {
    open_1m_ms: Math.round(opened.ms),
    open_1m_heap_mb: mb(heapAfter),
    open_1m_heap_growth_mb: mb(heapAfter - heapBefore),
    open_1m_rss_mb: mb(rss),
    save_1m_ms: Math.round(median(saves)),
    save_1m_baseline_ms: Math.round(median(baselines)),
    edit_persist_1m_ms: Number(median(edits).toFixed(3)),
  };
}

const run = { create, baseline, open: openAndSave, migrate }[phase];
if (!run) throw new Error(`unknown phase ${phase}`);
process.stdout.write(`${JSON.stringify(await run())}\n`);
