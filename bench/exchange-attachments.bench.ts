/**
 * Case-file exchange with evidence (issue #13): a case whose sources carry about 2 GiB of files
 * (four of 512 MiB, added through the blob store) is exported to a partner, who opens the file
 * (decrypt, verify every byte, keep the files in the blob store) and merges it. Each of the two
 * runs in a process of its own (bench/casefile-child.ts), so its peak RSS is its own.
 *
 * Target: casefile_export_2gib_attachments_peak_rss_mb < 600 (the exporting process's peak,
 * VmHWM, opening the case included: its scrypt alone takes 128 MiB).
 * `*_rss_growth_mb` is what the step itself added above the process once the case was open.
 *
 * While developing, CASEFILE_BENCH_ATTACHMENT_MIB=64 (say) measures a smaller total (split over
 * the same four files); `casefile_attachments_total_mib` reports the size measured, so a
 * figure under the 2 GiB keys is never mistaken for the real one.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CaseService } from '../src/main/services/case-service';
import { ExchangeService } from '../src/main/services/exchange/exchange-service';
import { attachmentId } from '../src/shared/domain/attachment';
import { generateCase } from './generate';
import type { BenchContext } from './run';

const PASSPHRASE = 'bench passphrase, not a secret';
const MIB = 1024 * 1024;
const FILES = 4;
const TOTAL_MIB = Number(process.env['CASEFILE_BENCH_ATTACHMENT_MIB'] ?? 2048);
const FILE_MIB = Math.max(1, Math.floor(TOTAL_MIB / FILES));
const CHILD = fileURLToPath(new URL('./casefile-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const round = (x: number, digits = 0): number => Number(x.toFixed(digits));

interface StepFigures {
  openPeakMb: number;
  baselineMb: number;
  peakMb: number;
  processPeakMb: number;
  ms: number;
  cpuMs: number;
  openMs?: number;
  size?: number;
  attachments?: unknown;
}

function step(args: string[], log: (m: string) => void): Promise<StepFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, env: { ...process.env, CASE_PASSPHRASE: PASSPHRASE }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => log(c.trimEnd()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as StepFigures) : reject(new Error(`casefile-child ${args[0]} failed (exit ${code})`))));
  });
}

/** A file of varied bytes written 1 MiB at a time; its SHA-256. */
async function writeSource(path: string, mib: number): Promise<string> {
  const seed = randomBytes(MIB);
  const hash = createHash('sha256');
  const handle = await open(path, 'w', 0o600);
  try {
    for (let i = 0; i < mib; i++) {
      seed.writeUInt32BE(i, (i * 65_537) % (MIB - 4));
      hash.update(seed);
      await handle.write(seed);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

export default async function exchangeAttachmentsBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  log(`writing ${FILES} files of ${FILE_MIB} MiB`);
  const files: Array<{ path: string; sha256: string }> = [];
  for (let i = 0; i < FILES; i++) {
    const path = join(dir, `evidence-${i}.bin`);
    files.push({ path, sha256: await writeSource(path, FILE_MIB) });
  }

  log('making the case (1,000 events) and adding the files to its blob store');
  const doc = generateCase({ events: 1_000, actors: 100, sources: 20 });
  const size = FILE_MIB * MIB;
  files.forEach((file, i) => {
    const source = doc.sources[i];
    if (!source) throw new Error('not enough sources');
    source.marking = 'TLP:CLEAR';
    source.attachment = { name: `video-${i}.mp4`, mediaType: 'video/mp4', size, sha256: file.sha256 };
    doc.attachments.push({ id: attachmentId(file.sha256), name: `video-${i}.mp4`, mediaType: 'video/mp4', size, sha256: file.sha256 });
  });
  const sender = new CaseService({ user: 'bench', foldAfterIdleMs: 2 ** 31 - 1 });
  const senderPath = join(dir, 'sender.cfcase');
  const created = await sender.create(senderPath, PASSPHRASE, doc);
  if (!created.ok) throw new Error(created.error.message);
  for (const file of files) {
    const added = await sender.blobs!.addFile(file.path);
    if (added.sha256 !== file.sha256) throw new Error('the blob store kept other bytes');
    await rm(file.path);
  }
  await sender.close();

  const receiver = new CaseService({ user: 'bench', foldAfterIdleMs: 2 ** 31 - 1 });
  const receiverPath = join(dir, 'receiver.cfcase');
  const made = await receiver.create(receiverPath, PASSPHRASE, generateCase({ events: 10, actors: 5, sources: 5, seed: 7 }));
  if (!made.ok) throw new Error(made.error.message);
  const recipient = (await new ExchangeService(receiver, 'bench').publicKey()).ageRecipient;
  await receiver.close();

  const out = join(dir, 'evidence.casefile');
  log('exporting');
  const exported = await step(['export', senderPath, out, recipient], log);
  log(`export: ${round(exported.ms)} ms, ${round((exported.size ?? 0) / MIB)} MiB, peak RSS ${round(exported.processPeakMb)} MB (the export itself: +${round(exported.peakMb - exported.baselineMb)} MB)`);
  await rm(`${senderPath}.blobs`, { recursive: true, force: true });

  log('opening and merging');
  const received = await step(['open', receiverPath, out], log);
  const openMs = received.openMs ?? received.ms;
  log(`open: ${round(openMs)} ms, open + merge: ${round(received.ms)} ms, peak RSS ${round(received.processPeakMb)} MB (+${round(received.peakMb - received.baselineMb)} MB)`);
  if (!Array.isArray(received.attachments) || received.attachments.length !== FILES) throw new Error(`the receiver holds ${JSON.stringify(received.attachments)}, not ${FILES} files`);

  return {
    casefile_attachments_total_mib: FILES * FILE_MIB,
    casefile_export_2gib_attachments_ms: round(exported.ms),
    casefile_export_2gib_attachments_peak_rss_mb: round(exported.processPeakMb, 1),
    casefile_export_2gib_attachments_rss_growth_mb: round(exported.peakMb - exported.baselineMb, 1),
    casefile_export_2gib_attachments_cpu_ms: round(exported.cpuMs),
    casefile_open_2gib_attachments_ms: round(openMs),
    casefile_open_merge_2gib_attachments_ms: round(received.ms),
    casefile_open_2gib_attachments_peak_rss_mb: round(received.processPeakMb, 1),
    casefile_open_2gib_attachments_rss_growth_mb: round(received.peakMb - received.baselineMb, 1),
    casefile_open_2gib_attachments_cpu_ms: round(received.cpuMs),
  };
}
