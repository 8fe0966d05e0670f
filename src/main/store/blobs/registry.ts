/**
 * What this process is doing in blob folders, shared by every BlobStore on the same folder, so
 * a sweep spares what an add is still writing or has only just finished.
 */
const active = new Map<string, number>();
const finished = new Map<string, number>();

/** Marks `path` (a temp file or a blob an add is about to publish) as in use until the returned release is called. */
export function holdPath(path: string): () => void {
  active.set(path, (active.get(path) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (active.get(path) ?? 1) - 1;
    if (left > 0) active.set(path, left);
    else active.delete(path);
  };
}

export function isHeld(path: string): boolean {
  return active.has(path);
}

/** Entries older than this are forgotten (no sweep waits longer for a commit). */
const REMEMBER_MS = 24 * 60 * 60 * 1000;

/** Records that an add returned `path` now: the caller is about to commit a record that names it. */
export function noteAdded(path: string, now = Date.now()): void {
  for (const [known, at] of finished) if (now - at >= REMEMBER_MS) finished.delete(known);
  finished.set(path, now);
}

/** Whether an add returned `path` less than `graceMs` ago. */
export function addedWithin(path: string, graceMs: number, now = Date.now()): boolean {
  const at = finished.get(path);
  return at !== undefined && now - at < graceMs;
}
