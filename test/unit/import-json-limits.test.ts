import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../helpers/store';

/**
 * A STIX bundle is parsed whole. One a few tens of MB long that parsing would turn into more than
 * the process's heap (millions of tiny arrays) is refused before it is parsed, with the file's
 * name, instead of killing the app. Read in a child process with a 512 MB heap.
 */
afterAll(removeTempDirs);

const CHILD = fileURLToPath(new URL('../helpers/import-read-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function importInChild(path: string): Promise<{ ok: boolean; code?: string; message?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=512', '--import', 'tsx', CHILD, path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return resolve({ ok: false, code: `EXIT ${code ?? signal}`, message: stderr.slice(-300) });
      resolve(JSON.parse(line) as { ok: boolean; code?: string; message?: string });
    });
  });
}

describe('a STIX bundle that is small but costly to parse', () => {
  it('is refused before parsing, naming the file, and the process lives', async () => {
    const path = join(tempDir('stix-bomb'), 'bundle.json');
    writeFileSync(path, `{"type":"bundle","id":"bundle--11111111-1111-4111-8111-111111111111","objects":[${'[0],'.repeat(12_000_000)}[0]]}`);
    const started = Date.now();
    const outcome = await importInChild(path);
    expect(outcome).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(outcome.message).toMatch(/^bundle\.json: .*would take about .* of memory to read/);
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('is refused when nested deeper than any bundle is', async () => {
    const path = join(tempDir('stix-deep'), 'deep.json');
    writeFileSync(path, `{"type":"bundle","objects":[${'['.repeat(200)}${']'.repeat(200)}]}`);
    const outcome = await importInChild(path);
    expect(outcome).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(outcome.message).toMatch(/^deep\.json: .*nests 202 levels deep/);
  }, 60_000);
});
