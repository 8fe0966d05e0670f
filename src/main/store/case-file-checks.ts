import { promises as fsp } from 'node:fs';
import { identityOfExisting } from './case-identity';
import { nodeFileSystem } from './file-system';
import { StoreError } from './store-error';
import { journalPathOf } from './store-read';

/** Checks on a case's file and its names, made before it is opened or saved (case-store.ts). */

/** The snapshot file's identity and state; a save (rename of a new file) always changes it. */
export async function stampOf(path: string): Promise<string> {
  const info = await fsp.stat(path, { bigint: true }).catch(() => null);
  return info ? `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}` : 'absent';
}

/**
 * A case file with a second name (a hard link) would be two cases to the lock and one file on
 * disk: two windows could write to it at once. Refuse, and say how to make a copy instead.
 */
export async function refuseHardLinks(path: string): Promise<void> {
  const info = await fsp.stat(path).catch(() => null);
  if (!info?.isFile() || info.nlink <= 1) return;
  throw new StoreError(
    'CONFLICT',
    `${path} has ${info.nlink} names (hard links to one file), and two names would let two windows write to one case unseen. Remove the other name, or make a copy instead of a link, then open it again; nothing was changed.`,
  );
}

/**
 * Older versions kept a case's journal beside the path they were given, even a symlink's. Opening
 * through the link now uses the real file's journal; refuse rather than leave edits behind.
 */
export async function refuseJournalBesideLink(requested: string, real: string): Promise<void> {
  const beside = journalPathOf(requested);
  if (beside === journalPathOf(real) || !(await nodeFileSystem.exists(beside))) return;
  const realJournal = await identityOfExisting(beside).catch(() => null);
  if (realJournal?.path === journalPathOf(real)) return; // the journal is a link to the real one
  throw new StoreError(
    'CONFLICT',
    `${requested} is a link to ${real}, and a journal of edits sits beside the link (${beside}). Move that journal next to ${real} as ${journalPathOf(real)} (if none is there already), then open the case again; nothing was changed.`,
  );
}
