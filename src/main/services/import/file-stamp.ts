import { stat } from 'node:fs/promises';
import type { ImportProgress } from '../../../shared/ipc/channels/import';

/** A file's size and modification time: a file read for a preview is read again at commit only if these are unchanged. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

export async function stampOf(path: string): Promise<FileStamp> {
  const info = await stat(path);
  return { size: info.size, mtimeMs: info.mtimeMs };
}

/** Progress reports at most every 150 ms (forced ones always), so IPC is not flooded. */
export function throttled(listener: ((p: ImportProgress) => void) | undefined): (p: ImportProgress, force?: boolean) => void {
  let last = 0;
  return (progress, force = false) => {
    const now = Date.now();
    if (!listener || (!force && now - last < 150)) return;
    last = now;
    listener(progress);
  };
}
