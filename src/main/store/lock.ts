import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp, type BigIntStats } from 'node:fs';
import { z } from 'zod';
import { livenessOf, ownStamp, type Liveness } from './process-identity';
import { fromSystemError, StoreError } from './store-error';

/**
 * One writer per case: `<real case path>.lock` names its holder (pid, host, boot, process start
 * time) and a random token.
 * - A lock whose holder is provably gone (a crash, a reboot, a reused pid) is taken over.
 * - A lock held by a store open in this very process is never taken over, whatever the spelling
 *   of the path that asks (the token in the file says it is ours).
 * - A lock whose holder may be alive but cannot be proven so (another computer, an older lock
 *   file) is taken over only when the analyst asks (`takeOver`).
 * - Release removes the file only while it still holds our token.
 */
export interface CaseLock {
  /** Set when a lock left behind was taken over: why it was judged safe to. */
  readonly tookOver?: string;
  /**
   * Throws LOCKED when the lock file no longer holds our token (someone took it over). By
   * default one `stat` that finds the file last read unchanged answers; `fresh` reads the file
   * (an open revalidates what a network file system cached): the check that gates an
   * acknowledgement or a rename.
   */
  assertHeld(options?: { fresh?: boolean }): Promise<void>;
  release(): Promise<void>;
}

export interface LockOptions {
  /** The analyst confirmed that the holder is gone; still refused when it is provably alive. */
  takeOver?: boolean;
}

const LockFile = z.object({
  version: z.literal(2),
  token: z.string().min(16),
  pid: z.number().int().positive(),
  host: z.string(),
  machineId: z.string().nullable().optional(),
  pidNs: z.string().nullable().optional(),
  bootId: z.string().nullable(),
  bootTime: z.number(),
  startTicks: z.number().nullable(),
  createdAt: z.string(),
});
type LockFile = z.infer<typeof LockFile>;

/** Tokens of the locks this process holds: "is it open here?" is answered by the lock file itself. */
const heldHere = new Set<string>();

/** A takeover claim older than this was left by a process that died mid-takeover. */
export const CLAIM_STALE_MS = 10_000;

export async function acquireLock(casePath: string, options: LockOptions = {}): Promise<CaseLock> {
  const lockPath = `${casePath}.lock`;
  const mine: LockFile = { version: 2, token: randomBytes(16).toString('hex'), ...ownStamp(), createdAt: new Date().toISOString() };
  const text = JSON.stringify(mine);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createLockFile(casePath, lockPath, text)) return holding(lockPath, mine.token);
    const found = await readLock(lockPath);
    if (!found) {
      // Released between our create and our read (try again) — or not a file at all.
      await refuseStrangeLock(lockPath);
      continue;
    }
    const verdict = judge(found);
    if (verdict.state === 'alive' || (verdict.state === 'unproven' && !options.takeOver)) throw lockedError(casePath, verdict, found);
    const why = verdict.state === 'dead' ? verdict.why : `you chose to take it over (${verdict.why})`;
    if (await replaceLock(lockPath, found.raw, text)) return holding(lockPath, mine.token, why);
    // Another process took it over first, or the holder released it: look again.
  }
  throw new StoreError('LOCKED', `Could not take the lock ${lockPath}: other processes keep changing it. Close other Casefile Workbench windows and try again.`);
}

function holding(lockPath: string, token: string, tookOver?: string): CaseLock {
  heldHere.add(token);
  let released = false;
  // The lock file as we last read it with our token in it. Every commit asks twice whether we
  // still hold the lock; one stat that finds the very same file unchanged answers that without
  // reading and parsing it (four file operations, each a trip through a busy event loop).
  let verified: { identity: FileIdentity; at: number } | null = null;
  return {
    ...(tookOver ? { tookOver } : {}),
    async assertHeld(options = {}) {
      if (!options.fresh && verified && performance.now() - verified.at < REREAD_LOCK_MS) {
        const info = await fsp.stat(lockPath, { bigint: true }).catch(() => null);
        if (info && sameFile(identityOf(info), verified.identity)) return;
      }
      verified = null;
      const found = await readLock(lockPath);
      if (found?.parsed?.token === token) {
        verified = { identity: found.identity, at: performance.now() };
        return;
      }
      throw lockLostError();
    },
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(token);
      const found = await readLock(lockPath);
      if (found?.parsed?.token === token) await fsp.unlink(lockPath).catch(() => undefined);
    },
  };
}

/**
 * Said to the window whose lock was taken over. `written` names the edits of a batch that was
 * already written when the loss was found: whether they are in the case depends on whether the
 * new holder read the journal before or after they landed, so the analyst is told to look.
 */
export function lockLostError(written: readonly string[] = []): StoreError {
  const lead = 'This case was taken over in another window or on another computer, so this window may no longer save to it';
  if (written.length === 0) return new StoreError('LOCKED', `${lead}; this edit was not saved. Note what you changed, close the case here, open it again and make the change again.`);
  const named = `${written.slice(0, 5).map((s) => `"${s}"`).join(', ')}${written.length > 5 ? ` and ${written.length - 5} more` : ''}`;
  return new StoreError(
    'LOCKED',
    `${lead}. These edits may not have been saved: ${named}. Note what you changed, close the case here, open it again and check whether they are there before you make them again.`,
  );
}

/**
 * A takeover renames a new file over the lock (a new inode) and any write changes its times, so a
 * file with the same device, inode, size and change times is the one we read. The file is read
 * again at least this often all the same (a file system with coarse times or reused inodes).
 */
