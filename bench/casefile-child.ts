/**
 * One `.casefile` step in a process of its own, for bench/exchange-attachments.bench.ts and
 * test/unit/exchange-casefile-memory.test.ts: its peak resident memory (VmHWM) is then the step's. Prints one JSON line
 * `{ openPeakMb, baselineMb, peakMb, processPeakMb, ms, cpuMs, ... }`: the peak of opening the
 * case (scrypt alone takes 128 MiB), the resident memory once it is open, the peak during the
 * step (the high-water mark is reset once the case is open, where Linux allows), and the
 * process's peak over both.
 *
 *   node --import tsx bench/casefile-child.ts export <case> <out .casefile> <age recipient>
 *   node --import tsx bench/casefile-child.ts open   <case> <.casefile>   (open, then merge)
 *
 * The case passphrase is CASE_PASSPHRASE.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { CaseService } from '../src/main/services/case-service';
import { ExchangeService } from '../src/main/services/exchange/exchange-service';

function statusMb(field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return (match ? Number(match[1]) : process.resourceUsage().maxRSS) / 1024;
}

/** Resets the peak to the current resident size (Linux: "5" to clear_refs); false where that is not allowed. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

const [mode, casePath, file, recipient] = process.argv.slice(2);
const passphrase = process.env['CASE_PASSPHRASE'];
if (!mode || !casePath || !file || !passphrase) throw new Error('usage: casefile-child.ts export|open <case> <file> [recipient], with CASE_PASSPHRASE set');
const cases = new CaseService({ user: 'memory', foldAfterIdleMs: 2 ** 31 - 1 });
const opened = await cases.open(casePath, { passphrase });
if (!opened.ok) throw new Error(opened.error.message);
const exchange = new ExchangeService(cases, 'memory');
await exchange.publicKey();
const openPeakMb = statusMb('VmHWM');
const reset = resetPeak();
const baselineMb = reset ? statusMb('VmRSS') : openPeakMb;
const started = performance.now();
const cpuAtStart = process.cpuUsage();
let extra: Record<string, unknown> = {};
if (mode === 'export') {
  if (!recipient) throw new Error('export needs a recipient');
  const result = await exchange.exportCasefile({ out: file, maxMarking: 'TLP:RED', recipients: [recipient] });
  extra = { size: result.size, attachments: result.preview.attachments };
} else if (mode === 'open') {
  const { opened: received, plan } = await exchange.open(file);
  const openMs = performance.now() - started;
  const merged = await exchange.merge(received, plan, {});
  if (merged.seq === null) throw new Error(`nothing was merged: ${merged.summary}`);
  extra = { openMs, merged: merged.counts, attachments: cases.document?.attachments.map((a) => ({ sha256: a.sha256, size: a.size })) };
} else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
await cases.close();
const peakMb = statusMb('VmHWM');
process.stdout.write(`${JSON.stringify({ openPeakMb, baselineMb, peakMb, processPeakMb: Math.max(openPeakMb, peakMb), reset, ms, cpuMs: (cpu.user + cpu.system) / 1000, ...extra })}\n`);
