import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { buildDemoCase, DEMO_PASSPHRASE } from './demo/isk-case';
import { CaseStore } from './store/case-store';

/** Writes the bundled demo case to `path` unless a file is already there. */
export async function ensureDemoCase(path: string): Promise<'created' | 'existed'> {
  const exists = await fsp.access(path).then(
    () => true,
    () => false,
  );
  if (exists) return 'existed';
  await fsp.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const store = await CaseStore.create(path, DEMO_PASSPHRASE, buildDemoCase(new Date().toISOString()));
  await store.close();
  return 'created';
}
