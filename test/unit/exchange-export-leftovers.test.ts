import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { writeCasefile } from '../../src/main/services/exchange/casefile-write';
import { newIdentity } from '../../src/main/services/exchange/identity';
import { ownStamp } from '../../src/main/store/process-identity';
import { plainEvent } from '../helpers/records';
import { newCase, removeTempDirs, tempDir } from '../helpers/store';

afterAll(removeTempDirs);

const CHILD = fileURLToPath(new URL('../helpers/export-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sizeOf(path: string): number {
  return statSync(path).isDirectory() ? readdirSync(path).reduce((sum, n) => sum + sizeOf(join(path, n)), 0) : statSync(path).size;
}

/** Starts an export of a large case in a child process and kills it (SIGKILL) once its work folder holds 1 MB. */
async function killedExport(out: string): Promise<void> {
  const dir = join(out, '..');
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, out, '150000'], { cwd: ROOT, stdio: 'ignore' });
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      const parts = readdirSync(dir).filter((n) => n.endsWith('.parts'));
      if (parts.length > 0 && sizeOf(join(dir, parts[0]!)) > 1_000_000) {
        clearInterval(timer);
        child.kill('SIGKILL');
        resolve();
      }
    }, 20);
    child.on('exit', () => {
      clearInterval(timer);
      reject(new Error('the export ended before it could be killed'));
    });
  });
  await new Promise((resolve) => child.on('close', resolve));
}

it('the work folder of an export killed with kill -9 is removed by the next export to the same folder; a live one, and what is not ours, stay', async () => {
  const dir = tempDir('export-leftovers');
  const out = join(dir, 'handover.casefile');
  await killedExport(out);
  const left = readdirSync(dir).filter((n) => n.endsWith('.parts'));
  expect(left).toHaveLength(1);
  // A work folder a live export holds (this process), and a folder of the analyst's that only looks alike.
  const live = join(dir, '.other.casefile.0123456789ab.parts');
  mkdirSync(live);
  writeFileSync(join(live, 'holder.json'), JSON.stringify({ ...ownStamp(), createdAt: Date.now() }));
  const notOurs = join(dir, 'notes.parts');
  mkdirSync(notOurs);
  // An older version's work folder (no holder record), untouched for two hours.
  const old = join(dir, '.old.casefile.ba9876543210.parts');
  mkdirSync(old);
  writeFileSync(join(old, '.add-0123456789abcdef.tmp'), 'sealed bytes');
  const hoursAgo = (Date.now() - 2 * 3600_000) / 1000;
  utimesSync(join(old, '.add-0123456789abcdef.tmp'), hoursAgo, hoursAgo);
  utimesSync(old, hoursAgo, hoursAgo);

  const identity = await newIdentity('next');
  const doc = newCase('Next');
  doc.events.push(plainEvent('event--n', 'n', { marking: 'TLP:CLEAR' }));
  await writeCasefile({ doc, identity, sequence: 2, maxMarking: 'TLP:RED', to: { recipients: [identity.ageRecipient] }, out: join(dir, 'next.casefile'), overwrite: false });
  expect(readdirSync(dir).sort()).toEqual(['.other.casefile.0123456789ab.parts', 'next.casefile', 'notes.parts'].sort());
}, 180_000);
