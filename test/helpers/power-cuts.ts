import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { blobsPathOf } from '../../src/main/store/blobs';
import { CaseStore, journalPathOf, type StoreTuning } from '../../src/main/store/case-store';
import { reachableBlobs } from '../../src/main/store/inline-attachments';
import { journalPrefixV1 } from '../../src/main/store/journal-v1';
import { encodeSnapshot, type KeyHeader } from '../../src/main/store/snapshot-format';
import { layoutOf } from '../../src/main/store/snapshot-layout';
import { Keyring } from '../../src/main/services/exchange/keyring';
import { casefileBytes } from '../../src/main/services/exchange/casefile-write';
import { writeOutputFile } from '../../src/main/services/output-file';
import type { AuditEntry, Change } from '../../src/shared/domain/audit';
import { emptyCase } from '../../src/shared/domain/case';
import { PowerLossFileSystem, materialise, seededRandom, type Random } from './power-fs';
import { plainEvent, plainSource } from './records';

/**
 * Simulated power cuts (issue 15.1): a seeded run drives the store through a power-loss
 * FileSystem (power-fs.ts) — open (with a migration for older cases), edits, imports of many
 * rows, attachment adds, folds and .casefile exports — and before chosen disk operations takes
 * the image a power cut would leave, writes it to a scratch folder, reopens it with the real file
 * system and checks it: the store opens, every acknowledged edit is there, nothing that was never
 * acknowledged is there except the edits in flight (each whole or not at all; a burst of edits
 * asked for at once is one group commit, so several may be), every file the case
 * can reach reads back intact, no temp file is left in the case's folders, and an export is
 * either absent or whole (and never numbered above what the keys file remembers).
 *
 * Vitest-free: the unit test (store-power.test.ts) and the soak (bench/soak/power.soak.ts) share it.
 */

const PASSPHRASE = 'power cut passphrase for tests';
const CASE = 'case.cfcase';
const OUT = 'out';
/** Small segments and journal parts, so a tiny case still writes several of each. */
export const POWER_TUNING: StoreTuning = { segmentBytes: 2048, partBytes: 1024 };

export interface Templates {
  dir: string;
  dataKey: Buffer;
  caseId: string;
}

/** Makes the two starting cases once (scrypt is slow): a current one, and a schema-3 one with inline files. */
export async function prepareTemplates(dir: string): Promise<Templates> {
  const base = join(dir, 'base');
  const legacy = join(dir, 'legacy');
  await mkdir(join(base, OUT), { recursive: true });
  await mkdir(join(legacy, OUT), { recursive: true });
  const doc = emptyCase('case--power-cut', 'Power cut case', '2025-01-01T00:00:00.000Z');
  doc.sources = [plainSource('source--power', 'Power source')];
  doc.events = Array.from({ length: 12 }, (_, i) => plainEvent(`event--base-${i}`, `base event ${i}`));
  const made = await CaseStore.create(join(base, CASE), PASSPHRASE, doc, { tuning: POWER_TUNING });
  const dataKey = made.exportDataKey();
  await made.close();

  // Schema 3, format 1, files inline: as a case saved before the blob folder existed.
  const h = layoutOf(await readFile(join(base, CASE)), CASE).header;
  const key: KeyHeader = { caseId: h.caseId, kdf: h.kdf, wrappedKey: h.wrappedKey };
  const old = { ...doc, schemaVersion: 3 } as Record<string, unknown>;
  const kept = Buffer.alloc(70_000, 'inline evidence kept by schema 3 ');
  const undone = Buffer.from('an inline photo attached and undone');
  const record = (b: Buffer, name: string) => ({ id: `attachment--${sha(b)}`, name, mediaType: 'application/pdf', size: b.length, sha256: sha(b), contentBase64: b.toString('base64') });
  old['attachments'] = [record(kept, 'kept.pdf')];
  old['history'] = [
    { seq: 1, at: '2025-01-01T00:00:00.000Z', by: 'old', kind: 'edit', summary: 'Attached', changes: [{ op: 'put', collection: 'attachments', id: record(kept, 'kept.pdf').id, before: null, after: record(kept, 'kept.pdf') }] },
    { seq: 2, at: '2025-01-01T00:00:00.000Z', by: 'old', kind: 'edit', summary: 'Attached', changes: [{ op: 'put', collection: 'attachments', id: record(undone, 'p.jpg').id, before: null, after: record(undone, 'p.jpg') }] },
    { seq: 3, at: '2025-01-01T00:00:00.000Z', by: 'old', kind: 'undo', summary: 'Undo', undoes: 2, changes: [{ op: 'delete', collection: 'attachments', id: record(undone, 'p.jpg').id, before: record(undone, 'p.jpg') }] },
  ];
  await writeFile(join(legacy, CASE), encodeSnapshot(dataKey, key, { journalSeq: 3, schemaVersion: 3 }, Buffer.from(JSON.stringify(old))));
  await writeFile(journalPathOf(join(legacy, CASE)), journalPrefixV1(h.caseId));
  return { dir, dataKey, caseId: h.caseId };
}

