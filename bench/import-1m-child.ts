/**
 * The work of bench/import-1m.bench.ts in a node of its own with the 4 GB heap Electron's main
 * process has: `node --max-old-space-size=4096 --expose-gc --import tsx bench/import-1m-child.ts
 * <dir> <rows>`. Writes an ACLED CSV of `rows` rows, then imports it into an empty case as
 * `casefile import` and the Import view do (read, plan, commit as one step). Prints its figures as
 * JSON on stdout; progress on stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseService } from '../src/main/services/case-service';
import { commitPrepared, lastSeq } from '../src/main/services/import/import-service';
import { planImport, prepareImport } from '../src/main/services/import/prepare';
import { emptyCase } from '../src/shared/domain/case';
import { writeAcled } from './import.bench';

const [dir, rowsArg] = process.argv.slice(2) as [string, string];
const rows = Number(rowsArg);
const log = (message: string) => process.stderr.write(`[import-1m] ${message}\n`);

/** VmHWM: the most resident memory this process has held, MB (Linux). */
function peakRssMb(): number {
  const found = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return found?.[1] ? Number(found[1]) / 1024 : NaN;
}

const csv = join(dir, 'acled.csv');
const bytes = await writeAcled(csv, rows);
log(`wrote ${rows.toLocaleString('en')} ACLED rows, ${(bytes / 1e6).toFixed(0)} MB`);
const cases = new CaseService({ user: 'bench', foldAfterIdleMs: 2 ** 31 - 1 });
const created = await cases.create(join(dir, 'case.cfcase'), 'bench passphrase, not a secret', emptyCase('case--bench-import-1m', 'Import bench', new Date().toISOString()));
if (!created.ok) throw new Error(created.error.message);
(globalThis as { gc?: () => void }).gc?.();
const rssBefore = process.memoryUsage().rss / 1048576;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 1048576)), 20);
const started = performance.now();
const cpuStarted = process.cpuUsage();
const doc = cases.document;
if (!doc) throw new Error('no case');
const prepared = await prepareImport(csv, undefined, { format: 'acled' }, doc.defaultMarking);
const read = performance.now() - started;
const plan = planImport(prepared, doc, false, true);
const planned = performance.now() - started;
const committed = await commitPrepared(cases, null, false, { plan, seq: lastSeq(doc), generation: cases.generation });
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
clearInterval(sampler);
if (!committed.ok) throw new Error(committed.error.message);
const events = cases.document?.events.length ?? 0;
if (events !== rows) throw new Error(`expected ${rows} events, the case has ${events}`);
log(`${committed.value.summary}: read ${read.toFixed(0)} ms, planned at ${planned.toFixed(0)} ms, committed at ${ms.toFixed(0)} ms; RSS before ${rssBefore.toFixed(0)} MB, peak ${Math.max(peak, peakRssMb()).toFixed(0)} MB`);
await cases.close();
process.stdout.write(
  `${JSON.stringify({ ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), readMs: Math.round(read), planMs: Math.round(planned - read), commitMs: Math.round(ms - planned), peakRssMb: Math.round(Math.max(peak, peakRssMb())), fileMb: Number((bytes / 1e6).toFixed(1)) })}\n`,
);
