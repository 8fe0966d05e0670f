import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { generateActor, generateEvent, generateSource, syntheticId } from '../../bench/generate';
import { emptyCase, type CaseDocument } from '../../src/shared/domain/case';
import type { ErrorCode } from '../../src/shared/ipc/errors';

export { plainActor, plainEvent, plainSource, putEntry, putEvent, putRecord } from './records';

/** The passphrase every test store is created with. */
export const PASSPHRASE = 'correct horse battery staple';

const made: string[] = [];

/** A fresh folder under the OS temp dir; removed by `removeTempDirs` (call it in afterAll). */
export function tempDir(label = 'store'): string {
  const dir = mkdtempSync(join(tmpdir(), `casefile-${label}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** sha256 of a file, or 'absent'. */
export function hashFile(path: string): string {
  try {
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return 'absent';
  }
}

/** Name → hash of every file in a folder, so a test can prove nothing on disk changed. */
export function folderState(dir: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) state[name] = hashFile(join(dir, name));
  return state;
}

/** Leftover temp files from an interrupted save (`.<name>.<hex>.tmp`, `<name>.bak.<hex>.tmp`). */
export function tempFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

export function newCase(name = 'Khorasan province network 2014–2025'): CaseDocument {
  return emptyCase(syntheticId('case', Math.floor(Math.random() * 1e9)), name, '2025-01-01T00:00:00.000Z');
}

/** A small case whose records reference each other: sources, actors, events. */
export function smallCase(events = 20, actors = 5, name?: string): CaseDocument {
  const doc = newCase(name);
  doc.sources = Array.from({ length: 3 }, (_, i) => generateSource(i));
  const sourceIds = doc.sources.map((s) => s.id);
  doc.actors = Array.from({ length: actors }, (_, i) => generateActor(i, sourceIds));
  const actorIds = doc.actors.map((a) => a.id);
  doc.events = Array.from({ length: events }, (_, i) => generateEvent(i, actorIds, sourceIds));
  return doc;
}

/** Asserts that `promise` rejects with a StoreError of `code`, and returns the error. */
export async function expectStoreError(promise: Promise<unknown>, code: ErrorCode): Promise<Error & { code: ErrorCode }> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ${code} error, but it succeeded`).toBeDefined();
  expect(caught).toMatchObject({ name: 'StoreError', code });
  return caught as Error & { code: ErrorCode };
}
