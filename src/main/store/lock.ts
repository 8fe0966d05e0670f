import { promises as fsp } from 'node:fs';
import { fromSystemError, StoreError } from './store-error';

/**
 * One writer per case: `<store>.lock` holds the writer's pid. A lock whose process is gone
 * (a crash, kill -9) is taken over, so a crash never locks the analyst out.
 */
export async function acquireLock(storePath: string): Promise<() => Promise<void>> {
  const lockPath = `${storePath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    let created = false;
    try {
      const handle = await fsp.open(lockPath, 'wx', 0o600);
      created = true;
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      return async () => {
        await fsp.unlink(lockPath).catch(() => undefined);
      };
    } catch (error) {
      // Created but not written (a full disk): remove our empty lock rather than leave it behind.
      if (created) await fsp.unlink(lockPath).catch(() => undefined);
      // A read-only folder or a full disk: say so, rather than fail with a raw system error.
      // (No folder: there is no case file either — name the case, not the lock.)
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw fromSystemError(error, code === 'ENOENT' ? storePath : lockPath, code === 'ENOENT' ? 'opening' : 'locking');
      const holder = Number((await fsp.readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new StoreError('LOCKED', `The case is open in another Casefile Workbench process (pid ${holder}). Close it there first.`);
      }
      await fsp.unlink(lockPath).catch(() => undefined);
    }
  }
  throw new StoreError('LOCKED', `Could not take the lock ${lockPath}. Close other Casefile Workbench windows and try again.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
