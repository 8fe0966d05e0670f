import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../helpers/store';

/**
 * Adding and reading a big file costs memory that does not grow with its size. Measured in a
 * child process (peak RSS from /proc/self/status) so the test runner's own heap does not blur it.
 */
afterAll(removeTempDirs);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('../helpers/blob-child.ts', import.meta.url));
const MIB = 200;

interface Figures {
  before: number;
  afterAdd: number;
  afterRead: number;
  size: number;
  addHashOk: boolean;
  readHashOk: boolean;
}

function runChild(dir: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: ROOT,
      env: { ...process.env, BLOB_MODE: 'memory', BLOB_MB: String(MIB), BLOB_DIR: dir, BLOB_KEY: randomBytes(32).toString('hex') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (data: Buffer) => (out += data.toString()));
    child.stderr.on('data', (data: Buffer) => (err += data.toString()));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim()) as Figures) : reject(new Error(`child failed (${code}): ${err}`))));
  });
}

describe('memory', () => {
  it(`adding and reading a ${MIB} MiB stream raises peak RSS by well under 100 MB`, async () => {
    const figures = await runChild(join(tempDir('blob-memory'), 'x.cfcase.blobs'));
    expect(figures).toMatchObject({ size: MIB * 1024 * 1024, addHashOk: true, readHashOk: true });
    const addGrowthMb = (figures.afterAdd - figures.before) / 1024;
    const readGrowthMb = (figures.afterRead - figures.before) / 1024;
    expect(addGrowthMb, `add raised peak RSS by ${addGrowthMb.toFixed(1)} MB`).toBeLessThan(100);
    expect(readGrowthMb, `add and read raised peak RSS by ${readGrowthMb.toFixed(1)} MB`).toBeLessThan(100);
  });
});