function sha(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

type Step =
  | { kind: 'open' }
  | { kind: 'edit'; ids: string[] }
  | { kind: 'import'; ids: string[] }
  /** Edits asked for at once, without waiting for each other: group commit writes them together. */
  | { kind: 'burst'; edits: string[][] }
  | { kind: 'attach'; bytes: Buffer }
  | { kind: 'fold' }
  | { kind: 'export'; name: string };

interface Done {
  step: Step;
  seq?: number;
  /** For exports: the bytes handed to the output file, and their number. */
  bytes?: Uint8Array;
  sequence?: number;
}

export interface CutFailure {
  seed: number;
  cut: number;
  /** The disk operation the cut came before ('end' after the last). */
  at: string;
  problems: string[];
}

export interface PowerRunResult {
  cuts: number;
  lostAcknowledged: number;
  failedOpens: number;
  failures: CutFailure[];
}

/** The steps of run `seed`: what it starts from and does. Same seed, same steps. */
function plan(random: Random): { legacy: boolean; steps: Step[] } {
  let k = 0;
  const ids = (n: number) => Array.from({ length: n }, () => `event--pw-${k++}`);
  const steps: Step[] = [{ kind: 'open' }];
  const count = 5 + Math.floor(random() * 8);
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.35) steps.push({ kind: 'edit', ids: ids(1) });
    else if (r < 0.45) steps.push({ kind: 'import', ids: ids(30) });
    else if (r < 0.55) steps.push({ kind: 'burst', edits: Array.from({ length: 2 + Math.floor(random() * 5) }, () => ids(random() < 0.3 ? 12 : 1)) });
    else if (r < 0.7) {
      const size = [0, 900, 65_536, 140_000][Math.floor(random() * 4)]!;
      const bytes = Buffer.alloc(size);
      for (let b = 0; b < size; b += 4) bytes.writeUInt32LE(Math.floor(random() * 2 ** 32), b);
      steps.push({ kind: 'attach', bytes: Buffer.concat([bytes, Buffer.from(`#${i}`)]) });
    } else if (r < 0.87) steps.push({ kind: 'fold' });
    else steps.push({ kind: 'export', name: `export-${i}.casefile` });
  }
  return { legacy: random() < 0.3, steps };
}

function entryOf(store: CaseStore, seq: number, ids: readonly string[], kind: 'edit' | 'import'): AuditEntry {
  const changes = ids.map((id) => ({ op: 'put', collection: 'events', id, before: store.records.get('events', id) ?? null, after: plainEvent(id, `power ${id}`) }) as Change);
  return { seq, at: new Date().toISOString(), by: 'power', summary: kind, kind, changes };
}

async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function runStep(step: Step, ctx: { store: CaseStore | null; fs: PowerLossFileSystem; casePath: string; templates: Templates; outDir: string; done: Done }): Promise<CaseStore | null> {
  const { store, fs, casePath, templates, done } = ctx;
  if (step.kind === 'open') return CaseStore.open(casePath, { dataKey: templates.dataKey }, { fs, tuning: POWER_TUNING });
  if (!store) throw new Error('no store');
  if (step.kind === 'edit' || step.kind === 'import') {
    done.seq = (await store.commit((_, seq) => entryOf(store, seq, step.ids, step.kind))).seq;
  } else if (step.kind === 'burst') {
    const entries = await Promise.all(step.edits.map((ids) => store.commit((_, seq) => entryOf(store, seq, ids, 'edit'))));
    done.seq = Math.max(...entries.map((e) => e.seq));
  } else if (step.kind === 'attach') {
    const added = await store.blobs.add(once(step.bytes));
    const record = { id: `attachment--${added.sha256}`, name: 'evidence.bin', mediaType: 'application/octet-stream', size: added.size, sha256: added.sha256 };
    done.seq = (await store.commit((records, seq) => ({ seq, at: new Date().toISOString(), by: 'power', summary: 'attach', kind: 'edit', changes: [{ op: 'put', collection: 'attachments', id: record.id, before: records.get('attachments', record.id) ?? null, after: record } as Change] }))).seq;
  } else if (step.kind === 'fold') {
    await store.write(store.document);
  } else {
    const keyring = await Keyring.open(casePath, templates.dataKey, templates.caseId, 'power', { fs });
    const sequence = await keyring.nextSequence();
    done.sequence = sequence;
    const { bytes } = await casefileBytes({
      doc: store.document,
      files: store.blobs,
      identity: keyring.identity,
      sequence,
      maxMarking: 'TLP:RED',
      to: { recipients: [keyring.identity.ageRecipient] },
    });
    done.bytes = bytes;
    await writeOutputFile(join(ctx.outDir, step.name), bytes, { overwrite: false, fs });
  }
  return store;
}

