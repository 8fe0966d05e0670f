import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { attachmentId } from '../../src/shared/domain/attachment';
import { plainSource } from '../helpers/records';
import { team } from '../helpers/exchange';
import { newCase, PASSPHRASE, removeTempDirs, tempDir } from '../helpers/store';

/**
 * A large evidence file goes through export and open (with the merge) in bounded memory: each
 * step runs in a child process with a small heap, and its peak resident memory may grow by far
 * less than the file's size.
 */
afterAll(removeTempDirs);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../../bench/casefile-child.ts', import.meta.url));
const MIB = 1024 * 1024;
const FILE_MB = 300;
/** What a step may add to its process's peak RSS: a third of the file. Holding it whole would add 300 MB and more. */
const GROWTH_LIMIT_MB = 100;

interface Figures {
  baselineMb: number;
  peakMb: number;
  ms: number;
  attachments?: unknown;
}

function step(args: string[]): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=128', '--import', 'tsx', CHILD, ...args], { cwd: ROOT, env: { ...process.env, CASE_PASSPHRASE: PASSPHRASE }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    child.stderr.on('data', (data: Buffer) => (err += data.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '') as Figures) : reject(new Error(`${args[0]} failed (${code}): ${err.slice(-2000)}`))));
  });
}

/** A file of `mb` MiB of varied bytes, written a MiB at a time; its SHA-256. */
async function writeFile(path: string, mb: number): Promise<string> {
  const seed = randomBytes(MIB);
  const hash = createHash('sha256');
  const handle = await open(path, 'w');
  try {
    for (let i = 0; i < mb; i++) {
      seed.writeUInt32BE(i, (i * 4099) % (MIB - 4));
      hash.update(seed);
      await handle.write(seed);
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

describe('memory', () => {
  it(`a ${FILE_MB} MiB attachment goes out and comes in with peak RSS growing by well under its size`, async () => {
    const dir = tempDir('casefile-memory');
    const source = join(dir, 'evidence.bin');
    const sha256 = await writeFile(source, FILE_MB);
    const size = FILE_MB * MIB;
    const doc = newCase('Big evidence');
    doc.sources.push({ ...plainSource('source--video', 'Long video'), attachment: { name: 'video.mp4', mediaType: 'video/mp4', size, sha256 } });
    doc.attachments.push({ id: attachmentId(sha256), name: 'video.mp4', mediaType: 'video/mp4', size, sha256 });
    const alice = await team('alice-memory', doc);
    expect((await alice.cases.blobs!.addFile(source)).sha256).toBe(sha256);
    await alice.cases.close();
    const bob = await team('bob-memory');
    const bobKey = (await bob.exchange.publicKey()).ageRecipient;
    await bob.cases.close();

    const out = join(dir, 'big.casefile');
    const exported = await step(['export', alice.path, out, bobKey]);
    const exportGrowth = exported.peakMb - exported.baselineMb;
    expect(exportGrowth, `export raised peak RSS by ${exportGrowth.toFixed(0)} MB`).toBeLessThan(GROWTH_LIMIT_MB);

    const received = await step(['open', bob.path, out]);
    const openGrowth = received.peakMb - received.baselineMb;
    expect(received.attachments).toEqual([{ sha256, size }]);
    expect(openGrowth, `open and merge raised peak RSS by ${openGrowth.toFixed(0)} MB`).toBeLessThan(GROWTH_LIMIT_MB);
  }, 300_000);
});
