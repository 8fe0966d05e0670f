import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CaseService } from '../../src/main/services/case-service';
import { readCasefileFile } from '../../src/main/services/exchange/casefile-file';
import { ExchangeService } from '../../src/main/services/exchange/exchange-service';
import { ImportService } from '../../src/main/services/import/import-service';
import { StoreError } from '../../src/main/store/store-error';
import type { CsvMapping } from '../../src/shared/formats/csv-mapping/mapping';
import type { ImportFormat } from '../../src/shared/import/types';
import { generateCase } from '../generate';

/**
 * A fuzz worker (run by pool.ts with a 1 GB heap, an IPC channel, FUZZ_DIR and FUZZ_IDENTITY):
 * opens a case of its own, then reads each file it is sent through the app's real preview paths
 * (ImportService.preview; ExchangeService.open, which decrypts, verifies, parses and plans a
 * merge) and answers how it ended. A crash or hang kills only this process; the pool counts it.
 */

export interface FuzzJob {
  id: number;
  format: string;
  path: string;
}

export interface FuzzReply {
  id: number;
  /** refused: a clear error value; previewed: a valid preview; unexpected: an exception or INTERNAL error. */
  outcome: 'refused' | 'previewed' | 'unexpected';
  message: string;
  ms: number;
  peakMb: number;
  /** The case's history moved or its files changed: a preview must never touch it. */
  touched: boolean;
}

const XLSX_MAPPING: CsvMapping = { columns: { date: 'Date', title: 'Title', country: 'Country', admin1: 'Province', fatalities: 'Fatalities', actor: 'Actor', source: 'Source' }, dateFormat: 'auto', defaultCategory: 'attack', actorClaim: 'attributed' };
const FORMAT: Record<string, ImportFormat> = { stix: 'stix', acled: 'acled', gtd: 'gtd', xlsx: 'csv' };

const dir = process.env['FUZZ_DIR'] ?? '';
const identity = process.env['FUZZ_IDENTITY'] ?? '';
const casePath = join(dir, 'victim.cfcase');

/** Name → hash of the case's files (locks aside), to prove a preview wrote nothing. */
function folderState(): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (!name.startsWith('victim.cfcase') || name.endsWith('.lock')) continue;
    try {
      state[name] = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
    } catch {
      state[name] = 'not a file'; // the blob folder: attachments arrive only by a merge, which is never run here
    }
  }
  return state;
}

function changedFiles(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((name) => before[name] !== after[name]);
}

async function main(): Promise<void> {
  const cases = new CaseService({ user: 'victim', foldAfterIdleMs: 2 ** 31 - 1 });
  const created = await cases.create(casePath, 'fuzz victim passphrase, not a secret', generateCase({ events: 30, actors: 6, seed: 3 }));
  if (!created.ok) throw new Error(created.error.message);
  const imports = new ImportService(cases, { uploadDir: join(dir, 'uploads') });
  const exchange = new ExchangeService(cases, 'victim');
  await exchange.keyring(); // made on first use: made now, so the state compared below holds it
  const history = (): string => `${cases.document?.history.length ?? -1}:${cases.document?.history.at(-1)?.seq ?? 0}`;
  const before = { history: history(), files: folderState() };

  process.on('message', (job: FuzzJob | 'stop') => {
    if (job === 'stop') {
      const changed = changedFiles(before.files, folderState());
      void cases.close().then(() => process.send?.({ id: -1, outcome: 'refused', message: changed.join(', '), ms: 0, peakMb: 0, touched: changed.length > 0 } satisfies FuzzReply, () => process.exit(0)));
      return;
    }
    void run(job).then((reply) => process.send?.(reply));
  });
  process.send?.({ id: 0, outcome: 'refused', message: 'ready', ms: 0, peakMb: 0, touched: false } satisfies FuzzReply);

  async function run(job: FuzzJob): Promise<FuzzReply> {
    const started = Date.now();
    let outcome: FuzzReply['outcome'];
    let message = '';
    try {
      if (job.format === 'casefile') {
        const { plan } = await exchange.open(await readCasefileFile(job.path), { identities: [identity], name: basename(job.path) });
        outcome = Array.isArray(plan.added) ? 'previewed' : 'unexpected';
      } else {
        const ref = await imports.register(job.path);
        if (!ref.ok) throw new Error(ref.error.message);
        const preview = await imports.preview(ref.value.fileId, FORMAT[job.format], job.format === 'xlsx' ? XLSX_MAPPING : undefined);
        imports.cancel();
        if (preview.ok) outcome = typeof preview.value.counts.add === 'number' ? 'previewed' : 'unexpected';
        else {
          outcome = preview.error.code === 'INTERNAL' ? 'unexpected' : 'refused';
          message = `${preview.error.code}: ${preview.error.message}`;
        }
      }
    } catch (error) {
      outcome = error instanceof StoreError && error.code !== 'INTERNAL' ? 'refused' : 'unexpected';
      message = error instanceof Error ? (outcome === 'unexpected' ? (error.stack ?? error.message) : error.message) : String(error);
    }
    return { id: job.id, outcome, message: message.slice(0, 2_000), ms: Date.now() - started, peakMb: Math.round(process.resourceUsage().maxRSS / 1024), touched: history() !== before.history };
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz worker could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(3);
});