/**
 * One seeded run: copies a template, drives the steps, and checks a cut before each disk
 * operation with probability `cutChance` (and always one after the last). Failures name the seed.
 */
export async function runPowerSeed(seed: number, templates: Templates, scratch: string, cutChance = 0.05): Promise<PowerRunResult> {
  const random = seededRandom(seed);
  const { legacy, steps } = plan(random);
  const runDir = join(scratch, `run-${seed}`);
  const cutDir = join(scratch, `cut-${seed}`);
  await rm(runDir, { recursive: true, force: true });
  await cp(join(templates.dir, legacy ? 'legacy' : 'base'), runDir, { recursive: true });
  const fs = await PowerLossFileSystem.attach(runDir);
  const casePath = join(runDir, CASE);
  const outDir = join(runDir, OUT);
  const result: PowerRunResult = { cuts: 0, lostAcknowledged: 0, failedOpens: 0, failures: [] };
  const finished: Done[] = [];
  let current: Done | null = null;
  const baseline = { seq: legacy ? 3 : 0, attachments: legacy ? 1 : 0 };

  const cut = async (index: number, at: string): Promise<void> => {
    const image = fs.crashImage(seededRandom(seed * 7919 + index));
    const verdict = await checkImage({ image, cutDir, templates, finished: [...finished], inFlight: current, baseline, legacy });
    result.cuts++;
    result.lostAcknowledged += verdict.lost;
    if (verdict.failedOpen) result.failedOpens++;
    if (verdict.problems.length > 0) result.failures.push({ seed, cut: index, at, problems: verdict.problems });
  };
  fs.beforeMutation = async (index, label) => {
    // A burst has few disk operations (one write and one fsync for all its edits): cut there often.
    if (random() < (current?.step.kind === 'burst' ? 0.5 : cutChance)) await cut(index, label);
  };

  let store: CaseStore | null = null;
  try {
    for (const step of steps) {
      current = { step };
      store = await runStep(step, { store, fs, casePath, templates, outDir, done: current });
      finished.push(current);
      current = null;
    }
    fs.beforeMutation = undefined;
    await cut(fs.mutationCount, 'end');
  } catch (error) {
    result.failures.push({ seed, cut: fs.mutationCount, at: 'the run itself', problems: [`a step failed without a cut: ${(error as Error).stack ?? String(error)}`] });
  } finally {
    await store?.close().catch(() => undefined);
    await rm(runDir, { recursive: true, force: true });
    await rm(cutDir, { recursive: true, force: true });
  }
  return result;
}

interface CheckInput {
  image: ReturnType<PowerLossFileSystem['crashImage']>;
  cutDir: string;
  templates: Templates;
  finished: Done[];
  inFlight: Done | null;
  baseline: { seq: number; attachments: number };
  legacy: boolean;
}

