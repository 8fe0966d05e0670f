import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { livenessOf, ownStamp, type ProcessStamp } from '../../store/process-identity';

/**
 * An export's work folder, `<dir>/<prefix>.<12 hex>.parts`: the records, compressed and sealed
 * under a key that exists only in memory, kept between the export's two passes. An export that is
 * killed (kill -9, a power cut) cannot remove it, so each one records who made it (`holder.json`,
 * the process stamp the case lock uses) and the next export to the same folder removes the work
 * folders whose maker is provably gone. Its bytes are unreadable without the lost key; removing
 * them frees the disk and leaves nothing beside the analyst's files.
 */

/** Our work folders' names: `.` + the output's name (or "casefile") + 12 hex digits + `.parts`. */
const WORK_FOLDER = /^\..+\.[0-9a-f]{12}\.parts$/;
const HOLDER = 'holder.json';
/** A folder with no holder record (an older version's, or one killed before writing it) untouched this long is a leftover. */
const UNSTAMPED_STALE_MS = 60 * 60 * 1000;

interface Holder extends ProcessStamp {
  createdAt: number;
}

/** Creates a new work folder in `dir` (mode 0700) and records that this process holds it. */
export async function createWorkFolder(dir: string, prefix: string): Promise<string> {
  const path = join(dir, `${prefix}.${randomBytes(6).toString('hex')}.parts`);
  await mkdir(path, { mode: 0o700 });
  const holder: Holder = { ...ownStamp(), createdAt: Date.now() };
  try {
    await writeFile(join(path, HOLDER), `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  } catch (error) {
    await rm(path, { recursive: true, force: true });
    throw error;
  }
  return path;
}

/**
 * Removes work folders in `dir` that killed exports left: only names of ours, and only when the
 * process that made one is provably gone (or, without a record of it, when nothing in it has
 * changed for an hour). A live export's folder, here or in another process, is never touched.
 * Best effort: what cannot be judged or removed stays for a later export.
 */
export async function sweepWorkFolders(dir: string): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!WORK_FOLDER.test(name)) continue;
    const path = join(dir, name);
    try {
      if (!(await stat(path)).isDirectory()) continue;
      if (!(await abandoned(path))) continue;
      await rm(path, { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Gone already (another sweep), or not ours to judge: left for later.
    }
  }
  return removed;
}

async function abandoned(path: string): Promise<boolean> {
  const holder = await readHolder(path);
  if (holder) return livenessOf(holder, holder.createdAt).state === 'dead';
  let newest = (await stat(path)).mtimeMs;
  for (const entry of await readdir(path)) newest = Math.max(newest, (await stat(join(path, entry)).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs);
  return Date.now() - newest > UNSTAMPED_STALE_MS;
}

async function readHolder(path: string): Promise<Holder | null> {
  try {
    const parsed = JSON.parse(await readFile(join(path, HOLDER), 'utf8')) as Partial<Holder>;
    return Number.isSafeInteger(parsed.pid) && Number.isFinite(parsed.createdAt) ? (parsed as Holder) : null;
  } catch {
    return null;
  }
}
