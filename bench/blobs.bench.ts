/**
 * Attachments as blobs at 1 GiB: add a file from disk (hash + seal + write + fsync), read it back
 * verified, save a copy out, and the peak memory of the adding process.
 *
 * Targets (issue #13): attach_1gib_ms < 15,000 and attach_1gib_peak_rss_mb < 300.
 * Each operation runs in a child process of its own (bench/blobs-child.ts), so peak RSS is its own;
 * `*_cpu_ms` is that process's CPU time, steadier than wall time on a busy machine.
 * The source file was just written, so it is read from the page cache, as a recently downloaded
 * video would be.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './run';

const GIB = 1024 ** 3;
const PIECE = 8 * 1024 * 1024;
const CHILD = fileURLToPath(new URL('./blobs-child.ts', import.meta.url));
const round = (x: number, digits = 1): number => Number(x.toFixed(digits));

interface ChildFigures {
  ms: number;
  cpuMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  sha256?: string;
}

/** A 1 GiB file of varied bytes, written 8 MiB at a time; returns its SHA-256. */
async function writeSource(path: string): Promise<string> {
  const seed = randomBytes(PIECE);
  const hash = createHash('sha256');
  const handle = await open(path, 'w', 0o600);
  try {
    for (let i = 0; i < GIB / PIECE; i++) {
      seed.writeUInt32BE(i, (i * 65_537) % (PIECE - 4));
      hash.update(seed);
      await handle.write(seed);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

function child(args: string[]): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...process.execArgv, CHILD, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (data: string) => (out += data));
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as ChildFigures) : reject(new Error(`blobs-child ${args[0]} failed (exit ${code})`))));
  });
}

export default async function blobsBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  const source = join(dir, 'evidence-1gib.bin');
  const blobs = join(dir, 'case.cfcase.blobs');
  const key = randomBytes(32).toString('hex');

  log('writing a 1 GiB source file');
  const expected = await writeSource(source);

  log('attaching it');
  const attach = await child(['attach', blobs, key, source]);
  if (attach.sha256 !== expected) throw new Error(`attach gave ${attach.sha256}, expected ${expected}`);
  log(`attach: ${attach.ms.toFixed(0)} ms, peak RSS ${attach.peakRssMb.toFixed(0)} MB`);
  await rm(source);

  log('reading it back (verified)');
  const read = await child(['read', blobs, key, expected]);
  log(`read: ${read.ms.toFixed(0)} ms, peak RSS ${read.peakRssMb.toFixed(0)} MB`);

  log('saving a copy out');
  const exported = await child(['export', blobs, key, expected, join(dir, 'copy.bin')]);
  log(`export: ${exported.ms.toFixed(0)} ms, peak RSS ${exported.peakRssMb.toFixed(0)} MB`);

  const figures = {
    attach_1gib_ms: round(attach.ms, 0),
    attach_1gib_peak_rss_mb: round(attach.peakRssMb),
    attach_1gib_cpu_ms: round(attach.cpuMs, 0),
    // Peak minus the process's peak before the add: what the 1 GiB itself cost.
    attach_1gib_rss_growth_mb: round(attach.peakRssMb - attach.baselineRssMb),
    blob_read_1gib_ms: round(read.ms, 0),
    blob_read_1gib_peak_rss_mb: round(read.peakRssMb),
    blob_read_1gib_cpu_ms: round(read.cpuMs, 0),
    blob_read_1gib_rss_growth_mb: round(read.peakRssMb - read.baselineRssMb),
    blob_export_1gib_ms: round(exported.ms, 0),
    blob_export_1gib_peak_rss_mb: round(exported.peakRssMb),
    blob_export_1gib_cpu_ms: round(exported.cpuMs, 0),
  };
  log(JSON.stringify(figures));
  return figures;
}