async function checkImage(input: CheckInput): Promise<{ problems: string[]; lost: number; failedOpen: boolean }> {
  const { image, cutDir, templates, finished, inFlight } = input;
  await rm(cutDir, { recursive: true, force: true });
  await materialise(image, cutDir);
  const casePath = join(cutDir, CASE);
  const problems: string[] = [];
  let lost = 0;
  let store: CaseStore;
  try {
    store = await CaseStore.open(casePath, { dataKey: templates.dataKey }, { tuning: POWER_TUNING });
  } catch (error) {
    return { problems: [`the store does not open: ${(error as Error).message}`], lost: finished.filter((d) => d.seq !== undefined).length, failedOpen: true };
  }
  try {
    const doc = store.document;
    for (let i = 0; i < 12; i++) if (!store.records.get('events', `event--base-${i}`)) problems.push(`the case's original event ${i} is gone`);
    if (doc.attachments.length < input.baseline.attachments) problems.push('the case lost the file it kept inline before the migration');
    const known = new Set<string>();
    let lastAcked = input.baseline.seq;
    for (const done of finished) {
      const step = done.step;
      if (done.seq !== undefined) lastAcked = Math.max(lastAcked, done.seq);
      if (step.kind === 'edit' || step.kind === 'import') {
        step.ids.forEach((id) => known.add(id));
        const missing = step.ids.filter((id) => store.records.get('events', id)?.title !== `power ${id}`);
        if (missing.length > 0) {
          lost++;
          problems.push(`acknowledged ${step.kind} ${done.seq} lost ${missing.length} of ${step.ids.length} events`);
        }
      } else if (step.kind === 'burst') {
        for (const ids of step.edits) {
          ids.forEach((id) => known.add(id));
          const missing = ids.filter((id) => store.records.get('events', id)?.title !== `power ${id}`);
          if (missing.length > 0) {
            lost++;
            problems.push(`an acknowledged edit of burst ${done.seq} lost ${missing.length} of ${ids.length} events`);
          }
        }
      } else if (step.kind === 'attach' && !store.records.get('attachments', `attachment--${sha(step.bytes)}`)) {
        lost++;
        problems.push(`acknowledged attachment ${done.seq} (${step.bytes.length} B) is gone`);
      }
    }
    const flying = inFlight?.step;
    if (flying && (flying.kind === 'edit' || flying.kind === 'import')) {
      const present = flying.ids.filter((id) => store.records.get('events', id));
      if (present.length !== 0 && present.length !== flying.ids.length) problems.push(`the ${flying.kind} in flight is half there (${present.length} of ${flying.ids.length} events)`);
      flying.ids.forEach((id) => known.add(id));
    }
    if (flying?.kind === 'burst') {
      // Each edit of a batch cut short is whole or absent, and those kept come first (a torn batch keeps only whole entries before the tear).
      const there = flying.edits.map((ids) => ids.filter((id) => store.records.get('events', id)).length);
      flying.edits.forEach((ids, i) => {
        ids.forEach((id) => known.add(id));
        if (there[i] !== 0 && there[i] !== ids.length) problems.push(`edit ${i} of the burst in flight is half there (${there[i]} of ${ids.length} events)`);
      });
      if (there.some((n, i) => n > 0 && there.slice(0, i).some((m) => m === 0))) problems.push(`the burst in flight kept a later edit without an earlier one (${there.join(',')})`);
    }
    const inFlightCommits = flying === undefined ? 0 : flying.kind === 'burst' ? flying.edits.length : flying.kind === 'edit' || flying.kind === 'import' || flying.kind === 'attach' ? 1 : 0;
    if (store.sequence > lastAcked + inFlightCommits) problems.push(`holds edits up to ${store.sequence}, but only ${lastAcked} were acknowledged (${inFlightCommits} more in flight)`);
    const strangers = doc.events.filter((e) => e.id.startsWith('event--pw-') && !known.has(e.id));
    if (strangers.length > 0) problems.push(`holds ${strangers.length} events never written by an edit that started`);
    const seqs = doc.history.map((h) => h.seq);
    if (seqs.some((s, i) => s !== (seqs[0] ?? 1) + i)) problems.push(`history has gaps or repeats: ${seqs.join(',')}`);
    for (const sha256 of reachableBlobs(doc)) {
      try {
        const hash = createHash('sha256');
        for await (const part of store.blobs.read(sha256)) hash.update(part);
        if (hash.digest('hex') !== sha256) problems.push(`file ${sha256.slice(0, 12)} reads back different bytes`);
      } catch (error) {
        problems.push(`file ${sha256.slice(0, 12)} the case refers to cannot be read: ${(error as Error).message}`);
      }
    }
    for (const folder of [cutDir, blobsPathOf(casePath)]) {
      const temps = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.tmp'));
      if (temps.length > 0) problems.push(`temp files left in ${folder === cutDir ? 'the case folder' : 'the blob folder'}: ${temps.join(', ')}`);
    }
    const exportProblems = await checkExports(input, casePath);
    problems.push(...exportProblems.problems);
    lost += exportProblems.lost;
  } finally {
    await store.close();
  }
  return { problems, lost, failedOpen: false };
}

async function checkExports(input: CheckInput, casePath: string): Promise<{ problems: string[]; lost: number }> {
  const problems: string[] = [];
  let lost = 0;
  let highest = 0;
  const all = [...input.finished.map((d) => ({ d, acked: true })), ...(input.inFlight ? [{ d: input.inFlight, acked: false }] : [])];
  for (const { d, acked } of all) {
    if (d.step.kind !== 'export') continue;
    const there = await readFile(join(input.cutDir, OUT, d.step.name)).catch(() => null);
    if (there === null) {
      if (acked) {
        lost++;
        problems.push(`acknowledged export ${d.step.name} is gone`);
      }
      continue;
    }
    if (!d.bytes || !Buffer.from(d.bytes).equals(there)) problems.push(`export ${d.step.name} is there but not whole (${there.length} B)`);
    highest = Math.max(highest, d.sequence ?? 0);
  }
  if (highest > 0) {
    try {
      const keyring = await Keyring.open(casePath, input.templates.dataKey, input.templates.caseId, 'check');
      if (keyring.exportSequence < highest) problems.push(`export number ${highest} is on disk but the keys file remembers only ${keyring.exportSequence}: the next export would reuse it`);
    } catch (error) {
      problems.push(`the exchange keys do not open: ${(error as Error).message}`);
    }
  }
  return { problems, lost };
}
