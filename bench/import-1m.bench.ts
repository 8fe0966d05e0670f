/**
 * Import at 1,000,000 ACLED rows (issue #13): import_acled_1m_ms < 120,000 and
 * import_acled_1m_peak_rss_mb < 3,500 (the process's most resident memory during the import, in
 * a node with the 4 GB heap Electron's main process has: import-1m-child.ts).
 * CASEFILE_BENCH_IMPORT_ROWS sets another size while developing (figures are then named after it).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizeLabel } from './app-1m.bench';
import type { BenchContext } from './run';

const root = fileURLToPath(new URL('../', import.meta.url));

export default async function import1mBench({ dir }: BenchContext): Promise<Record<string, number>> {
  const rows = Number(process.env['CASEFILE_BENCH_IMPORT_ROWS'] ?? 1_000_000);
  const n = sizeLabel(rows);
  const figures = await new Promise<Record<string, number>>((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--expose-gc', '--import', 'tsx', join(root, 'bench/import-1m-child.ts'), dir, String(rows)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => process.stderr.write(c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>) : reject(new Error(`import of ${rows} rows failed (exit ${code})`))));
  });
  return {
    [`import_acled_${n}_ms`]: figures['ms']!,
    [`import_acled_${n}_cpu_ms`]: figures['cpuMs']!,
    [`import_acled_${n}_read_ms`]: figures['readMs']!,
    [`import_acled_${n}_plan_ms`]: figures['planMs']!,
    [`import_acled_${n}_commit_ms`]: figures['commitMs']!,
    [`import_acled_${n}_peak_rss_mb`]: figures['peakRssMb']!,
    [`import_acled_${n}_file_mb`]: figures['fileMb']!,
  };
}
