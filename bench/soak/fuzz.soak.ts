import { runFuzz } from '../fuzz/pool';
import type { SoakModule } from '../soak';

/**
 * `npm run soak -- fuzz [--cases N] [--seed S] [--workers W]`: N mutated files a format (default
 * 10,000) of a partner's .casefile, a STIX bundle, ACLED and GTD CSV and an XLSX workbook, each
 * read through the app's preview path in a worker with a 1 GB heap. Failures print the seed,
 * format and case number (rerun with the same seed to reproduce) and keep the input file.
 */
const fuzz: SoakModule = async ({ dir, options, log }) => {
  const cases = Number(options['cases'] ?? 10_000);
  const seed = Number(options['seed'] ?? Date.now() % 2 ** 31);
  const workers = Number(options['workers'] ?? 2);
  if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(seed) || !Number.isInteger(workers) || workers < 1) throw new Error('--cases, --seed and --workers take whole numbers (cases and workers at least 1)');
  log(`seed ${seed}, ${cases} cases a format, ${workers} workers`);
  const { figures } = await runFuzz({ cases, seed, workers, dir, log });
  return { figures: { fuzz_seed: seed, ...figures }, failures: ['fuzz_crashes', 'fuzz_over_budget', 'fuzz_touched'] };
};

export default fuzz;
