import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileSystem } from './file-system';
import { CLAIM_STALE_MS } from './lock';
import { fromSystemError } from './store-error';

/**
 * Replaces `path` with `bytes` so that at every instant either the old or the new file is
 * there, whole: unique temp file, write, fsync, rename over, fsync the folder.
 * With `backup`, the previous file is kept as `<path>.bak` (one generation), also atomically:
 * it is pinned by a hard link (or a copy) before the rename and only becomes `.bak` once the new
 * file is in place, so a save that fails leaves the old `.bak` as it was.
 */
export interface AtomicWriteOptions {
  backup: boolean;
  /** Runs just before the rename: throws to leave `path` as it is (the case's lock was lost). */
  beforeRename?: () => Promise<void>;
  /** Runs once the new file is in place, with its device and inode (null when they cannot be told). */
  renamed?: (identity: string | null) => void;
  /**
   * The new file starts as a copy of this file (of exactly `size` bytes), and `bytes` are appended
   * to it: a migration's amendment (snapshot-amend.ts). The copy is a clone where the file system
   * can share the blocks (btrfs, XFS, APFS), and never passes through this process.
   */
  startFrom?: { path: string; size: number };
}

export async function writeFileAtomic(fs: FileSystem, path: string, bytes: Uint8Array | readonly Uint8Array[] | AsyncIterable<Uint8Array>, options: AtomicWriteOptions): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let bakTemp: string | null = null;
  try {
    const handle = options.startFrom ? await startAsCopy(fs, options.startFrom, temp) : await fs.createExclusive(temp);
    try {
      // An async iterable is written as it is produced: a large snapshot is never whole in memory.
      for await (const piece of bytes instanceof Uint8Array ? [bytes] : bytes) await handle.write(piece);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const identity = options.renamed ? ((await fs.stat(temp)).identity ?? null) : null;
    if (options.backup && (await fs.exists(path))) {
      bakTemp = `${path}.bak.${randomBytes(6).toString('hex')}.tmp`;
      await pinPrevious(fs, path, bakTemp);
    }
    await options.beforeRename?.();
    await fs.rename(temp, path);
    options.renamed?.(identity);
    if (bakTemp) {
      await fs.rename(bakTemp, `${path}.bak`);
      bakTemp = null;
    }
    await fs.syncDir(dir);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    if (bakTemp) await fs.unlink(bakTemp).catch(() => undefined);
    throw fromSystemError(error, path, 'saving');
  }
}

async function startAsCopy(fs: FileSystem, from: { path: string; size: number }, temp: string) {
  await fs.copyFile(from.path, temp);
  // We hold the case's lock, so nothing else changed it; a different length would be a fault of ours.
  const { size } = await fs.stat(temp);
  if (size !== from.size) throw new Error(`${from.path} changed while it was being saved (${size} bytes, not ${from.size}).`);
  return fs.openAppend(temp);
}

async function pinPrevious(fs: FileSystem, path: string, bakTemp: string): Promise<void> {
  try {
    await fs.link(path, bakTemp);
  } catch {
    // Some file systems (FAT on a USB stick) have no hard links: copy instead.
    await fs.copyFile(path, bakTemp);
  }
}

/**
 * Removes temp files that a save killed mid-way left beside `path` (they are never read).
 * Call only while holding the case's lock, so no live save owns them. Best effort.
 */
export async function removeLeftoverTemps(path: string): Promise<number> {
  const dir = dirname(path);
  const name = escapeRegExp(basename(path));
  // Exactly the names our writes use (a random 12-hex suffix): `x.cfcase`'s sweep must never take
  // the temp files of `x.cfcase.old`, another case in the same folder. The exchange keys are
  // written only by a process holding the case's lock, so their temps are leftovers too.
  const temps = new RegExp(`^(\\.${name}(\\.journal|\\.keys)?|${name}\\.(bak|lock))\\.[0-9a-f]{12}\\.tmp$`);
  const claims = new RegExp(`^${name}\\.lock\\.claim-[0-9a-f]{16}$`);
  let removed = 0;
  try {
    for (const entry of await fsp.readdir(dir)) {
      const leftover =
        temps.test(entry) ||
        // A takeover claim whose process died mid-takeover (live claims last milliseconds).
        (claims.test(entry) && (await isOlderThan(join(dir, entry), CLAIM_STALE_MS)));
      if (leftover) {
        await fsp.unlink(join(dir, entry)).then(
          () => removed++,
          () => undefined,
        );
      }
    }
  } catch {
    // An unreadable folder shows up as a clear error in the open itself.
  }
  return removed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function isOlderThan(path: string, ms: number): Promise<boolean> {
  const info = await fsp.stat(path).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > ms;
}

/** An output write that is alive keeps its temp file's mtime fresh; older ones were killed. */
const OUTPUT_TEMP_STALE_MS = 60_000;

/**
 * Removes temp files a killed write of `outPath` left beside it (`.<name>.<12 hex>.tmp`, the
 * names `writeOutputFile` and blob exports use). They may hold plaintext the analyst exported,
 * so they must not outlive the next write to the same name. Best effort: errors are ignored.
 */
export async function removeStaleOutputTemps(fs: FileSystem, outPath: string): Promise<void> {
  const dir = dirname(outPath);
  const temps = new RegExp(`^\\.${escapeRegExp(basename(outPath))}\\.[0-9a-f]{12}\\.tmp$`);
  try {
    for (const entry of await fs.readdir(dir)) {
      if (!temps.test(entry)) continue;
      const info = await fs.stat(join(dir, entry)).catch(() => null);
      if (info && Date.now() - info.mtimeMs > OUTPUT_TEMP_STALE_MS) await fs.unlink(join(dir, entry)).catch(() => undefined);
    }
  } catch {
    // An unreadable folder shows up as a clear error in the write itself.
  }
}
