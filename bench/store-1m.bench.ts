/**
 * The store at 1,000,000 events and 100,000 actors (issue #13): each phase runs in a node of its
 * own with `--max-old-space-size=4096`, the heap Electron's main process has (store-1m-child.ts).
 *
 * Targets: open_1m_ms < 10,000 and ≤ 1.5 × open_1m_baseline_ms (scrypt + read + decrypt + parse
 * of the same bytes, measured in the same run); open_1m_heap_mb < 3,000; save_1m_ms ≤ 1.5 ×
 * save_1m_baseline_ms; edit_persist_1m_ms < 15. open_1m_migrate_ms: the same records written at
 * the previous schema, opened (migrated and saved), beside open_1m_ms.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchContext } from './run';

const root = fileURLToPath(new URL('../', import.meta.url));

function phase(name: string, dir: string, log: (m: string) => void): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--expose-gc', '--import', 'tsx', join(root, 'bench/store-1m-child.ts'), name, dir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => log(c.trimEnd()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Record<string, number>) : reject(new Error(`store-1m ${name} failed (exit ${code})`))));
  });
}

export default async function store1mBench({ dir, log }: BenchContext): Promise<Record<string, number>> {
  const created = await phase('create', dir, log);
  // Baseline and open alternate, each from a cold process, so neither gets the other's warm-up.
  const baseline = await phase('baseline', dir, log);
  const opened = await phase('open', dir, log);
  // The first open after an update of the schema (a step that leaves the events as they are).
  const migrated = await phase('migrate', dir, log);
  const figures = { ...created, ...baseline, ...opened, ...migrated, open_1m_to_baseline_ratio: Number((opened['open_1m_ms']! / baseline['open_1m_baseline_ms']!).toFixed(3)), save_1m_to_baseline_ratio: Number((opened['save_1m_ms']! / opened['save_1m_baseline_ms']!).toFixed(3)) };
  log(JSON.stringify(figures));
  return figures;
}
