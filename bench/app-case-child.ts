/**
 * Writes a generated case for bench/app-1m.bench.ts in a process of its own with a 4 GB heap (a
 * million events do not fit the bench runner's default heap while they are generated and sealed):
 * `node --max-old-space-size=4096 --import tsx bench/app-case-child.ts <path> <events> <actors>`.
 */
import { CaseStore } from '../src/main/store/case-store';
import { generateCase } from './generate';

const APP_PASSPHRASE = 'bench passphrase, not a secret';

const [path, events, actors] = process.argv.slice(2) as [string, string, string];
if (path) {
  const store = await CaseStore.create(path, APP_PASSPHRASE, generateCase({ events: Number(events), actors: Number(actors) }));
  await store.close();
}
