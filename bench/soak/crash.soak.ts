/**
 * A thousand real crashes (issues 15.2, 13.5): `npm run soak -- crash --trials 1000`.
 * Each trial starts the writer child (test/helpers/crash-writer.ts: edits, imports, attachment
 * adds, folds into a segmented snapshot), kills it with SIGKILL at a random moment (every third
 * aimed inside a fold, every third inside a file add), reopens the case and checks every
 * acknowledgement (test/helpers/crash-loop.ts). A fresh copy of the seeded case is taken every
 * `--per-case` trials (default 50), so the case and its blob folder stay of a bounded size.
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateCase } from '../generate';
import { CaseStore } from '../../src/main/store/case-store';
import { crashTrial, newAcknowledged } from '../../test/helpers/crash-loop';
import type { SoakModule } from '../soak';

const SEGMENT_BYTES = 64 * 1024;
const PART_BYTES = 4 * 1024;

const crash: SoakModule = async ({ dir, options, log }) => {
  const trials = Number(options['trials'] ?? 1000);
  const perCase = Number(options['per-case'] ?? 50);
  if (!Number.isInteger(trials) || trials < 1) throw new Error('--trials must be a whole number above 0');
  const started = Date.now();
  const template = join(dir, 'template');
  await mkdir(template, { recursive: true });
  const seeded = await CaseStore.create(join(template, 'case.cfcase'), 'crash soak passphrase', generateCase({ events: 1500, actors: 150 }), { tuning: { segmentBytes: SEGMENT_BYTES } });
  const dataKey = seeded.exportDataKey();
  await seeded.close();

  const figures = { crash_trials: 0, crash_acknowledged: 0, crash_lost: 0, crash_failed_opens: 0, crash_failing_trials: 0, crash_kills_in_folds: 0, crash_kills_in_file_adds: 0, crash_seconds: 0 };
  let acked = newAcknowledged();
  let caseDir = '';
  let lastLog = Date.now();
  for (let i = 0; i < trials; i++) {
    if (i % perCase === 0) {
      if (caseDir) await rm(caseDir, { recursive: true, force: true });
      caseDir = join(dir, `case-${i}`);
      await cp(template, caseDir, { recursive: true });
      acked = newAcknowledged();
    }
    const trial = await crashTrial({ path: join(caseDir, 'case.cfcase'), dataKey, index: i, segmentBytes: SEGMENT_BYTES, partBytes: PART_BYTES }, acked);
    figures.crash_trials++;
    figures.crash_acknowledged += trial.acknowledged;
    figures.crash_lost += trial.lost;
    if (trial.failedOpen) figures.crash_failed_opens++;
    if (trial.landed === 'fold') figures.crash_kills_in_folds++;
    if (trial.landed === 'attach') figures.crash_kills_in_file_adds++;
    if (trial.problems.length > 0) {
      figures.crash_failing_trials++;
      log(`FAIL trial ${i} (kill in ${trial.landed}): ${trial.problems.join('; ')}`);
    }
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      log(`${figures.crash_trials}/${trials} trials, ${figures.crash_acknowledged} acknowledged, ${figures.crash_failing_trials} failing`);
    }
  }
  figures.crash_seconds = Math.round((Date.now() - started) / 1000);
  return { figures, failures: ['crash_lost', 'crash_failed_opens', 'crash_failing_trials'] };
};

export default crash;
