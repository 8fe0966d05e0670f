/**
 * A child process for the kill -9 tests (test/unit/store-crash.test.ts). Run with
 * `node --import tsx test/helpers/crash-writer.ts`; the passphrase comes from the environment.
 *
 *   CRASH_MODE=write   open the store at CRASH_STORE, then loop forever: commit one edit (an event
 *                      `event--crash-<n>` whose fatalities are n), print `ack <seq> <n>` once the
 *                      commit resolved, and every CRASH_FOLD_EVERY edits fold (`fold-start`,
 *                      `fold-end`). Prints `ready <seq>` after opening.
 *                      With CRASH_ATTACH_EVERY=k, every k-th edit is instead a file of 1..CRASH_ATTACH_MAX
 *                      bytes added to the blob folder and its record committed (`attach-start`, then
 *                      `attach <seq> <sha256>`); with CRASH_IMPORT_EVERY=k, every k-th edit is an import of
 *                      CRASH_IMPORT_ROWS events `event--crashimp-<n>-<i>` in one entry (`import <seq> <n> <rows>`).
 *                      CRASH_SEGMENT_BYTES and CRASH_PART_BYTES shrink snapshot segments and journal parts,
 *                      so a small case writes several of each. CRASH_DATA_KEY (hex) skips scrypt.
 *   CRASH_MODE=create  create a store of CRASH_SEED_EVENTS generated events; prints `writing` when
 *                      the snapshot's temp file is created and `created` when done.
 *
 * stdout is a pipe, and pipe writes are synchronous in Node on Linux: a printed ack has left
 * the process before the next edit starts, so the parent sees every acknowledgement.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { generateCase } from '../../bench/generate';
import { CaseStore, type StoreTuning } from '../../src/main/store/case-store';
import { nodeFileSystem, type FileSystem } from '../../src/main/store/file-system';
import { attachmentId } from '../../src/shared/domain/attachment';
import { plainEvent, putAttachment, putRecord } from './records';

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
  const store = await CaseStore.create(path!, passphrase!, doc, { fs, tuning: tuning() });
  say('created');
  await store.close();
}

function tuning(): StoreTuning {
  const segmentBytes = Number(process.env['CRASH_SEGMENT_BYTES'] ?? 0);
  const partBytes = Number(process.env['CRASH_PART_BYTES'] ?? 0);
  return { ...(segmentBytes > 0 ? { segmentBytes } : {}), ...(partBytes > 0 ? { partBytes } : {}) };
}

async function* once(bytes: Buffer): AsyncGenerator<Uint8Array> {
  yield bytes;
}

async function write(): Promise<void> {
  const key = process.env['CRASH_DATA_KEY'];
  const store = await CaseStore.open(path!, key ? { dataKey: Buffer.from(key, 'hex') } : { passphrase: passphrase! }, { tuning: tuning() });
  const foldEvery = Number(process.env['CRASH_FOLD_EVERY'] ?? 20);
  const attachEvery = Number(process.env['CRASH_ATTACH_EVERY'] ?? 0);
  const attachMax = Number(process.env['CRASH_ATTACH_MAX'] ?? 200_000);
  const importEvery = Number(process.env['CRASH_IMPORT_EVERY'] ?? 0);
  const importRows = Number(process.env['CRASH_IMPORT_ROWS'] ?? 100);
  // Carry on counting from the edits earlier runs made.
  let counter = 0;
  for (const event of store.document.events) {
    const match = /^event--crash(?:imp)?-(\d+)/.exec(event.id);
    if (match) counter = Math.max(counter, Number(match[1]) + 1);
  }
  say(`ready ${store.sequence} ${counter}`);
  for (;;) {
    const n = counter++;
    if (attachEvery > 0 && n % attachEvery === attachEvery - 1) {
      say('attach-start');
      const bytes = randomBytes(1 + randomInt(attachMax));
      const added = await store.blobs.add(once(bytes));
      const record = { id: attachmentId(added.sha256), name: `evidence-${n}.bin`, mediaType: 'application/octet-stream', size: added.size, sha256: added.sha256 };
      const seq = await putAttachment(store, record);
      say(`attach ${seq} ${added.sha256}`);
    } else if (importEvery > 0 && n % importEvery === importEvery - 1) {
      const rows = Array.from({ length: importRows }, (_, i) => plainEvent(`event--crashimp-${n}-${i}`, `crash import ${n}`, { fatalities: { min: i, max: i } }));
      const entry = await store.commit((_, seq) => ({ seq, at: new Date().toISOString(), by: 'crash', summary: 'import', kind: 'import', changes: rows.map((row) => ({ op: 'put' as const, collection: 'events' as const, id: row.id, before: null, after: row })) }));
      say(`import ${entry.seq} ${n} ${importRows}`);
    } else {
      const seq = await putRecord(store, 'events', plainEvent(`event--crash-${n}`, `crash edit ${n}`, { fatalities: { min: n, max: n } }));
      say(`ack ${seq} ${n}`);
    }
    if (n % foldEvery === foldEvery - 1) {
      say('fold-start');
      await store.write(store.document);
      say('fold-end');
    }
  }
}

await (mode === 'create' ? create() : write());
