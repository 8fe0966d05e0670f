/**
 * Edits the renderer has begun but main may not have journaled yet: a rating key that waits for
 * its double (c → cc), or a call on its way. Undo and redo settle them first, so Ctrl+Z takes
 * back the edit the analyst just made, not the one before it (docs/ach.md, "The view").
 */
const flushers = new Set<() => void>();
const inFlight = new Set<Promise<unknown>>();

/** Registers what commits a waiting edit at once; returns the unregistration. */
export function holdPendingEdit(flush: () => void): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Tracks an edit call until main answers it. */
export function trackEdit<T>(call: Promise<T>): Promise<T> {
  inFlight.add(call);
  const done = () => inFlight.delete(call);
  call.then(done, done);
  return call;
}

/** Commits every waiting edit and waits until main has answered every edit call begun. */
export async function settleEdits(): Promise<void> {
  for (const flush of [...flushers]) flush();
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
