import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import type { FileSystem } from '../file-system';
import { isHeld } from './registry';
import { BLOB_FILE, TEMP_FILE } from './sweep';

/**
 * `<case>.blobs/owner.json`: which case the folder's files belong to, and the highest edit that
 * ever referred to one of them. Sweeping unused files is only safe when the case being opened is
 * that case at or after that edit; otherwise the case is an older copy (a restored `.bak`, a
 * journal set aside) or another case under the same name, and a newer or other copy may still
 * need the files this one does not know.
 */
export interface BlobOwner {
  caseId: string;
  /** Highest sequence number of an edit that referred to a file in the folder. */
  seq: number;
}

const OWNER_FILE = 'owner.json';
/** A write of owner.json a crash cut short (writeFileAtomic's temp name). */
const OWNER_TEMP = /^\.owner\.json\.[0-9a-f]{12}\.tmp$/;

export type SweepDecision = { sweep: true } | { sweep: false; why: 'no-folder' | 'unknown-owner' | 'other-case' | 'older-copy'; owner: BlobOwner | null };

export async function readOwner(fs: FileSystem, dir: string): Promise<BlobOwner | null> {
  try {
    const parsed = JSON.parse((await fs.readFile(join(dir, OWNER_FILE))).toString('utf8')) as Partial<BlobOwner>;
    return typeof parsed.caseId === 'string' && Number.isSafeInteger(parsed.seq) ? { caseId: parsed.caseId, seq: parsed.seq as number } : null;
  } catch {
    return null;
  }
}

/** Records the folder's owner (whole or not at all). */
export async function writeOwner(fs: FileSystem, dir: string, owner: BlobOwner): Promise<void> {
  await writeFileAtomic(fs, join(dir, OWNER_FILE), Buffer.from(`${JSON.stringify(owner)}\n`, 'utf8'), { backup: false });
}

/** Whether the folder holds any blob file (an empty or missing folder has nothing to protect). */
export async function holdsBlobs(fs: FileSystem, dir: string): Promise<boolean | null> {
  try {
    return (await fs.readdir(dir)).some((name) => BLOB_FILE.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Sweep only the owner's folder, opened at or after the last edit that referred to a file in it.
 * A folder with files but no owner record is never swept (its origin is unknown).
 */
export function sweepDecision(owner: BlobOwner | null, hasBlobs: boolean | null, caseId: string, seq: number): SweepDecision {
  if (hasBlobs === null) return { sweep: false, why: 'no-folder', owner };
  if (!owner) return hasBlobs ? { sweep: false, why: 'unknown-owner', owner } : { sweep: true };
  if (owner.caseId !== caseId) return { sweep: false, why: 'other-case', owner };
  if (seq < owner.seq) return { sweep: false, why: 'older-copy', owner };
  return { sweep: true };
}

/**
 * Removes temp files of writes a crash cut short (an add's, owner.json's): whoever sweeps holds
 * the case's lock, so no other process is writing them, and they are nobody's data. Done on every
 * open, even one that keeps unused blobs. Best effort.
 */
export async function removeLeftoverBlobTemps(fs: FileSystem, dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!OWNER_TEMP.test(name) && !TEMP_FILE.test(name)) continue;
    if (isHeld(join(dir, name))) continue;
    await fs.unlink(join(dir, name)).catch(() => undefined);
  }
}