const REREAD_LOCK_MS = 1_000;

interface FileIdentity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

function identityOf(info: BigIntStats): FileIdentity {
  return { dev: info.dev, ino: info.ino, size: info.size, mtimeNs: info.mtimeNs, ctimeNs: info.ctimeNs };
}

function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

async function createLockFile(casePath: string, lockPath: string, text: string): Promise<boolean> {
  let created = false;
  try {
    const handle = await fsp.open(lockPath, 'wx', 0o600);
    created = true;
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    // Created but not written (a full disk): remove our empty lock rather than leave it behind.
    if (created) await fsp.unlink(lockPath).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // No folder means no case either: name the case, not the lock.
    throw fromSystemError(error, code === 'ENOENT' ? casePath : lockPath, code === 'ENOENT' ? 'opening' : 'locking');
  }
}

interface FoundLock {
  raw: string;
  /** Null for a lock file from an older version (a bare pid) or an unreadable one. */
  parsed: LockFile | null;
  legacyPid: number | null;
  writtenAt: number;
  /** The file these bytes were read from, as it was before they were read. */
  identity: FileIdentity;
}

async function readLock(lockPath: string): Promise<FoundLock | null> {
  try {
    // The identity is taken from the open file before its bytes are read: any later change to
    // the file changes its times, so a stat that still matches it has nothing newer to say.
    const handle = await fsp.open(lockPath, 'r');
    let raw: string;
    let info: BigIntStats;
    try {
      info = await handle.stat({ bigint: true });
      raw = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
    let parsed: LockFile | null = null;
    try {
      const result = LockFile.safeParse(JSON.parse(raw));
      parsed = result.success ? result.data : null;
    } catch {
      parsed = null;
    }
    const legacy = parsed ? null : Number(raw.trim());
    return { raw, parsed, legacyPid: legacy !== null && Number.isInteger(legacy) && legacy > 0 ? legacy : null, writtenAt: Number(info.mtimeMs), identity: identityOf(info) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') await refuseStrangeLock(lockPath);
    throw fromSystemError(error, lockPath, 'reading the lock');
  }
}

/** A link or a folder where the lock belongs was not made by this app: say so, touch nothing. */
async function refuseStrangeLock(lockPath: string): Promise<void> {
  const info = await fsp.lstat(lockPath).catch(() => null);
  if (!info || info.isFile()) return;
  throw new StoreError(
    'LOCKED',
    `${lockPath} is ${info.isDirectory() ? 'a folder' : 'a link'}, not a lock file this app wrote, so the case cannot be locked. If no one has the case open, remove ${lockPath} and open it again; nothing was changed.`,
  );
}

function judge(found: FoundLock): Liveness {
  if (found.parsed) {
    if (heldHere.has(found.parsed.token)) return { state: 'alive', why: 'this window already has the case open' };
    return livenessOf(found.parsed, found.writtenAt);
  }
  if (found.legacyPid !== null) return livenessOf({ pid: found.legacyPid }, found.writtenAt);
  // Empty or unreadable: a lock whose writer died before finishing it (we write with fsync).
  return { state: 'dead', why: 'the lock file is empty or unreadable' };
}

function lockedError(casePath: string, verdict: Liveness, found: FoundLock): StoreError {
  if (verdict.state === 'alive') {
    return new StoreError('LOCKED', `This case is already open: ${verdict.why}. Close it there first, then open it here.`);
  }
  const holder = found.parsed ? `process ${found.parsed.pid} on ${found.parsed.host}` : `process ${found.legacyPid ?? '?'}`;
  return new StoreError(
    'LOCK_UNPROVEN',
    `This case may be open elsewhere (${holder}; ${verdict.why}). If you are sure no Casefile Workbench has ${casePath} open, take over its lock (the "Take over" button, or --take-over-lock).`,
  );
}

/**
 * Replaces a stale lock, in a way two processes racing for it cannot both win: a claim file named
 * after the stale lock's content is created exclusively (one winner per stale lock), and the
 * winner checks the lock still holds that content before renaming its own lock over it.
 */
async function replaceLock(lockPath: string, staleRaw: string, text: string): Promise<boolean> {
  const claim = `${lockPath}.claim-${createHash('sha256').update(staleRaw).digest('hex').slice(0, 16)}`;
  let handle: fsp.FileHandle | null = null;
  try {
    handle = await fsp.open(claim, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw fromSystemError(error, lockPath, 'locking');
    // A claim left by a process that died mid-takeover stops nobody for long.
    const info = await fsp.stat(claim).catch(() => null);
    if (info && Date.now() - info.mtimeMs > CLAIM_STALE_MS) await fsp.unlink(claim).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return false;
  }
  try {
    await handle.close();
    const current = await fsp.readFile(lockPath, 'utf8').catch(() => null);
    if (current !== staleRaw) return false;
    const temp = `${lockPath}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fsp.writeFile(temp, text, { mode: 0o600, flag: 'wx', flush: true });
      await fsp.rename(temp, lockPath);
    } catch (error) {
      await fsp.unlink(temp).catch(() => undefined);
      throw fromSystemError(error, lockPath, 'locking');
    }
    return true;
  } finally {
    // Safe to remove: the lock no longer holds the stale content, so a late claimant's check fails.
    await fsp.unlink(claim).catch(() => undefined);
  }
}
