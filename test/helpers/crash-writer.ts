/**
 * A child process for the kill -9 tests (test/unit/store-crash.test.ts). Run with
 * `node --import tsx test/helpers/crash-writer.ts`; the passphrase comes from the environment.
 *
 *   CRASH_MODE=write   open the store at CRASH_STORE, then loop forever: commit one edit (an event
 *                      `event--crash-<n>` whose fatalities are n), print `ack <seq> <n>` once the
 *                      commit resolved, and every CRASH_FOLD_EVERY edits fold (`fold-start`,
 *                      `fold-end`). Prints `ready <seq>` after opening.
 *   CRASH_MODE=create  create a store of CRASH_SEED_EVENTS generated events; prints `writing` when
 *                      the snapshot's temp file is created and `created` when done.
 *
 * stdout is a pipe, and pipe writes are synchronous in Node on Linux: a printed ack has left
 * the process before the next edit starts, so the parent sees every acknowledgement.
 */
import { generateCase } from '../../bench/generate';
import { CaseStore } from '../../src/main/store/case-store';
import { nodeFileSystem, type FileSystem } from '../../src/main/store/file-system';
import { plainEvent, putRecord } from './records';

const path = process.env['CRASH_STORE'];
const passphrase = process.env['CRASH_PASSPHRASE'];
const mode = process.env['CRASH_MODE'] ?? 'write';
if (!path || !passphrase) throw new Error('CRASH_STORE and CRASH_PASSPHRASE are required');

const say = (line: string) => process.stdout.write(`${line}\n`);

async function create(): Promise<void> {
  const doc = generateCase({ events: Number(process.env['CRASH_SEED_EVENTS'] ?? 1000), actors: 200 });
  let announced = false;
  const fs: FileSystem = {
    ...nodeFileSystem,
    createExclusive: async (file) => {
      if (!announced) say('writing');
      announced = true;
      return nodeFileSystem.createExclusive(file);
    },
  };
  const store = await CaseStore.create(path!, passphrase!, doc, { fs });
  say('created');
  await store.close();
}

async function write(): Promise<void> {
  const store = await CaseStore.open(path!, { passphrase: passphrase! });
  const foldEvery = Number(process.env['CRASH_FOLD_EVERY'] ?? 20);
  // Carry on counting from the edits earlier runs made.
  let counter = 0;
  for (const event of store.document.events) {
    if (event.id.startsWith('event--crash-')) counter = Math.max(counter, Number(event.id.slice('event--crash-'.length)) + 1);
  }
  say(`ready ${store.sequence} ${counter}`);
  for (;;) {
    const n = counter++;
    const seq = await putRecord(store, 'events', plainEvent(`event--crash-${n}`, `crash edit ${n}`, { fatalities: { min: n, max: n } }));
    say(`ack ${seq} ${n}`);
    if (n % foldEvery === foldEvery - 1) {
      say('fold-start');
      await store.write(store.document);
      say('fold-end');
    }
  }
}

await (mode === 'create' ? create() : write());
