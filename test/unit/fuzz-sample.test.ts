import { afterAll, describe, expect, it } from 'vitest';
import { runFuzz } from '../../bench/fuzz/pool';
import { removeTempDirs, tempDir } from '../helpers/store';

/**
 * The CI sample of `npm run soak -- fuzz` (issue 15, point 3): 40 mutated files of each format
 * (.casefile, STIX, ACLED, GTD, XLSX) read through the app's preview paths in 1 GB workers. Every
 * one ends in a clear error or a valid preview, within 10 s and 1 GB, and the case is untouched.
 * The seed is fixed so a failure here reproduces with `npm run soak -- fuzz --seed 20151 …`.
 */
afterAll(removeTempDirs);

describe('hostile files under mutation fuzzing (CI sample)', () => {
  it('never crash, hang, exhaust memory or touch the case', async () => {
    const lines: string[] = [];
    const run = await runFuzz({ cases: 40, seed: 20151, workers: 2, dir: tempDir('fuzz-sample'), log: (m) => lines.push(m) });
    expect(run.failures, lines.join('\n')).toEqual([]);
    expect(run.figures).toMatchObject({ fuzz_cases: 200, fuzz_crashes: 0, fuzz_over_budget: 0, fuzz_touched: 0 });
    // Mutations are not all refused: some files still preview, so the read path past the checks is exercised.
    expect(run.figures['fuzz_previewed']).toBeGreaterThan(0);
  }, 180_000);
});
