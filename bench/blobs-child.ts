/**
 * One blob operation in a process of its own, for bench/blobs.bench.ts: its peak RSS is then the
 * operation's, not the bench's. Prints one JSON line `{ ms, cpuMs, peakRssMb, baselineRssMb, sha256? }`
 * (CPU time of this process, user + system: steadier than wall time on a shared machine).
 *
 *   tsx bench/blobs-child.ts attach <blob dir> <key hex> <file>
 *   tsx bench/blobs-child.ts read   <blob dir> <key hex> <sha256>
 *   tsx bench/blobs-child.ts export <blob dir> <key hex> <sha256> <out path>
 */
import { readFileSync } from 'node:fs';
import { BlobStore } from '../src/main/store/blobs';

/** Peak RSS so far (VmHWM) in MB; the peak since start where /proc is missing. */
function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return (match ? Number(match[1]) : process.resourceUsage().maxRSS) / 1024;
}

const [mode, dir, keyHex, arg, out] = process.argv.slice(2);
if (!mode || !dir || !keyHex || !arg) throw new Error('usage: blobs-child.ts attach|read|export <dir> <key hex> <file|sha256> [out]');
const store = new BlobStore(dir, Buffer.from(keyHex, 'hex'));
// Node, tsx and the modules loaded: what the process costs before it touches the file.
const baselineRssMb = peakRssMb();
const started = performance.now();
const cpuAtStart = process.cpuUsage();
let sha256: string | undefined;
if (mode === 'attach') sha256 = (await store.addFile(arg)).sha256;
else if (mode === 'read') {
  let bytes = 0;
  for await (const chunk of store.read(arg)) bytes += chunk.length;
  if (bytes === 0) throw new Error('read nothing');
} else if (mode === 'export') {
  if (!out) throw new Error('export needs an output path');
  await store.writeTo(arg, out);
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, peakRssMb: peakRssMb(), baselineRssMb, ...(sha256 ? { sha256 } : {}) })}\n`);
