import { writeFileAtomic } from './atomic-write';
import type { FileSystem } from './file-system';
import { seal } from './keys';

/**
 * Small JSON files sealed with a case's data key and bound to the case (the exchange keyring, the
 * TAXII connections): `MAGIC | nonce | AES-GCM(JSON)`, with `MAGIC + case id` as associated data.
 */
export async function writeSealedJson(fs: FileSystem, path: string, magic: Buffer, dataKey: Buffer, caseId: string, data: unknown): Promise<void> {
  const sealed = seal(dataKey, Buffer.from(JSON.stringify(data)), Buffer.concat([magic, Buffer.from(caseId)]));
  await writeFileAtomic(fs, path, [magic, sealed.nonce, sealed.data], { backup: false });
}

const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `task` after every task queued before it for the same path has settled: read-change-write
 * of one file one at a time, whichever object (window, service) asks.
 */
export function oneAtATime<T>(path: string, task: () => Promise<T>): Promise<T> {
  const run = (queues.get(path) ?? Promise.resolve()).then(task);
  const settled = run.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return run;
}
