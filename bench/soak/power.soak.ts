/**
 * Simulated power loss (issue 15.1): `npm run soak -- power --cuts 10000 [--seed 1]`.
 * Runs seeded power-cut runs (test/helpers/power-cuts.ts) from `--seed` on until `--cuts` cuts
 * were checked. A failing cut is logged with its seed; rerun it with
 * `POWER_SEED=<seed> npx vitest run test/unit/store-power.test.ts`.
 */
import { join } from 'node:path';
import { prepareTemplates, runPowerSeed } from '../../test/helpers/power-cuts';
import type { SoakModule } from '../soak';

const power: SoakModule = async ({ dir, options, log }) => {
  const wanted = Number(options['cuts'] ?? 10_000);
  const firstSeed = Number(options['seed'] ?? 1);
  if (!Number.isInteger(wanted) || wanted < 1) throw new Error('--cuts must be a whole number above 0');
  const started = Date.now();
  const templates = await prepareTemplates(join(dir, 'templates'));
  const figures = { power_cuts: 0, power_lost_acknowledged: 0, power_failed_opens: 0, power_failing_cuts: 0, power_runs: 0, power_seconds: 0 };
  let lastLog = Date.now();
  for (let seed = firstSeed; figures.power_cuts < wanted; seed++) {
    const run = await runPowerSeed(seed, templates, dir);
    figures.power_runs++;
    figures.power_cuts += run.cuts;
    figures.power_lost_acknowledged += run.lostAcknowledged;
    figures.power_failed_opens += run.failedOpens;
    figures.power_failing_cuts += run.failures.length;
    for (const failure of run.failures) log(`FAIL seed ${failure.seed} cut ${failure.cut} before "${failure.at}": ${failure.problems.join('; ')}`);
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(`${figures.power_cuts}/${wanted} cuts (seed ${seed}), ${figures.power_failing_cuts} failing`);
    }
  }
  figures.power_seconds = Math.round((Date.now() - started) / 1000);
  return { figures, failures: ['power_lost_acknowledged', 'power_failed_opens', 'power_failing_cuts'] };
};

export default power;
